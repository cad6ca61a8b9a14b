/**
 * The install model on lockfiles the real package managers wrote (fixtures/lockfiles, made by
 * scripts/build-lockfiles.ts): every class of forgery an attacker who writes the lockfile can try
 * makes the gate say "will be re-resolved" (unknown, blocking) or name the guarded change — never
 * "no change". The honest fixtures of every format give no problem at all.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import { changeFrom, changeLabel, changeSetFingerprint, findChanges } from "../../src/gate/changes.js";
import { Commit, type CommitFiles } from "../../src/gate/commit.js";
import type { GuardConfig } from "../../src/gate/config.js";
import { guardedChanges, oldSpecs } from "../../src/gate/guard.js";
import { directInstalls, inWorkspaces } from "../../src/gate/install/index.js";
import { settingsReview } from "../../src/gate/settings.js";
import { type Verdict, verdictOf } from "../../src/gate/verdict.js";
import { FIXTURES, ROOT } from "../helpers/fixtures.js";

const LOCKFILES = join(FIXTURES, "lockfiles");
const PACKAGES: GuardConfig["packages"] = {
  detectMcp: false,
  include: ["postmark-mcp"],
  exclude: [],
  all: false,
};

function load(dir: string): CommitFiles {
  const out: CommitFiles = new Map();
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

const fixture = (tool: string, project: string, state = "base") =>
  load(join(LOCKFILES, tool, project, state));
const folders = (files: CommitFiles) =>
  new Set([...files.keys()].map((k) => (k.includes("/") ? k.slice(0, k.lastIndexOf("/")) : "")));
const verdict = (base: CommitFiles, head: CommitFiles): Verdict =>
  verdictOf(base, head, PACKAGES, new Map(), { maxPackagesPerPr: 25 });

function edit(files: CommitFiles, path: string, f: (text: string) => string): CommitFiles {
  const out = new Map(files);
  out.set(path, f(files.get(path)!));
  return out;
}
// biome-ignore lint/suspicious/noExplicitAny: tests edit parsed lockfiles and manifests freely
type Doc = Record<string, any>;
const editJson = (files: CommitFiles, path: string, f: (doc: Doc) => void) =>
  edit(files, path, (t) => {
    const doc = JSON.parse(t);
    f(doc);
    return `${JSON.stringify(doc, null, 2)}\n`;
  });

function assertUnknown(v: Verdict, ...mention: RegExp[]) {
  assert.equal(v.kind, "unknown", `expected unknown, got ${JSON.stringify(v).slice(0, 400)}`);
  if (v.kind !== "unknown") return;
  for (const m of mention) assert.match(v.message, m);
}

describe("install model: honest lockfiles written by the real managers", () => {
  for (const tool of readdirSync(LOCKFILES).filter((t) => t !== "differential")) {
    for (const project of readdirSync(join(LOCKFILES, tool))) {
      for (const state of readdirSync(join(LOCKFILES, tool, project))) {
        it(`${tool}/${project}/${state}: every direct dependency is locked, none re-resolved`, () => {
          const files = fixture(tool, project, state);
          const installs = directInstalls(new Commit(files), folders(files));
          assert.ok(installs.some((i) => i.alias === "postmark-mcp" && i.entry?.name === "postmark-mcp"));
          assert.deepEqual(
            installs.filter((i) => i.problem).map((i) => i.problem),
            [],
          );
        });
      }
    }
  }
});

describe("install model: a real project's lockfile (this repository's, written by npm)", () => {
  const own = new Map([
    ["package.json", readFileSync(join(ROOT, "package.json"), "utf8")],
    ["package-lock.json", readFileSync(join(ROOT, "package-lock.json"), "utf8")],
  ]);
  it("nested overrides, overridden edges and a dist-tag edge (node-fetch@cjs): nothing re-resolved", () => {
    assert.deepEqual(
      directInstalls(new Commit(own), [""])
        .filter((i) => i.problem)
        .map((i) => i.problem),
      [],
    );
  });
  it("a nested override its parent's entry does not satisfy is re-resolved", () => {
    const head = editJson(own, "package-lock.json", (d) => {
      const parent = Object.keys(d.packages).find((k) => k.endsWith("node_modules/@octokit/request"))!;
      const nested = `${parent}/node_modules/content-type`;
      const key = d.packages[nested] ? nested : "node_modules/content-type";
      d.packages[key].version = "2.0.9";
    });
    const problems = directInstalls(new Commit(head), [""]).filter((i) => i.problem);
    // The override's edge, and every other dependent's own range (negotiator asks for ^2.1.0 too).
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => p.alias === "content-type"));
    assert.ok(problems.some((p) => /@octokit\/request's content-type@\^2\.1\.0/.test(p.problem!)));
  });
});

describe("install model: npm", () => {
  const base = fixture("npm", "single");
  it("a spec the entry does not satisfy, with the lockfile's own record of the spec forged, is re-resolved", () => {
    let head = editJson(base, "package.json", (d) => {
      d.dependencies["postmark-mcp"] = "1.0.16";
    });
    head = editJson(head, "package-lock.json", (d) => {
      d.packages[""].dependencies["postmark-mcp"] = "1.0.16";
    });
    assertUnknown(verdict(base, head), /re-resolved/, /postmark-mcp@1\.0\.16/, /1\.0\.15 does not satisfy/);
  });
  it("a removed entry, with the range widened or kept, is re-resolved", () => {
    for (const spec of ["^1.0.15", "1.0.15", ">=1.0.0"]) {
      let head = editJson(base, "package.json", (d) => {
        d.dependencies["postmark-mcp"] = spec;
      });
      head = editJson(head, "package-lock.json", (d) => {
        delete d.packages["node_modules/postmark-mcp"];
      });
      assertUnknown(verdict(base, head), /no entry node_modules\/postmark-mcp/);
    }
  });
  it("an entry that is not an object (null, a string, an array) is re-resolved", () => {
    for (const value of [null, "1.0.15", ["1.0.15"]]) {
      const head = editJson(base, "package-lock.json", (d) => {
        d.packages["node_modules/postmark-mcp"] = value;
      });
      assertUnknown(verdict(base, head), /not an object/);
    }
  });
  it("an entry that names another package under the guarded name is re-resolved or a guarded change", () => {
    const head = editJson(base, "package-lock.json", (d) => {
      d.packages["node_modules/postmark-mcp"].name = "mail-helpers";
    });
    assertUnknown(verdict(base, head));
  });
  it("an alias of another package under the guarded name is a guarded change of postmark-mcp", () => {
    let head = editJson(base, "package.json", (d) => {
      d.dependencies["postmark-mcp"] = "npm:mail-helpers@1.0.0";
    });
    head = editJson(head, "package-lock.json", (d) => {
      d.packages[""].dependencies["postmark-mcp"] = "npm:mail-helpers@1.0.0";
      d.packages["node_modules/postmark-mcp"] = {
        name: "mail-helpers",
        version: "1.0.0",
        resolved: "https://registry.npmjs.org/mail-helpers/-/mail-helpers-1.0.0.tgz",
        integrity: "sha512-AAAA",
      };
    });
    const changes = guardedChanges(findChanges(base, head), PACKAGES, new Map()).filter(
      (c) => c.source !== "removal",
    );
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.name, "mail-helpers");
    assert.equal(changes[0]!.alias, "postmark-mcp");
    assert.deepEqual(changes[0]!.was, { name: "postmark-mcp", version: "1.0.15" });
    // What the reviewer reads: the guarded name, what it installs now, and what it installed before.
    assert.equal(changeLabel(changes[0]!), "postmark-mcp (installs mail-helpers)");
    assert.equal(changeFrom(changes[0]!), "postmark-mcp@1.0.15");
    // And the source check refuses what the registry cannot vouch for.
    assertUnknown(verdict(base, head), /mail-helpers/);
  });
  it("a workspace's own lockfile is not the one npm reads: its spec must be locked at the root", () => {
    const mono = fixture("npm", "monorepo");
    let head = editJson(mono, "packages/server/package.json", (d) => {
      d.dependencies["postmark-mcp"] = "1.0.16";
    });
    head = new Map(head);
    head.set(
      "packages/server/package-lock.json",
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          "": { dependencies: { "postmark-mcp": "1.0.16" } },
          "node_modules/postmark-mcp": { version: "1.0.16" },
        },
      }),
    );
    assertUnknown(verdict(mono, head));
    const problems = directInstalls(new Commit(head), folders(head)).filter((i) => i.problem);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.lockfile, "package-lock.json");
    assert.match(problems[0]!.problem!, /packages\/server\/package\.json asks for postmark-mcp@1\.0\.16/);
  });
  it("overrides the lockfile was not resolved with are re-resolved", () => {
    const head = editJson(base, "package.json", (d) => {
      d.overrides = { "postmark-mcp": "1.0.16" };
    });
    assertUnknown(verdict(base, head), /overrides asks for postmark-mcp@1\.0\.16/);
  });
  it("a packageManager naming a manager whose lockfile is absent re-resolves everything", () => {
    const head = editJson(base, "package.json", (d) => {
      d.packageManager = "pnpm@9.15.0";
    });
    assertUnknown(verdict(base, head), /packageManager "pnpm@9\.15\.0"/, /pnpm-lock\.yaml/);
  });
  it("a UTF-8 byte-order mark and CRLF line ends are read as the manager reads them", () => {
    const bump = fixture("npm", "single", "bump");
    const crlf = new Map([...bump].map(([k, v]) => [k, `\uFEFF${v.replace(/\n/g, "\r\n")}`]));
    const v = verdict(base, crlf);
    assert.equal(v.kind, "unknown"); // the registry's documents are not given here: the source check says so
    const changes = guardedChanges(findChanges(base, crlf), PACKAGES, new Map());
    assert.deepEqual(
      changes.map((c) => [c.name, c.from, c.to]),
      [["postmark-mcp", "1.0.15", "1.0.16"]],
    );
  });
});

describe("install model: dist-tags", () => {
  it("a dependency asked for at `latest` is the locked entry (npm keeps it, plain and frozen); another package under the name is not", () => {
    const base = fixture("npm", "single");
    // As npm writes it: the lockfile records the new spec, the entry stays.
    let head = editJson(base, "package.json", (d) => {
      d.dependencies["postmark-mcp"] = "latest";
    });
    head = editJson(head, "package-lock.json", (d) => {
      d.packages[""].dependencies["postmark-mcp"] = "latest";
    });
    assert.deepEqual(verdict(base, head), { kind: "no-change" });
    const other = editJson(head, "package-lock.json", (d) => {
      d.packages["node_modules/postmark-mcp"].name = "mail-helpers";
    });
    assertUnknown(verdict(base, other));
    const problems = directInstalls(new Commit(other), [""]).filter((i) => i.problem);
    assert.match(problems[0]?.problem ?? "", /the entry installs mail-helpers/);
  });
});

describe("install model: yarn 1", () => {
  const base = fixture("yarn1", "single");
  it("a descriptor added to the old entry (yarn installs the new version even when frozen) is re-resolved", () => {
    let head = editJson(base, "package.json", (d) => {
      d.dependencies["postmark-mcp"] = "^1.0.16";
    });
    head = edit(head, "yarn.lock", (t) =>
      t.replace("postmark-mcp@1.0.15:", "postmark-mcp@1.0.15, postmark-mcp@^1.0.16:"),
    );
    assertUnknown(verdict(base, head), /postmark-mcp@\^1\.0\.16/, /does not satisfy/);
  });
  it("a bare descriptor line with no version is re-resolved", () => {
    let head = editJson(base, "package.json", (d) => {
      d.dependencies["postmark-mcp"] = "^1.0.16";
    });
    head = edit(
      head,
      "yarn.lock",
      (t) => `${t}\npostmark-mcp@^1.0.16:\n  resolved "https://registry.yarnpkg.com/x.tgz"\n`,
    );
    assertUnknown(verdict(base, head), /postmark-mcp@\^1\.0\.16/);
  });
});

describe("install model: pnpm, berry and bun record the spec they resolved", () => {
  for (const [tool, lockfile] of [
    ["pnpm9", "pnpm-lock.yaml"],
    ["berry", "yarn.lock"],
    ["bun", "bun.lock"],
  ] as const) {
    it(`${tool}: package.json asking for another spec than the lockfile records is re-resolved`, () => {
      const base = fixture(tool, "single");
      const head = editJson(base, "package.json", (d) => {
        d.dependencies["postmark-mcp"] = "^1.0.16";
      });
      assertUnknown(verdict(base, head), /postmark-mcp@\^1\.0\.16/, new RegExp(lockfile.replace(".", "\\.")));
    });
    it(`${tool}: the spec record forged to the new spec, the entry left at 1.0.15, is re-resolved`, () => {
      const base = fixture(tool, "single");
      let head = editJson(base, "package.json", (d) => {
        d.dependencies["postmark-mcp"] = "1.0.16";
      });
      head = edit(head, lockfile, (t) =>
        t
          .replace(/specifier: 1\.0\.15/, "specifier: 1.0.16")
          .replace(/"postmark-mcp": "1\.0\.15"/, '"postmark-mcp": "1.0.16"')
          .replace(/postmark-mcp: "npm:1\.0\.15"/, 'postmark-mcp: "npm:1.0.16"')
          .replace(/"postmark-mcp@npm:1\.0\.15"/, '"postmark-mcp@npm:1.0.16"'),
      );
      assert.notEqual(head.get(lockfile), base.get(lockfile), "the record was forged");
      assertUnknown(verdict(base, head), /postmark-mcp@1\.0\.16/);
    });
  }
  it("pnpm: overrides the lockfile was not resolved with are re-resolved", () => {
    const base = fixture("pnpm9", "single");
    const head = editJson(base, "package.json", (d) => {
      d.pnpm = { overrides: { "postmark-mcp": "1.0.16" } };
    });
    assertUnknown(verdict(base, head), /overrides/);
  });
});

describe("install model: an entry's own dependencies are followed as the manager follows them", () => {
  // `postmark` is postmark-mcp's dependency only: a forged or missing transitive entry.
  const transitive: GuardConfig["packages"] = { ...PACKAGES, include: ["postmark"] };
  const removeTransitive: Record<string, [string, (t: string) => string]> = {
    npm: [
      "package-lock.json",
      (t) => {
        const d = JSON.parse(t);
        delete d.packages["node_modules/postmark"];
        return JSON.stringify(d);
      },
    ],
    yarn1: ["yarn.lock", (t) => t.replace(/\npostmark@\^4\.0\.5:\n(?: {2}.*\n)+/, "\n")],
    berry: ["yarn.lock", (t) => t.replace(/\n"postmark@npm:\^4\.0\.5":\n(?: {2}.*\n)+/, "\n")],
    pnpm9: ["pnpm-lock.yaml", (t) => t.replace(/\n {2}postmark@4\.0\.5:\n {4}resolution: .*\n/, "\n")],
    bun: ["bun.lock", (t) => t.replace(/\n {4}"postmark": \[.*\],\n/, "\n")],
  };
  for (const [tool, [lockfile, mutate]] of Object.entries(removeTransitive)) {
    it(`${tool}: a transitive entry removed from the lockfile is re-resolved`, () => {
      const base = fixture(tool, "single");
      const head = edit(base, lockfile, mutate);
      assert.notEqual(head.get(lockfile), base.get(lockfile), "the entry was removed");
      const v = verdictOf(base, head, transitive, new Map(), { maxPackagesPerPr: 25 });
      assertUnknown(v, /depends on postmark@/);
    });
  }
  it("npm: a transitive entry at a version its dependent's range refuses is re-resolved", () => {
    const base = fixture("npm", "single");
    const head = editJson(base, "package-lock.json", (d) => {
      d.packages["node_modules/postmark"].version = "3.0.0";
    });
    const problems = directInstalls(new Commit(head), folders(head)).filter((i) => i.problem);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.problem!, /depends on postmark@\^4\.0\.5.*3\.0\.0 does not satisfy/);
  });
});

describe("package-manager settings are part of the change", () => {
  const base = fixture("npm", "single");
  it("a changed .npmrc in a project that installs MCP packages is a guarded change with a high finding on the line", () => {
    const head = new Map(base);
    head.set(".npmrc", "registry=https://npm.evil.example/\n");
    const v = verdict(base, head);
    assert.equal(v.kind, "changes");
    if (v.kind !== "changes") return;
    assert.deepEqual(
      v.changes.map((c) => [c.source, c.name, c.from]),
      [["settings", ".npmrc", null]],
    );
    const review = settingsReview(v.changes[0]!, withLimits());
    assert.equal(review.risk, "high");
    assert.equal(review.findings[0]!.line, 1);
    assert.match(review.findings[0]!.evidence, /npm\.evil\.example/);
  });
  it("the settings part of pnpm-workspace.yaml counts; its workspaces and catalogs do not", () => {
    const pnpm = fixture("pnpm9", "monorepo");
    const ws = pnpm.get("pnpm-workspace.yaml")!;
    const reordered = edit(pnpm, "pnpm-workspace.yaml", (t) => `${t}\n`);
    assert.equal(findChanges(pnpm, reordered).filter((c) => c.source === "settings").length, 0);
    const withRegistry = edit(
      pnpm,
      "pnpm-workspace.yaml",
      () => `${ws}\nregistry: https://npm.evil.example/\n`,
    );
    assert.deepEqual(
      findChanges(pnpm, withRegistry)
        .filter((c) => c.source === "settings")
        .map((c) => c.name),
      ["pnpm-workspace.yaml"],
    );
  });
  it("a removed .yarnrc.yml is a change too; a settings change where no MCP package is installed is not guarded", () => {
    const withRc = new Map(base);
    withRc.set(".yarnrc.yml", "npmRegistryServer: https://registry.npmjs.org\n");
    const v = verdict(withRc, base);
    assert.equal(v.kind, "changes");
    const plain = new Map([["package.json", '{"dependencies":{"left-pad":"1.3.0"}}']]);
    const plainHead = new Map([...plain, [".npmrc", "registry=https://npm.evil.example/\n"]]);
    assert.deepEqual(verdict(plain, plainHead), { kind: "no-change" });
  });
});

describe("install model: what else decides which code lands", () => {
  for (const tool of ["npm", "yarn1", "berry", "bun"]) {
    it(`${tool}: a new workspace named like a package the lockfile installs from the registry is re-resolved (linked in its place)`, () => {
      const base = fixture(tool, "monorepo");
      const head = new Map(base);
      head.set(
        "packages/mail-utils/package.json",
        JSON.stringify({ name: "postmark-mcp", version: "1.0.15", main: "index.js" }),
      );
      assertUnknown(verdict(base, head), /workspace packages\/mail-utils is named postmark-mcp/);
    });
  }
  it("yarn 1: the same workspace with the lockfile re-written by yarn (no registry entry left) is re-resolved, not a removal", () => {
    const base = fixture("yarn1", "monorepo");
    const head = edit(base, "yarn.lock", (t) => t.replace(/\npostmark-mcp@1\.0\.15:\n(?: {2}.*\n)+/, "\n"));
    head.set(
      "packages/mail-utils/package.json",
      JSON.stringify({ name: "postmark-mcp", version: "1.0.16", main: "index.js" }),
    );
    assertUnknown(
      verdict(base, head),
      /workspace packages\/mail-utils is named postmark-mcp, which was postmark-mcp@1\.0\.15 from the registry/,
    );
  });
  it("npm: a name listed in two dependency fields is locked only when the entry satisfies both specs", () => {
    const base = fixture("npm", "single");
    const head = editJson(base, "package.json", (d) => {
      d.optionalDependencies = { "postmark-mcp": "1.0.16" };
    });
    assertUnknown(verdict(base, head), /postmark-mcp@1\.0\.16/);
    const same = editJson(base, "package.json", (d) => {
      d.devDependencies = { "postmark-mcp": "1.0.15" };
    });
    assert.deepEqual(verdict(base, same), { kind: "no-change" });
  });
  const settings: [string, string, string, string, RegExp][] = [
    ["npm", ".npmrc", "package-lock=false\n", "package-lock.json", /package-lock=false/],
    ["pnpm9", ".npmrc", "lockfile=false\n", "pnpm-lock.yaml", /lockfile=false/],
    ["pnpm9", ".npmrc", "lockfile-dir=config\n", "pnpm-lock.yaml", /lockfile-dir/],
    ["pnpm9", ".npmrc", "shared-workspace-lockfile=false\n", "pnpm-lock.yaml", /shared-workspace-lockfile/],
    ["berry", ".yarnrc.yml", "lockfileFilename: other.lock\n", "yarn.lock", /lockfileFilename/],
  ];
  for (const [tool, file, text, , message] of settings) {
    it(`${tool}: ${file} "${text.trim()}" makes the manager ignore or move its lockfile: every dependency re-resolved`, () => {
      const base = fixture(tool, "single");
      const head = new Map(base);
      head.set(file, `${base.get(file) ?? ""}${text}`);
      assertUnknown(verdict(base, head), message);
    });
  }
  it("a lockfile the manager will not read re-resolves transitive packages too: a guarded one only transitive is unknown", () => {
    const base = fixture("npm", "single");
    const head = new Map(base);
    head.set(".npmrc", "package-lock=false\n");
    const transitive: GuardConfig["packages"] = { ...PACKAGES, include: ["postmark"] };
    const v = verdictOf(base, head, transitive, new Map(), { maxPackagesPerPr: 25 });
    assertUnknown(v, /\. \(every package\) will be re-resolved: .*package-lock=false/);
  });
  it("the base's manager's lockfile deleted and another's added, no packageManager: the base's manager re-resolves everything", () => {
    const base = fixture("pnpm9", "single");
    const head = new Map(base);
    head.delete("pnpm-lock.yaml");
    head.set("package-lock.json", fixture("npm", "single", "bump").get("package-lock.json")!);
    head.set("package.json", fixture("npm", "single", "bump").get("package.json")!);
    assertUnknown(verdict(base, head)); // first refused by the source check: no registry documents here
    const whole = guardedChanges(findChanges(base, head), PACKAGES, new Map()).filter((c) => c.project);
    assert.equal(whole.length, 1);
    assert.match(
      whole[0]!.why ?? "",
      /pnpm-lock\.yaml is gone at the head and no packageManager says which manager runs/,
    );
    // Saying which manager runs decides it: npm reads its lockfile, and the bump is an ordinary change.
    const named = editJson(head, "package.json", (d) => {
      d.packageManager = "npm@11.0.0";
    });
    const changes = guardedChanges(findChanges(base, named), PACKAGES, new Map());
    assert.deepEqual(
      changes.filter((c) => c.source !== "settings").map((c) => [c.name, c.to]),
      [["postmark-mcp", "1.0.16"]],
    );
  });
  it("pnpm: the two-document lockfile without a pnpm 11 requirement is re-resolved by an earlier pnpm", () => {
    const env = fixture("pnpm11", "env");
    assert.deepEqual(
      directInstalls(new Commit(env), folders(env)).filter((i) => i.problem),
      [],
      "pnpm 11 required by devEngines: read",
    );
    const head = editJson(env, "package.json", (d) => {
      delete d.devEngines;
    });
    assertUnknown(verdict(env, head), /two-document form/);
  });
  it("bun: a lockfile with a repeated key is refused (bun throws it away)", () => {
    const base = fixture("bun", "single");
    const head = edit(base, "bun.lock", (t) => t.replace(/("postmark": \[.*\],)/, "$1\n    $1"));
    assertUnknown(verdict(base, head), /appears twice/);
  });
  it("bun: a top-level patchedDependencies (patched bytes at the same version) is a settings change the reviewer sees", () => {
    const base = fixture("bun", "single");
    const head = editJson(base, "package.json", (d) => {
      d.patchedDependencies = { "postmark-mcp@1.0.15": "patches/postmark-mcp@1.0.15.patch" };
    });
    const changes = guardedChanges(findChanges(base, head), PACKAGES, new Map());
    assert.deepEqual(
      changes.map((c) => [c.source, c.name]),
      [["settings", "package.json#settings"]],
    );
  });
  it("pnpm: a patch added in package.json's pnpm field is a settings change the reviewer sees", () => {
    const base = fixture("pnpm9", "single");
    const head = editJson(base, "package.json", (d) => {
      d.pnpm = { patchedDependencies: { "postmark-mcp@1.0.15": "patches/postmark-mcp.patch" } };
    });
    const changes = guardedChanges(findChanges(base, head), PACKAGES, new Map());
    assert.deepEqual(
      changes.map((c) => [c.source, c.name]),
      [["settings", "package.json#settings"]],
    );
  });
  it("npm: a registry package replaced by a link to a workspace folder is refused by the source check", () => {
    const base = fixture("npm", "single");
    const head = editJson(base, "package-lock.json", (d) => {
      d.packages["node_modules/postmark-mcp"] = { resolved: "vendor/postmark-mcp", link: true };
      d.packages["vendor/postmark-mcp"] = { name: "postmark-mcp", version: "1.0.15" };
    });
    assertUnknown(verdict(base, head), /postmark-mcp/);
  });
});

describe("install model: identity and parsers that disagree", () => {
  for (const tool of ["npm", "yarn1", "pnpm9", "berry", "bun"]) {
    it(`${tool}: a new alias that installs the guarded package under another name, lockfile not updated, is re-resolved`, () => {
      const base = fixture(tool, "single");
      const head = editJson(base, "package.json", (d) => {
        d.dependencies["pm-alias"] = "npm:postmark-mcp@1.0.16";
      });
      assertUnknown(
        verdict(base, head),
        /postmark-mcp will be re-resolved: .*pm-alias@npm:postmark-mcp@1\.0\.16/,
      );
    });
  }
  it("a package.json that repeats a key is refused: npm reads the last, bun the first", () => {
    const base = fixture("bun", "single");
    const head = edit(base, "package.json", (t) =>
      t.replace('"postmark-mcp": "1.0.15"', '"postmark-mcp": "^1.0.16",\n    "postmark-mcp": "1.0.15"'),
    );
    assert.notEqual(head.get("package.json"), base.get("package.json"));
    assertUnknown(verdict(base, head), /"dependencies\.postmark-mcp" appears twice/);
  });
});

describe("berry's checksum", () => {
  it("a new checksum at the same version is a change, and the approval's fingerprint binds it", () => {
    const base = fixture("berry", "single");
    const head = edit(base, "yarn.lock", (t) => {
      const at = t.indexOf('"postmark-mcp@npm:1.0.15"');
      const sum = t.indexOf("checksum: ", at);
      return `${t.slice(0, sum)}checksum: 10c0/${"f".repeat(128)}${t.slice(t.indexOf("\n", sum))}`;
    });
    const changes = guardedChanges(findChanges(base, head), PACKAGES, new Map());
    assert.deepEqual(
      changes.map((c) => [c.name, c.from, c.to, c.checksum?.slice(0, 8)]),
      [["postmark-mcp", "1.0.15", "1.0.15", "10c0/fff"]],
    );
    const again = edit(head, "yarn.lock", (t) => t.replace(/f{128}/, "e".repeat(128)));
    assert.notEqual(
      changeSetFingerprint(guardedChanges(findChanges(base, again), PACKAGES, new Map())),
      changeSetFingerprint(changes),
    );
  });
});

describe("code that arrives under the guarded name through another package", () => {
  it("a bump of an unguarded package whose new version bundles a guarded package is guarded, and says so", () => {
    const base = fixture("npm", "single");
    const head = editJson(base, "package-lock.json", (d) => {
      d.packages["node_modules/zod"].version = "3.25.1";
    });
    const manifests = new Map<string, Record<string, unknown> | null>([
      ["zod@3.25.1", { name: "zod", version: "3.25.1", bundleDependencies: ["postmark-mcp"] }],
    ]);
    const detect: GuardConfig["packages"] = { ...PACKAGES, detectMcp: true, include: [] };
    const changes = findChanges(base, head);
    assert.ok(oldSpecs(changes, detect, manifests).includes("postmark-mcp@*"), "the bundled name is read");
    manifests.set("postmark-mcp@*", { name: "postmark-mcp", keywords: ["mcp"] });
    const guarded = guardedChanges(changes, detect, manifests);
    assert.deepEqual(
      guarded.map((c) => [c.name, c.to, c.bundles]),
      [["zod", "3.25.1", ["postmark-mcp"]]],
    );
    assert.equal(changeLabel(guarded[0]!), "zod (bundles postmark-mcp)");
    // Without the bundling, nothing guarded changed.
    manifests.set("zod@3.25.1", { name: "zod", version: "3.25.1" });
    assert.deepEqual(guardedChanges(changes, detect, manifests), []);
  });
  it("pnpm: an edge that installs another package under the guarded name (an override to an alias) is a guarded change", () => {
    const base = fixture("pnpm9", "single");
    const head = edit(base, "pnpm-lock.yaml", (t) =>
      t
        .replace(/\n {2}postmark@4\.0\.5:\n/, "\n  postmark@4.0.5:\n")
        .replace("      postmark: 4.0.5\n", "      postmark: mail-kit@1.0.0\n")
        .replace(
          /\npackages:\n/,
          "\npackages:\n\n  mail-kit@1.0.0:\n    resolution: {integrity: sha512-AAAA}\n",
        )
        .replace(/\nsnapshots:\n/, "\nsnapshots:\n\n  mail-kit@1.0.0: {}\n"),
    );
    const changes = guardedChanges(
      findChanges(base, head),
      { ...PACKAGES, include: ["postmark"] },
      new Map(),
    );
    assert.deepEqual(
      changes.filter((c) => c.source === "lockfile").map((c) => [c.name, c.alias, c.was?.name]),
      [["mail-kit", "postmark", "postmark"]],
    );
  });
});

describe("config exclusions and aliases", () => {
  it("an excluded name used as an alias of an MCP package is still detected by the package that lands", () => {
    const base = fixture("npm", "single");
    let head = editJson(base, "package.json", (d) => {
      d.dependencies["left-pad"] = "npm:mail-mcp@1.0.0";
    });
    head = editJson(head, "package-lock.json", (d) => {
      d.packages[""].dependencies["left-pad"] = "npm:mail-mcp@1.0.0";
      d.packages["node_modules/left-pad"] = { name: "mail-mcp", version: "1.0.0", integrity: "sha512-AAAA" };
    });
    const packages: GuardConfig["packages"] = {
      detectMcp: true,
      include: [],
      exclude: ["left-pad"],
      all: false,
    };
    const manifests = new Map([
      ["mail-mcp@1.0.0", { name: "mail-mcp", version: "1.0.0", keywords: ["mcp"] }],
    ]);
    const guarded = guardedChanges(findChanges(base, head), packages, manifests);
    assert.deepEqual(
      guarded.map((c) => [c.name, c.alias]),
      [["mail-mcp", "left-pad"]],
    );
    // Excluded under every name it has: not guarded.
    const both = { ...packages, exclude: ["left-pad", "mail-mcp"] };
    assert.deepEqual(guardedChanges(findChanges(base, head), both, manifests), []);
  });
});

describe("removals", () => {
  it("a guarded package the head no longer installs is a guarded removal; an unguarded one is not guarded", () => {
    const base = fixture("npm", "single");
    let head = editJson(base, "package.json", (d) => {
      delete d.dependencies["postmark-mcp"];
    });
    head = editJson(head, "package-lock.json", (d) => {
      delete d.packages[""].dependencies["postmark-mcp"];
      for (const k of ["postmark-mcp", "postmark", "@modelcontextprotocol/sdk"])
        delete d.packages[`node_modules/${k}`];
    });
    const v = verdict(base, head);
    assert.equal(v.kind, "changes");
    if (v.kind === "changes")
      assert.deepEqual(
        v.changes.map((c) => [c.source, c.name, c.from, c.to]),
        [["removal", "postmark-mcp", "1.0.15", "removed"]],
      );
  });
});

describe("workspace globs", () => {
  it("match folders, with negations subtracting", () => {
    assert.equal(inWorkspaces(["packages/*"], "packages/a"), true);
    assert.equal(inWorkspaces(["./packages/*/"], "packages/a"), true);
    assert.equal(inWorkspaces(["packages/*", "!packages/a"], "packages/a"), false);
    assert.equal(inWorkspaces(["packages/**"], "packages/a/b"), true);
    assert.equal(inWorkspaces([], ""), false);
  });
});
