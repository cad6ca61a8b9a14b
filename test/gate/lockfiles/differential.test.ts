/**
 * Differential test of the lockfile readers: for generated dependency sets (scripts/build-lockfiles.ts:
 * duplicates, a scope, a peer dependency, an optional one and aliases), each reader's (name, version)
 * list equals what the tool that wrote the lockfile lists from it (`npm ls`, `pnpm ls`, `yarn list`,
 * `yarn info`, `bun pm ls`), recorded when the fixtures were made.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import semver from "semver";
import { LOCKFILE_NAMES, readLockfile } from "../../../src/gate/lockfiles/index.js";
import { FIXTURES } from "../../helpers/fixtures.js";

const ROOT = join(FIXTURES, "lockfiles", "differential");

/** Installed packages only: workspace folders and links are not fetched from anywhere. */
function readerList(dir: string): { lockfile: string; list: string[] } {
  const lockfile = LOCKFILE_NAMES.find((f) => readdirSync(dir).includes(f))!;
  const lock = readLockfile(lockfile, readFileSync(join(dir, lockfile), "utf8"));
  const pairs = [...lock.entries.values()]
    .filter((e) => e.kind !== "workspace" && e.kind !== "link")
    .map((e) => `${e.name}@${e.version}`);
  return { lockfile, list: [...new Set(pairs)].sort() };
}

/**
 * The tool's listing by real package names: the tools name an alias's package by its alias (the
 * sets' aliases are `npm:` specs in package.json), and yarn 1 adds pointers to hoisted packages as
 * `name@range`, which are not packages.
 */
function toolList(listed: string[], deps: Record<string, string>): string[] {
  const aliases = new Map(
    Object.entries(deps)
      .filter(([, spec]) => spec.startsWith("npm:"))
      .map(([alias, spec]) => [alias, spec.slice(4, spec.lastIndexOf("@"))]),
  );
  const pairs = listed
    .filter((p) => semver.valid(p.slice(p.lastIndexOf("@") + 1)))
    .map((p) => {
      const at = p.lastIndexOf("@");
      return `${aliases.get(p.slice(0, at)) ?? p.slice(0, at)}${p.slice(at)}`;
    });
  return [...new Set(pairs)].sort();
}

describe("lockfile readers agree with the tools that wrote the lockfiles", () => {
  const tools = readdirSync(ROOT).sort();
  it("covers every format", () => {
    assert.deepEqual(tools, ["berry", "bun", "npm", "pnpm10", "pnpm11", "pnpm8", "pnpm9", "yarn1"]);
  });
  for (const tool of tools) {
    for (const set of readdirSync(join(ROOT, tool)).sort()) {
      it(`${tool} set ${set}`, () => {
        const dir = join(ROOT, tool, set);
        const listed = JSON.parse(readFileSync(join(dir, "listing.json"), "utf8")) as string[];
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        assert.ok(listed.length > 0, "the tool listed packages");
        assert.deepEqual(readerList(dir).list, toolList(listed, manifest.dependencies));
      });
    }
  }
});
