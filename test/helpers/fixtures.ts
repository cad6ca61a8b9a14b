/** Fixture locations and loaders shared by tests. */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Limits, withLimits } from "../../src/common/limits.js";
import { readFolder } from "../../src/npm/folder.js";
import { type EngineOptions, reviewPackage } from "../../src/review/engine.js";
import { makeSnapshot, readPackageFile } from "../../src/review/files.js";
import { affects, asRecord, matchOf } from "../../src/review/intel/osv.js";
import { publishingOf } from "../../src/review/intel/trust.js";
import type { RegistryEvidence } from "../../src/review/intel/types.js";
import type { PackageReview, PackageSnapshot } from "../../src/review/types.js";
import { RULES } from "../../src/rules/index.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES = join(ROOT, "fixtures");
export const RULE_FIXTURES = join(FIXTURES, "rules");

export function dirs(path: string): string[] {
  return existsSync(path)
    ? readdirSync(path, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
}

/** The engine with the real rule registry (tests may pass their own rules). */
export function review(
  a: PackageSnapshot,
  b: PackageSnapshot,
  options: Omit<EngineOptions, "rules"> & { rules?: EngineOptions["rules"] },
): PackageReview {
  return reviewPackage(a, b, { ...options, rules: options.rules ?? RULES });
}

/** Reviews a fixture case folder holding `a/` (old version) and `b/` (new version). */
export async function reviewCase(dir: string, limits: Partial<Limits> = {}): Promise<PackageReview> {
  const l = withLimits(limits);
  const [a, b] = await Promise.all([readFolder(join(dir, "a"), l), readFolder(join(dir, "b"), l)]);
  const evidence = existsSync(join(dir, "registry.json")) ? caseEvidence(dir, a, b) : undefined;
  return review(a, b, { limits: l, ...(evidence ? { evidence } : {}) });
}

export const INTEL = join(FIXTURES, "intel");

/**
 * A case's registry side (`registry.json`): a real packument and real OSV records from fixtures/intel/
 * (fixtures/intel/SOURCES.md says where each came from), read the way the shells read them.
 */
export function caseEvidence(dir: string, a: PackageSnapshot, b: PackageSnapshot): RegistryEvidence {
  const spec = readJson<{ packument?: string; osv?: string[] }>(join(dir, "registry.json"));
  const change = { name: b.name, from: a.version, to: b.version };
  const records = (spec.osv ?? []).map((p) => asRecord(readJson(join(INTEL, p)))!);
  return {
    ...(spec.packument
      ? { publishing: publishingOf(readJson<Record<string, unknown>>(join(INTEL, spec.packument)), change) }
      : {}),
    advisories: {
      matches: records.filter((r) => affects(r, b.name, b.version)).map((r) => matchOf(r, "folder")),
      sources: ["folder"],
      required: true,
    },
  };
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** An in-memory package `p@version` with a package.json and the given files. */
export function snap(
  version: string,
  files: Record<string, string | Buffer>,
  limits = withLimits(),
): PackageSnapshot {
  const map = new Map();
  for (const [path, body] of Object.entries({
    "package.json": JSON.stringify({ name: "p", version }),
    ...files,
  })) {
    map.set(path, readPackageFile(path, Buffer.from(body), 0o644, limits));
  }
  return makeSnapshot("test", map, []);
}

/**
 * The sha512 SRI a lockfile pins for name@version in the tests: the real one for the fixture tarballs
 * (fixtures/packages/<name>-<version>.tgz, also what the test Verdaccio serves), a stable stand-in for
 * packages that have no tarball (the fixture registry answers with the same).
 */
export function fixtureIntegrity(name: string, version: string): string {
  const file = join(FIXTURES, "packages", `${name}-${version}.tgz`);
  const bytes = existsSync(file) ? readFileSync(file) : Buffer.from(`${name}@${version}`);
  return `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
}
