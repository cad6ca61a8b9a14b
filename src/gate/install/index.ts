/**
 * The install model (DESIGN §8): what the package manager will install for every direct dependency
 * of every workspace, from the package.json files and the lockfile the manager actually reads — not
 * what the lockfile says of itself. The lockfile is attacker-written: an entry counts as locked only
 * where the manager would use it (the workspace root's lockfile, an entry that is an object, that
 * satisfies the spec the way the manager checks it, under the name package.json asks for, within the
 * overrides the manifest declares). Anything else is "will be re-resolved": the manager fetches a
 * version nobody reviewed, so the gate says unknown, naming the package, the spec and the entry.
 * Pure.
 */
import semver from "semver";
import type { Commit } from "../commit.js";
import { pathIn } from "../commit.js";
import { type LockEntry, type Lockfile, PNPM_WORKSPACE } from "../lockfiles/index.js";
import { isObject } from "../lockfiles/types.js";
import { INSTALLED_FIELDS } from "./fields.js";
import { declaredOverrides, type Override, overrideFor } from "./overrides.js";
import {
  inWorkspaces,
  lockfilesUsed,
  projectRoot,
  relativeTo,
  workspaceNames,
  workspacePatterns,
} from "./projects.js";
import { describeEntry, plainSpec, specProblem } from "./specs.js";

export { declaredOverrides, type Override } from "./overrides.js";
export {
  droppedManagers,
  inWorkspaces,
  lockfilesUsed,
  MANAGER_LOCKFILES,
  type Manager,
  missingMembers,
  projectRoot,
  workspacePackages,
  workspaceRoots,
} from "./projects.js";
export { aliasTarget, specProblem } from "./specs.js";

/** One direct dependency of one workspace, as the manager of its workspace root will install it. */
export interface DirectInstall {
  /** The workspace root whose manager installs it, and the lockfile (repository path) it reads. */
  root: string;
  lockfile: string;
  /** The folder (repository path) whose package.json asks for it. */
  importer: string;
  /** The name it is installed under: node_modules/<alias>. */
  alias: string;
  /** The spec package.json asks for (`catalog:` resolved), or the override that applies. */
  spec: string;
  /** The lockfile entry the manager installs, and its key; absent when there is a problem. */
  entry?: LockEntry;
  key?: string;
  /** Why the manager would resolve it afresh (unknown, so blocking). */
  problem?: string;
  /** The problem is the whole project's: its lockfile is not read, so every package is resolved afresh. */
  wholeRoot?: boolean;
}

/** Direct dependencies read from the registry to tell whether a project installs MCP packages. */
const MAX_DETECTED = 50;

/**
 * What a folder's project installs, for deciding whether a change to the whole project (a settings
 * file, a lockfile the manager no longer reads) touches MCP packages: the name of every package the
 * lockfiles at or under the folder install, in any of the given commits, and the direct dependencies
 * (`name@version`, for detection through the registry).
 */
export function projectPackages(
  commits: readonly Commit[],
  dir: string,
): { installed: string[]; direct: string[] } {
  const installed = new Set<string>();
  const direct = new Set<string>();
  for (const c of commits) {
    for (const path of c.files.keys()) {
      const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
      if (!(folder === dir || dir === "" || folder.startsWith(`${dir}/`))) continue;
      const name = path.slice(path.lastIndexOf("/") + 1);
      if (!c.lockNames(folder).includes(name)) continue;
      for (const e of c.lockfile(folder, name)!.entries.values()) installed.add(e.name);
    }
    if (c.manifest(dir) === null) continue;
    for (const i of directInstalls(c, [dir]))
      if (i.entry && (i.entry.kind === "registry" || i.entry.kind === "url") && i.entry.version)
        direct.add(`${i.entry.name}@${i.entry.version}`);
  }
  return { installed: [...installed].sort(), direct: [...direct].sort().slice(0, MAX_DETECTED) };
}

