/**
 * Source checks in every format, on the lockfiles the real tools wrote: the untouched bump installs
 * what the registry serves; each tampering of postmark-mcp's entry (other bytes, another host, git,
 * a patch, a lying version) is a finding that names the entry.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { findChanges } from "../../../src/gate/changes.js";
import { sourceProblem } from "../../../src/gate/sources.js";
import { FIXTURES, fixtureIntegrity } from "../../helpers/fixtures.js";

const ROOT = join(FIXTURES, "lockfiles");
const GOOD = fixtureIntegrity("postmark-mcp", "1.0.16");
const OTHER = fixtureIntegrity("postmark-mcp", "1.0.17");

/** The registry's version document, as fixtureDeps and a real registry give it. */
function meta(name: string, version: string) {
  const file = `${name.replace(/^@[^/]+\//, "")}-${version}.tgz`;
  return {
    name,
    version,
    dist: {
      tarball: `https://registry.npmjs.org/${name}/-/${file}`,
      integrity: fixtureIntegrity(name, version),
    },
  };
}

function problems(tool: string, lockfile: string, tampered?: (text: string) => string): string[] {
  const read = (state: string) =>
    new Map([
      ["package.json", readFileSync(join(ROOT, tool, "single", state, "package.json"), "utf8")],
      [lockfile, readFileSync(join(ROOT, tool, "single", state, lockfile), "utf8")],
    ]);
  const head = read("bump");
  if (tampered) {
    const text = tampered(head.get(lockfile)!);
    assert.notEqual(text, head.get(lockfile), "the tampering applies to this fixture");
    head.set(lockfile, text);
  }
  return findChanges(read("base"), head)
    .filter((c) => c.source === "lockfile")
    .map((c) => sourceProblem(c, meta(c.name, c.to)))
    .filter((p): p is string => p !== null);
}

const swap = (from: string | RegExp, to: string) => (text: string) => text.replace(from, to);

const TAMPERINGS: Record<string, { lockfile: string; cases: Record<string, (t: string) => string> }> = {
  npm: {
    lockfile: "package-lock.json",
    cases: {
      "other bytes": swap(GOOD, OTHER),
      "another host": swap(
        "https://registry.npmjs.org/postmark-mcp/-/",
        "https://evil.example/postmark-mcp/-/",
      ),
      git: swap(
        "https://registry.npmjs.org/postmark-mcp/-/postmark-mcp-1.0.16.tgz",
        "git+https://github.com/evil/postmark-mcp.git#abc",
      ),
    },
  },
  pnpm9: {
    lockfile: "pnpm-lock.yaml",
    cases: {
      "other bytes": swap(GOOD, OTHER),
      "a tarball elsewhere": swap(`{integrity: ${GOOD}}`, "{tarball: https://evil.example/p.tgz}"),
      git: swap(`{integrity: ${GOOD}}`, "{type: git, repo: https://github.com/evil/p, commit: abc}"),
      "a folder": swap(`{integrity: ${GOOD}}`, "{directory: ../evil, type: directory}"),
    },
  },
  pnpm8: {
    lockfile: "pnpm-lock.yaml",
    cases: { "other bytes": swap(GOOD, OTHER) },
  },
  yarn1: {
    lockfile: "yarn.lock",
    cases: {
      "other bytes": swap(GOOD, OTHER),
      "another host": swap(
        "https://registry.npmjs.org/postmark-mcp/-/",
        "https://evil.example/postmark-mcp/-/",
      ),
      "another package's tarball": swap(
        "https://registry.npmjs.org/postmark-mcp/-/postmark-mcp-1.0.16.tgz",
        "https://registry.npmjs.org/postmark-mcp/-/postmark-mcp-1.0.17.tgz",
      ),
    },
  },
  berry: {
    lockfile: "yarn.lock",
    cases: {
      "a tarball elsewhere": swap(
        'resolution: "postmark-mcp@npm:1.0.16"',
        'resolution: "postmark-mcp@https://evil.example/p.tgz"',
      ),
      "a patch of the repository": swap(
        'resolution: "postmark-mcp@npm:1.0.16"',
        'resolution: "postmark-mcp@patch:postmark-mcp@npm%3A1.0.16#~/.yarn/patches/p.patch::version=1.0.16&hash=1"',
      ),
      "a version the resolution does not name": swap(
        /version: 1\.0\.16\n(\s+)resolution: "postmark-mcp@npm:1\.0\.16"/,
        'version: 1.0.16\n$1resolution: "postmark-mcp@npm:1.0.17"',
      ),
    },
  },
  bun: {
    lockfile: "bun.lock",
    cases: {
      "other bytes": swap(GOOD, OTHER),
      "another host": swap(
        "https://registry.npmjs.org/postmark-mcp/-/",
        "https://evil.example/postmark-mcp/-/",
      ),
      git: swap('["postmark-mcp@1.0.16"', '["postmark-mcp@github:evil/postmark-mcp#abc"'),
    },
  },
};

describe("source checks in every lockfile format", () => {
  for (const [tool, { lockfile, cases }] of Object.entries(TAMPERINGS)) {
    it(`${tool}: the bump as the tool wrote it installs what the registry serves`, () => {
      assert.deepEqual(problems(tool, lockfile), []);
    });
    for (const [name, tamper] of Object.entries(cases)) {
      it(`${tool}: ${name} is a finding naming the entry`, () => {
        const found = problems(tool, lockfile, tamper);
        assert.equal(found.length, 1, found.join("\n"));
        assert.match(found[0]!, new RegExp(`${lockfile.replace(".", "\\.")} .*postmark-mcp`));
      });
    }
  }
});
