/** Fixture locations and loaders shared by tests. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { review } from "../../src/core/engine.js";
import { makeSnapshot, readPackageFile } from "../../src/core/files.js";
import { type Limits, withLimits } from "../../src/core/limits.js";
import type { PackageSnapshot, Review } from "../../src/core/types.js";
import { readFolder } from "../../src/npm/folder.js";

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

/** Reviews a fixture case folder holding `a/` (old version) and `b/` (new version). */
export async function reviewCase(dir: string, limits: Partial<Limits> = {}): Promise<Review> {
  const l = withLimits(limits);
  const [a, b] = await Promise.all([readFolder(join(dir, "a"), l), readFolder(join(dir, "b"), l)]);
  return review(a, b, { limits: l });
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
