/**
 * What npm really installs from a tampered lockfile, against the test registry (docs/LOCKFILE-SOURCES.md):
 * for every tampering, either mcp-guard's source check refuses the entry, or `npm ci --ignore-scripts`
 * installs exactly the bytes the registry serves for the name and version that were reviewed.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { withLimits } from "../../src/common/limits.js";
import { findChanges } from "../../src/gate/changes.js";
import { sourceProblem } from "../../src/gate/sources.js";
import { fetchManifest } from "../../src/npm/registry.js";
import { packageTgz } from "../helpers/tarball.js";
import { sri, startVerdaccio, type Verdaccio } from "../helpers/verdaccio.js";

const run = promisify(execFile);
const limits = withLimits({ requestRetryBaseMs: 20 });
let registry: Verdaccio;
const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
const tgz = {
  a100: packageTgz("a", "1.0.0", { "marker.txt": "A-1.0.0" }),
  a101: packageTgz("a", "1.0.1", { "marker.txt": "A-1.0.1" }),
  evil: packageTgz("evil", "1.0.0", { "marker.txt": "EVIL" }),
};
let baseLock: Record<string, Record<string, Record<string, unknown>>>;
let project: string;
/** npm's defaults, whatever the machine's ~/.npmrc says (it may omit `resolved`). */
let npmrc: string;

async function npm(cwd: string, args: string[]) {
  const cache = tmp("mcp-guard-npm-cache-");
  return run(
    "npm",
    [
      ...args,
      "--registry",
      registry.url,
      "--cache",
      cache,
      "--userconfig",
      npmrc,
      "--no-audit",
      "--no-fund",
      "--fetch-retries=0",
    ],
    {
      cwd,
      timeout: 60_000,
    },
  );
}

before(async () => {
  registry = await startVerdaccio();
  await registry.publish(tgz.a100, { name: "a", version: "1.0.0" });
  await registry.publish(tgz.a101, { name: "a", version: "1.0.1" });
  await registry.publish(tgz.evil, { name: "evil", version: "1.0.0" });
  npmrc = join(tmp("mcp-guard-npmrc-"), "npmrc");
  writeFileSync(npmrc, "");
  project = tmp("mcp-guard-project-");
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "p", version: "1.0.0", dependencies: { a: "1.0.1" } }),
  );
  // The lockfile npm itself writes for a@1.0.1; an attacker edits one entry of it.
  await npm(project, ["install", "--package-lock-only", "--ignore-scripts"]);
  baseLock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8"));
});

after(async () => {
  await registry.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("npm ci on tampered lockfiles: refused by mcp-guard, or installing what was reviewed", () => {
  const evilUrl = () => `${registry.url}/evil/-/evil-1.0.0.tgz`;
  const cases: [string, (e: Record<string, unknown>) => void][] = [
    ["unchanged", () => {}],
    [
      "resolved and integrity of another package",
      (e) => Object.assign(e, { resolved: evilUrl(), integrity: sri(tgz.evil) }),
    ],
    ["integrity of another package, resolved kept", (e) => Object.assign(e, { integrity: sri(tgz.evil) })],
    [
      "no integrity, resolved of another package",
      (e) => {
        e.resolved = evilUrl();
        delete e.integrity;
      },
    ],
    ["no resolved", (e) => delete e.resolved],
    ["no integrity", (e) => delete e.integrity],
    [
      "resolved and integrity of the older version, version kept",
      (e) => Object.assign(e, { resolved: `${registry.url}/a/-/a-1.0.0.tgz`, integrity: sri(tgz.a100) }),
    ],
    ["a file: tarball", (e) => Object.assign(e, { resolved: "file:evil.tgz", integrity: sri(tgz.evil) })],
    [
      "an alias in resolved",
      (e) => Object.assign(e, { resolved: "npm:evil@1.0.0", integrity: sri(tgz.evil) }),
    ],
    [
      "the name field of another package, no resolved",
      (e) => {
        e.name = "evil";
        delete e.resolved;
      },
    ],
  ];
  for (const [label, edit] of cases) {
    it(label, async () => {
      const lock = structuredClone(baseLock);
      edit(lock.packages!["node_modules/a"]!);
      const dir = tmp("mcp-guard-ci-");
      writeFileSync(join(dir, "package.json"), readFileSync(join(project, "package.json")));
      writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
      writeFileSync(join(dir, "evil.tgz"), tgz.evil);
      // mcp-guard's verdict on the entry, as in a pull request from the real lockfile to this one.
      const before = new Map([
        ["package-lock.json", JSON.stringify({ lockfileVersion: 3, packages: { "": {} } })],
      ]);
      const after = new Map([["package-lock.json", JSON.stringify(lock)]]);
      const [change] = findChanges(before, after).filter((c) => c.key === "node_modules/a");
      assert.ok(change, "the entry is a change");
      const meta = change.to
        ? await fetchManifest(`${change.name}@${change.to}`, { registry: registry.url }, limits).catch(
            () => null,
          )
        : null;
      const refused = sourceProblem(change, meta) !== null;
      // What npm installs from it.
      let installed = "(npm ci failed)";
      try {
        await npm(dir, ["ci", "--ignore-scripts"]);
        const marker = join(dir, "node_modules", "a", "marker.txt");
        installed = existsSync(marker) ? readFileSync(marker, "utf8") : "(no marker)";
      } catch {
        /* npm refused: nothing installed */
      }
      const reviewed = `${change.name === "a" ? "A" : change.name.toUpperCase()}-${change.to}`;
      assert.ok(
        refused || installed === "(npm ci failed)" || installed === reviewed,
        `${label}: mcp-guard ${refused ? "refused" : "accepted"} ${change.name}@${change.to}, npm installed ${installed}`,
      );
      if (label === "unchanged") assert.equal(refused, false, "npm's own lockfile is accepted");
    });
  }
});
