/**
 * Finding the package version changes of a pull request (DESIGN §8), as a pure function over the
 * manifest and lockfile texts at the base and head commits, in every directory. npm lockfiles
 * (`package-lock.json` v1–v3, `npm-shrinkwrap.json`) give exact versions and integrity for direct and
 * transitive packages; a directory with only `package.json` gives the declared specs.
 */
import { McpGuardError } from "../common/errors.js";
import { sha256 } from "../review/files.js";
import { dependenciesOf } from "../review/manifest.js";

/** Files of one commit: path → text (only manifests and lockfiles are needed). */
export type CommitFiles = Map<string, string>;

export interface VersionChange {
  /** Folder of the manifest/lockfile, "" for the repository root. */
  dir: string;
  name: string;
  /** null when the package is new in this directory (reviewed against an empty A). */
  from: string | null;
  to: string;
  /** Listed in the folder's package.json (not only transitive). */
  direct: boolean;
  /** sha512 SRI from the head lockfile, when it has one. */
  integrity?: string;
  /** "lockfile": exact versions; "manifest": specs from package.json (no lockfile in the folder). */
  source: "lockfile" | "manifest";
}

const LOCKFILES = ["npm-shrinkwrap.json", "package-lock.json"];

/** The files read in every folder a pull request touches. */
export const DEPENDENCY_FILES = ["package.json", "package-lock.json", "npm-shrinkwrap.json"];

/** Lockfiles of other package managers: not read yet, so a PR touching one cannot be cleared. */
const UNSUPPORTED_LOCKFILES = new Set(["yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"]);

export function isUnsupportedLockfile(path: string): boolean {
  return UNSUPPORTED_LOCKFILES.has(path.slice(path.lastIndexOf("/") + 1));
}

/** Is this a path the change detection reads? (Any directory.) */
export function isDependencyFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base === "package.json" || LOCKFILES.includes(base);
}

/** The folder of a path ("" for the repository root). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

function parseJson(path: string, text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new McpGuardError(
    "E_MCPGUARD_BAD_SPEC",
    `${path}: not valid JSON; cannot tell which packages changed`,
  );
}

interface Locked {
  name: string;
  version: string;
  integrity?: string;
}

/** Every installed package of a lockfile, keyed by install path (node_modules/a/node_modules/b). */
export function lockedPackages(path: string, text: string): Map<string, Locked> {
  const lock = parseJson(path, text);
  const out = new Map<string, Locked>();
  const packages = lock.packages;
  if (packages && typeof packages === "object") {
    // v2 and v3: a flat map of install paths
    for (const [key, raw] of Object.entries(packages as Record<string, Record<string, unknown>>)) {
      if (!key || !raw || typeof raw !== "object" || raw.link) continue;
      const at = key.lastIndexOf("node_modules/");
      if (at < 0) continue; // workspace folders, not installed packages
      const name = typeof raw.name === "string" ? raw.name : key.slice(at + "node_modules/".length);
      if (typeof raw.version !== "string") continue;
      out.set(key, {
        name,
        version: raw.version,
        ...(typeof raw.integrity === "string" ? { integrity: raw.integrity } : {}),
      });
    }
    return out;
  }
  // v1: a nested tree of dependencies
  const stack: [string, Record<string, unknown>][] = [["", lock]];
  while (stack.length > 0) {
    const [prefix, node] = stack.pop()!;
    const deps = node.dependencies;
    if (!deps || typeof deps !== "object") continue;
    for (const [name, raw] of Object.entries(deps as Record<string, Record<string, unknown>>)) {
      if (!raw || typeof raw !== "object") continue;
      const key = `${prefix}node_modules/${name}`;
      if (typeof raw.version === "string") {
        // aliases and links keep their spec in `version`; only plain versions and tarball URLs count
        const version = /^npm:/.test(raw.version)
          ? raw.version.slice(raw.version.lastIndexOf("@") + 1)
          : raw.version;
        out.set(key, {
          name,
          version,
          ...(typeof raw.integrity === "string" ? { integrity: raw.integrity } : {}),
        });
      }
      stack.push([`${key}/`, raw]);
    }
  }
  return out;
}

/** The version changes between two commits, sorted by directory and name. Removals are not changes. */
export function findChanges(base: CommitFiles, head: CommitFiles): VersionChange[] {
  const dirs = new Set([...head.keys()].filter(isDependencyFile).map(folderOf));
  const out: VersionChange[] = [];
  for (const dir of [...dirs].sort()) {
    const at = (f: string) => (dir ? `${dir}/${f}` : f);
    const headManifest = head.has(at("package.json"))
      ? parseJson(at("package.json"), head.get(at("package.json"))!)
      : null;
    const direct = dependenciesOf(headManifest);
    const lockName = LOCKFILES.find((f) => head.has(at(f)));
    if (lockName) {
      const after = lockedPackages(at(lockName), head.get(at(lockName))!);
      const baseLock = LOCKFILES.find((f) => base.has(at(f)));
      const before = baseLock
        ? lockedPackages(at(baseLock), base.get(at(baseLock))!)
        : new Map<string, Locked>();
      const seen = new Set<string>();
      for (const [key, now] of after) {
        const was = before.get(key);
        if (was && was.version === now.version && was.name === now.name) continue;
        const from = was && was.name === now.name ? was.version : null;
        // The same name/version may sit at several install paths: one change is enough.
        const id = `${now.name}\0${from}\0${now.version}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({
          dir,
          name: now.name,
          from,
          to: now.version,
          direct: key === `node_modules/${now.name}` && direct.has(now.name),
          ...(now.integrity ? { integrity: now.integrity } : {}),
          source: "lockfile",
        });
      }
      continue;
    }
    if (!headManifest) continue;
    const baseManifest = base.has(at("package.json"))
      ? parseJson(at("package.json"), base.get(at("package.json"))!)
      : null;
    const before = dependenciesOf(baseManifest);
    for (const [name, spec] of direct) {
      const was = before.get(name);
      if (was === spec) continue;
      out.push({ dir, name, from: was ?? null, to: spec, direct: true, source: "manifest" });
    }
  }
  return out.sort(
    (x, y) => x.dir.localeCompare(y.dir) || x.name.localeCompare(y.name) || x.to.localeCompare(y.to),
  );
}

/**
 * The change-set fingerprint an approval is bound to (DESIGN §9): name, from, to and integrity of
 * every guarded change, order-independent. A rebase keeps it; any package change voids it.
 */
export function changeSetFingerprint(changes: readonly VersionChange[]): string {
  const lines = changes.map((c) => `${c.dir}|${c.name}|${c.from ?? ""}|${c.to}|${c.integrity ?? ""}`).sort();
  return sha256(lines.join("\n"));
}
