/**
 * The lockfiles mcp-guard reads, one reader per format, each yielding the same `Lockfile`: every
 * installed package with its source and integrity, and the specs each importer was locked from.
 */
import * as yaml from "js-yaml";
import { McpGuardError } from "../../common/errors.js";
import { readBerry } from "./berry.js";
import { readBun } from "./bun.js";
import { readNpm } from "./npm.js";
import { readPnpm } from "./pnpm.js";
import { isObject, type Lockfile } from "./types.js";
import { readYarn1 } from "./yarn1.js";

export type { LockEntry, LockFormat, Lockfile, SourceKind } from "./types.js";
export { sourceKind } from "./types.js";

/** Lockfile names, in the order they are read in a folder (all present are read). */
export const LOCKFILE_NAMES = [
  "npm-shrinkwrap.json",
  "package-lock.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lock",
];

/** Where pnpm keeps a workspace's folders and catalogs. */
export const PNPM_WORKSPACE = "pnpm-workspace.yaml";

/** bun's binary lockfile: not read (its format is bun's internal memory layout). */
export const BUN_BINARY = "bun.lockb";

export function readLockfile(path: string, text: string): Lockfile {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base === "pnpm-lock.yaml") return readPnpm(path, text);
  if (base === "bun.lock") return readBun(path, text);
  // yarn 1 writes its own format under a "# yarn lockfile v1" header; berry writes YAML with __metadata.
  if (base === "yarn.lock") return /^__metadata:/m.test(text) ? readBerry(path, text) : readYarn1(path, text);
  if (base === "package-lock.json" || base === "npm-shrinkwrap.json") return readNpm(path, text);
  throw new McpGuardError("E_MCPGUARD_UNSUPPORTED", `${path}: not a lockfile mcp-guard reads`);
}

/**
 * Does the lockfile record that `importer` (a folder relative to it) depends on `name` at `spec`?
 * null when the lockfile does not say (npm v1, an npm importer it records nothing of): the caller decides
 * from whether the lockfile changed.
 */
export function recordsSpec(lock: Lockfile, importer: string, name: string, spec: string): boolean | null {
  if (lock.descriptors) return lock.descriptors.has(`${name}@${spec}`);
  const own = lock.specs?.get(importer);
  // pnpm, berry and bun record every importer: one they do not know is not pinned by them.
  if (!own && lock.format !== "npm" && lock.specs) return false;
  if (!own?.size) return null;
  const recorded = own.get(name);
  // berry records a bare range with its protocol: `1.0.16` is locked as `npm:1.0.16`.
  return recorded === spec || (lock.format === "berry" && recorded === `npm:${spec}`);
}

/**
 * The catalogs a workspace root declares, for `catalog:` specs: pnpm's in pnpm-workspace.yaml
 * (`catalog`, `catalogs`), bun's in the root package.json (`catalog`, `catalogs`, or the same under
 * `workspaces`). catalog name → package → spec.
 */
export function declaredCatalogs(
  pnpmWorkspace: string | undefined,
  rootManifest: Record<string, unknown> | null,
): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const add = (name: string, pkgs: unknown) => {
    if (!isObject(pkgs)) return;
    const m = out.get(name) ?? new Map<string, string>();
    for (const [k, v] of Object.entries(pkgs))
      if (typeof v === "string" || typeof v === "number") m.set(k, String(v));
    out.set(name, m);
  };
  const addAll = (doc: Record<string, unknown>) => {
    add("default", doc.catalog);
    if (isObject(doc.catalogs)) for (const [n, pkgs] of Object.entries(doc.catalogs)) add(n, pkgs);
  };
  if (pnpmWorkspace !== undefined) {
    let doc: unknown;
    try {
      doc = yaml.load(pnpmWorkspace);
    } catch {
      throw new McpGuardError(
        "E_MCPGUARD_BAD_SPEC",
        `${PNPM_WORKSPACE}: not valid YAML; cannot resolve catalog: specs`,
      );
    }
    if (isObject(doc)) addAll(doc);
  }
  if (rootManifest) {
    addAll(rootManifest);
    if (isObject(rootManifest.workspaces)) addAll(rootManifest.workspaces);
  }
  return out;
}

/** A package.json spec with `catalog:` resolved (left as written when no catalog has it). */
export function resolveSpec(name: string, spec: string, catalogs: Map<string, Map<string, string>>): string {
  if (!spec.startsWith("catalog:")) return spec;
  return catalogs.get(spec.slice(8) || "default")?.get(name) ?? spec;
}
