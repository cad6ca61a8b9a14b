/**
 * Finding the package version changes of a pull request (DESIGN §8), as a pure function over the
 * manifest and lockfile texts at the base and head commits, in every directory. npm lockfiles
 * (`package-lock.json` v1–v3, `npm-shrinkwrap.json`) give exact versions and integrity for direct and
 * transitive packages; a directory with only `package.json` gives the declared specs.
 */
import { McpGuardError } from "../common/errors.js";
import { sha256 } from "../review/files.js";
import { dependenciesOf } from "../review/manifest.js";
import { type SourceKind, sourceKind } from "./sources.js";

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
  /** The integrity the head lockfile pins, when it has one. */
  integrity?: string;
  /** Where npm fetches it from (`resolved`); absent: name@version from the configured registry. */
  resolved?: string;
  /** The kind of that source (lockfile changes only). */
  kind?: SourceKind;
  /** Install path in the lockfile (node_modules/a/node_modules/b) and the lockfile's name. */
  key?: string;
  lockfile?: string;
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

/** The folders above `dir`, nearest first, ending with the repository root (""). */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; d !== ""; ) {
    d = folderOf(d);
    out.push(d);
  }
  return out;
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
  resolved?: string;
  link: boolean;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** `npm:real-name@1.0.0` (an alias in a v1 lockfile's `version`) → the real name and version. */
function unalias(name: string, version: string): { name: string; version: string } {
  const m = /^npm:((?:@[^/]+\/)?[^@]+)@(.+)$/.exec(version);
  return m ? { name: m[1]!, version: m[2]! } : { name, version };
}

/**
 * Every installed package of a lockfile, keyed by install path (node_modules/a/node_modules/b), with
 * what decides its bytes: `resolved`, `integrity`, `link`. An entry without a version is kept with an
 * empty one (npm refuses it; we never read it as "unchanged").
 */
export function lockedPackages(path: string, text: string): Map<string, Locked> {
  const lock = parseJson(path, text);
  const out = new Map<string, Locked>();
  const packages = lock.packages;
  if (packages && typeof packages === "object") {
    // v2 and v3: a flat map of install paths (npm reads only this; the legacy `dependencies` is ignored)
    for (const [key, raw] of Object.entries(packages as Record<string, Record<string, unknown>>)) {
      if (!key || !raw || typeof raw !== "object") continue;
      const at = key.lastIndexOf("node_modules/");
      if (at < 0) continue; // workspace folders, not installed packages
      const keyName = key.slice(at + "node_modules/".length);
      out.set(key, {
        // npm fetches `name` only when `resolved` is absent; an alias keeps the real name here.
        name: str(raw.name) ?? keyName,
        version: str(raw.version) ?? "",
        ...(str(raw.integrity) ? { integrity: str(raw.integrity) } : {}),
        ...(str(raw.resolved) ? { resolved: str(raw.resolved) } : {}),
        link: raw.link === true,
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
      const real = unalias(name, str(raw.version) ?? "");
      out.set(key, {
        ...real,
        ...(str(raw.integrity) ? { integrity: str(raw.integrity) } : {}),
        ...(str(raw.resolved) ? { resolved: str(raw.resolved) } : {}),
        link: false,
      });
      stack.push([`${key}/`, raw]);
    }
  }
  return out;
}

/** Two entries install the same bytes from the same place. */
function sameEntry(a: Locked, b: Locked): boolean {
  return (
    a.name === b.name &&
    a.version === b.version &&
    a.integrity === b.integrity &&
    a.resolved === b.resolved &&
    a.link === b.link
  );
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
        if (was && sameEntry(was, now)) continue;
        const from = was && was.name === now.name ? was.version : null;
        // The same package from the same place may sit at several install paths: one change is enough.
        const id = [now.name, from, now.version, now.resolved, now.integrity, now.link].join("\0");
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({
          dir,
          name: now.name,
          from,
          to: now.version,
          direct: key === `node_modules/${now.name}` && direct.has(now.name),
          ...(now.integrity ? { integrity: now.integrity } : {}),
          ...(now.resolved ? { resolved: now.resolved } : {}),
          kind: sourceKind(now.resolved, now.link),
          key,
          lockfile: lockName,
          source: "lockfile",
        });
      }
      continue;
    }
    if (!headManifest) continue;
    // A workspace folder: the lockfile of an enclosing folder pins its dependencies (npm ci refuses a
    // lockfile out of step with a workspace's package.json), and its changes are read there.
    if (ancestors(dir).some((d) => LOCKFILES.some((f) => head.has(d ? `${d}/${f}` : f)))) continue;
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
 * The change-set fingerprint an approval is bound to (DESIGN §9): every guarded change with what
 * decides its bytes (name, from, to, integrity, resolved, source kind, install path), order-independent.
 * A rebase keeps it; any change of version or source voids it.
 */
export function changeSetFingerprint(changes: readonly VersionChange[]): string {
  const lines = changes
    .map((c) =>
      [
        c.dir,
        c.name,
        c.from ?? "",
        c.to,
        c.integrity ?? "",
        c.resolved ?? "",
        c.kind ?? "",
        c.key ?? "",
      ].join("|"),
    )
    .sort();
  return sha256(lines.join("\n"));
}