/** Which lockfile key a direct dependency of `importer` (relative to the lockfile's folder) installs. */
function locate(
  c: Commit,
  lock: Lockfile,
  importer: string,
  importerDir: string,
  alias: string,
  spec: string,
): { key?: string; entry?: LockEntry; recorded?: string; problem?: string; linked?: boolean } {
  switch (lock.format) {
    case "npm": {
      // Node resolves from the workspace's own node_modules up to the root's.
      const segments = importer ? importer.split("/") : [];
      const candidates: string[] = [];
      for (let i = lock.legacy ? 0 : segments.length; i >= 0; i--) {
        const prefix = segments.slice(0, i).join("/");
        candidates.push(`${prefix ? `${prefix}/` : ""}node_modules/${alias}`);
      }
      for (const key of candidates) {
        if (lock.invalid?.has(key)) return { key, problem: `its entry ${key} is not an object` };
        const entry = lock.entries.get(key);
        if (entry) return { key, entry };
      }
      return { problem: `it has no entry ${candidates[0]}` };
    }
    case "pnpm": {
      const recorded = lock.specs?.get(importer)?.get(alias);
      if (recorded === undefined) return { problem: `importer ${importer || "."} records no ${alias}` };
      const key = lock.resolved?.get(importer)?.get(alias);
      if (!key)
        return {
          recorded,
          problem: `importer ${importer || "."} names a version of ${alias} it has no package entry for`,
        };
      if (lock.invalid?.has(key)) return { recorded, key, problem: `its entry ${key} is not an object` };
      return { recorded, key, entry: lock.entries.get(key)! };
    }
    case "yarn1":
    case "berry": {
      const protocol = /^[a-z][a-z+-]*:/i.test(spec);
      const descriptor = lock.format === "berry" && !protocol ? `${alias}@npm:${spec}` : `${alias}@${spec}`;
      const recorded = lock.specs?.get(importer)?.get(alias);
      if (lock.invalid?.has(descriptor))
        return { recorded, problem: `its entry ${descriptor} is not an object` };
      const key = lock.byDescriptor?.get(descriptor);
      if (!key) {
        // yarn 1 links a workspace sibling without a lockfile entry.
        if (lock.format === "yarn1" && workspaceNames(c, importerDir).has(alias)) return { linked: true };
        return { recorded, problem: `it has no entry for ${descriptor}` };
      }
      return { recorded, key, entry: lock.entries.get(key)! };
    }
    case "bun": {
      const recorded = lock.specs?.get(importer)?.get(alias);
      const name = c.manifest(importerDir)?.name;
      const keys = [...(importer && typeof name === "string" ? [`${name}/${alias}`] : []), alias];
      for (const key of keys) {
        const entry = lock.entries.get(key);
        if (entry) return { recorded, key, entry };
      }
      return { recorded, problem: `it has no entry ${keys[0]}` };
    }
  }
}

/**
 * package.json of a workspace: (name, spec) of what its manager installs, `catalog:` resolved. A name
 * listed in several fields with different specs gives each (npm lets optionalDependencies win, others
 * differ): every one must be locked.
 */
function installedSpecs(c: Commit, dir: string, root: string): [string, string][] {
  const m = c.manifest(dir);
  const out: [string, string][] = [];
  for (const field of INSTALLED_FIELDS) {
    const deps = m?.[field];
    if (!isObject(deps)) continue;
    for (const [k, v] of Object.entries(deps))
      if (typeof v === "string" && !out.some(([n, s]) => n === k && s === v)) out.push([k, v]);
  }
  if (!out.some(([, s]) => s.startsWith("catalog:"))) return out;
  const catalogs = c.catalogs(root);
  return out.map(([n, s]) => {
    if (!s.startsWith("catalog:")) return [n, s];
    return [n, catalogs.get(s.slice(8) || "default")?.get(n) ?? s];
  });
}

/** The name an entry is installed under, where the format keys by install path (npm). */
const installName = (lock: Lockfile, key: string, e: LockEntry) => {
  if (lock.format !== "npm") return e.name;
  const at = key.lastIndexOf("node_modules/");
  return at < 0 ? e.name : key.slice(at + "node_modules/".length);
};

/**
 * Overridden packages whose locked entries do not satisfy the override (the manager re-resolves
 * them): every entry of the name for an override that applies everywhere, the entries a parent's
 * dependency edges reach for a nested one.
 */
function overrideProblems(c: Commit, root: string, lockPath: string, lock: Lockfile): DirectInstall[] {
  const out: DirectInstall[] = [];
  const overrides = declaredOverrides(c, root);
  const check = (o: Override, key: string, e: LockEntry) => {
    if (e.kind === "link" || e.kind === "workspace") return;
    if (
      o.selector &&
      e.version &&
      semver.validRange(o.selector) &&
      !semver.satisfies(e.version, o.selector, { loose: true })
    )
      return;
    const alias = installName(lock, key, e);
    const why = specProblem(alias, o.spec, e, false);
    if (why)
      out.push({
        root,
        lockfile: lockPath,
        importer: root,
        alias,
        spec: o.spec,
        problem: `${o.from} asks for ${o.parent ? `${o.parent}'s ` : ""}${o.name}@${o.spec}, and ${lockPath} ${key}: ${why}`,
      });
  };
  for (const o of overrides) {
    if (!o.parent) {
      for (const [key, e] of lock.entries)
        if (installName(lock, key, e) === o.name || e.name === o.name) check(o, key, e);
      continue;
    }
    for (const [key, parent] of lock.entries) {
      if (parent.name !== o.parent && installName(lock, key, parent) !== o.parent) continue;
      if (!parent.requires || !(o.name in parent.requires)) continue;
      const target = edgeTarget(lock, key, o.name, plainSpec(lock.format, parent.requires[o.name]!));
      if (target.key && lock.entries.has(target.key)) check(o, target.key, lock.entries.get(target.key)!);
    }
  }
  // pnpm records the overrides it resolved with; others make it resolve again.
  if (lock.format === "pnpm") {
    const declared = new Map(
      overrides
        .filter((o) => o.from.includes("pnpm") || o.from.includes(PNPM_WORKSPACE))
        .map((o) => [o.name, o.spec]),
    );
    const recorded = lock.overrides ?? new Map<string, string>();
    const names = new Set([
      ...declared.keys(),
      ...[...recorded.keys()].map((k) =>
        k
          .split(">")
          .pop()!
          .replace(/(.)@.*$/, "$1"),
      ),
    ]);
    for (const name of names) {
      const a = declared.get(name);
      const b = [...recorded].find(([k]) => (k.split(">").pop() ?? k).replace(/(.)@.*$/, "$1") === name)?.[1];
      if (a !== b) {
        out.push({
          root,
          lockfile: lockPath,
          importer: root,
          alias: name,
          spec: a ?? b ?? "",
          problem: `the overrides of ${name} (${a ?? "none"}) are not those ${lockPath} was resolved with (${b ?? "none"}): pnpm would resolve again`,
        });
      }
    }
  }
  return out;
}

/** The lockfile key an entry's dependency resolves to, or why the lockfile does not say. */
function edgeTarget(
  lock: Lockfile,
  from: string,
  dep: string,
  spec: string,
): { key?: string; problem?: string } {
  const found = (keys: string[]) => {
    for (const key of keys) {
      if (lock.invalid?.has(key)) return { key, problem: `its entry ${key} is not an object` };
      if (lock.entries.has(key)) return { key };
    }
    return { problem: `it has no entry ${keys[0]}` };
  };
  switch (lock.format) {
    case "npm": {
      // Node's resolution: the entry's own node_modules, then every folder above it.
      const parts = from.split("/");
      const keys: string[] = [];
      for (let i = parts.length; i >= 0; i--) {
        if (parts[i - 1] === "node_modules" || parts[i - 1]?.startsWith("@")) continue;
        const dir = parts.slice(0, i).join("/");
        keys.push(`${dir ? `${dir}/` : ""}node_modules/${dep}`);
      }
      return found(keys);
    }
    case "pnpm": {
      if (spec.startsWith("link:") || spec.startsWith("file:")) return {};
      const prefix = /^env\d+:/.exec(from)?.[0] ?? "";
      const id = spec.replace(/^\//, "").replace(/\(.*\)$/, "");
      return found([`${prefix}${/^\d/.test(id) ? `${dep}@${id}` : id}`]);
    }
    case "yarn1":
      return found([`${dep}@${spec}`].map((d) => lock.byDescriptor?.get(d) ?? d));
    case "berry": {
      const descriptors = /^[a-z][a-z+-]*:/i.test(spec)
        ? [`${dep}@${spec}`]
        : [`${dep}@npm:${spec}`, `${dep}@${spec}`];
      const key = descriptors.map((d) => lock.byDescriptor?.get(d)).find((k) => k !== undefined);
      return key ? { key } : { problem: `it has no entry for ${descriptors[0]}` };
    }
    case "bun": {
      // `parent/dep` nests dep under parent; resolution walks up to the hoisted `dep`.
      const names: string[] = [];
      for (const t of from.split("/")) {
        if (names.length && names.at(-1)!.startsWith("@") && !names.at(-1)!.includes("/"))
          names[names.length - 1] += `/${t}`;
        else names.push(t);
      }
      const keys: string[] = [];
      for (let i = names.length; i >= 0; i--) keys.push([...names.slice(0, i), dep].join("/"));
      return found(keys);
    }
  }
}

/**
 * Every entry's own dependencies, followed as the manager follows them: an edge the lockfile does not
 * satisfy (no entry where it resolves, or one whose version the range refuses) is resolved afresh.
 */
function edgeProblems(
  root: string,
  lockPath: string,
  lock: Lockfile,
  overrides: readonly Override[],
): DirectInstall[] {
  const out: DirectInstall[] = [];
  for (const [key, e] of lock.entries) {
    if (!e.requires || e.kind === "link" || e.kind === "workspace") continue;
    for (const [dep, raw] of Object.entries(e.requires)) {
      const spec = plainSpec(lock.format, raw);
      const target = edgeTarget(lock, key, dep, spec);
      const entry = target.key ? lock.entries.get(target.key) : undefined;
      // An override that applies to this edge decides it instead of the recorded range (checked above).
      if (entry && overrideFor(overrides, e.name, dep, entry.version)) continue;
      // pnpm records the exact entry an edge resolved to: its existence is the check.
      const why =
        target.problem ?? (entry && lock.format !== "pnpm" ? specProblem(dep, spec, entry, true) : null);
      if (!why) continue;
      out.push({
        root,
        lockfile: lockPath,
        importer: root,
        alias: dep,
        spec,
        problem: `${lockPath} ${key} (${e.name}@${e.version}) depends on ${dep}@${spec}, and ${target.key && !target.problem ? `${target.key}: ` : ""}${why}`,
      });
    }
  }
  return out;
}

/**
 * A workspace whose package name is the name of a package the lockfile installs from the registry:
 * npm, yarn (even frozen; berry's transparent workspaces) and bun link the workspace in its place.
 */
function shadowProblems(
  c: Commit,
  root: string,
  importers: string[],
  lockPath: string,
  lock: Lockfile,
): DirectInstall[] {
  const out: DirectInstall[] = [];
  const installed = new Map<string, LockEntry>();
  for (const e of lock.entries.values())
    if (e.kind === "registry" || e.kind === "url") installed.set(e.name, e);
  for (const importer of importers) {
    if (importer === root) continue;
    const name = c.manifest(importer)?.name;
    if (typeof name !== "string" || !installed.has(name)) continue;
    const e = installed.get(name)!;
    out.push({
      root,
      lockfile: lockPath,
      importer,
      alias: name,
      spec: `workspace:${relativeTo(root, importer)}`,
      problem: `the workspace ${importer} is named ${name}, which ${lockPath} installs from the registry (${describeEntry(e)}): the manager links the workspace's own code in its place`,
    });
  }
  return out;
}

/**
 * Every direct dependency of every workspace under the roots that `dirs` belong to, as installed from
 * the lockfile each root's manager reads. Folders without any lockfile at their root are left to the
 * caller (a changed spec there is unpinned).
 */
export function directInstalls(c: Commit, dirs: Iterable<string>): DirectInstall[] {
  const roots = new Set<string>();
  for (const d of dirs) if (c.manifest(d) !== null) roots.add(projectRoot(c, d));
  const out: DirectInstall[] = [];
  for (const root of [...roots].sort()) {
    const { names, problem } = lockfilesUsed(c, root);
    const importers = [root];
    const patterns = workspacePatterns(c, root);
    if (patterns) {
      for (const path of c.files.keys()) {
        if (!path.endsWith("package.json") || path === pathIn(root, "package.json")) continue;
        const folder = path === "package.json" ? "" : path.slice(0, -"/package.json".length);
        if (
          (root === "" || folder.startsWith(`${root}/`)) &&
          inWorkspaces(patterns, relativeTo(root, folder))
        )
          importers.push(folder);
      }
    }
    if (problem) {
      for (const importer of importers)
        for (const [alias, spec] of installedSpecs(c, importer, root))
          out.push({
            root,
            lockfile: pathIn(root, "package.json"),
            importer,
            alias,
            spec,
            problem,
            wholeRoot: true,
          });
      continue;
    }
    for (const name of names) {
      const lockPath = pathIn(root, name);
      if (name === "bun.lockb") continue; // never read: refused where the pull request's files are listed
      const lock = c.lockfile(root, name)!;
      const overrides = declaredOverrides(c, root);
      const names = workspaceNames(c, root);
      for (const importer of importers) {
        const rel = relativeTo(root, importer);
        for (const [alias, spec] of installedSpecs(c, importer, root)) {
          const base = { root, lockfile: lockPath, importer, alias, spec };
          const at = locate(c, lock, rel, importer, alias, spec);
          if (at.linked) continue;
          const where = lockPath;
          if (at.problem) {
            out.push({
              ...base,
              problem: `${pathIn(importer, "package.json")} asks for ${alias}@${spec}, and ${where}: ${at.problem}`,
            });
            continue;
          }
          // pnpm and bun re-resolve a dependency whose spec is not the one they recorded; yarn 2+ too.
          const recordedOk =
            at.recorded === undefined
              ? lock.format !== "pnpm" && lock.format !== "bun"
              : at.recorded === spec || (lock.format === "berry" && at.recorded === `npm:${spec}`);
          if (!recordedOk && lock.format !== "npm" && lock.format !== "yarn1") {
            out.push({
              ...base,
              key: at.key,
              problem: `${pathIn(importer, "package.json")} asks for ${alias}@${spec}, and ${where} records ${at.recorded === undefined ? "no spec" : JSON.stringify(at.recorded)} for it`,
            });
            continue;
          }
          const linkable = names.has(alias);
          // An override of this name (yarn's resolutions reach direct dependencies too) decides instead.
          const why = overrideFor(overrides, null, alias, at.entry!.version)
            ? null
            : specProblem(alias, spec, at.entry!, linkable);
          out.push(
            why
              ? {
                  ...base,
                  key: at.key,
                  problem: `${pathIn(importer, "package.json")} asks for ${alias}@${spec}, and ${where} ${at.key}: ${why}`,
                }
              : { ...base, key: at.key!, entry: at.entry! },
          );
        }
      }
      out.push(...overrideProblems(c, root, lockPath, lock));
      out.push(...edgeProblems(root, lockPath, lock, overrides));
      out.push(...shadowProblems(c, root, importers, lockPath, lock));
    }
  }
  return out;
}

/**
 * The entries an entry's dependency edges reach, as the manager follows them (edgeTarget), each with
 * the entry it was reached from: what installing `start` installs with it.
 */
export function dependencyClosure(lock: Lockfile, start: string): Map<string, string> {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    const e = lock.entries.get(key);
    if (!e?.requires || e.kind === "link" || e.kind === "workspace") continue;
    for (const [dep, raw] of Object.entries(e.requires)) {
      const target = edgeTarget(lock, key, dep, plainSpec(lock.format, raw)).key;
      if (!target || target === start || parent.has(target) || !lock.entries.has(target)) continue;
      parent.set(target, key);
      queue.push(target);
    }
  }
  return parent;
}
