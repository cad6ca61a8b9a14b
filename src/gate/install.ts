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
import * as yaml from "js-yaml";
import npa from "npm-package-arg";
import picomatch from "picomatch";
import semver from "semver";
import { ancestors, type Commit, pathIn } from "./commit.js";
import { type LockEntry, type Lockfile, PNPM_WORKSPACE } from "./lockfiles/index.js";
import { isObject } from "./lockfiles/types.js";

export type Manager = "npm" | "pnpm" | "yarn" | "bun";

/** The lockfiles each manager reads, in the order it prefers them. */
export const MANAGER_LOCKFILES: Record<Manager, readonly string[]> = {
  npm: ["npm-shrinkwrap.json", "package-lock.json"],
  pnpm: ["pnpm-lock.yaml"],
  yarn: ["yarn.lock"],
  bun: ["bun.lock", "bun.lockb"],
};

/** The dependency fields a manager installs for a workspace (peers are provided, not installed by it). */
const INSTALLED_FIELDS = ["dependencies", "devDependencies", "optionalDependencies"] as const;

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

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** The workspace globs a folder declares (package.json `workspaces`, pnpm-workspace.yaml), or null. */
function workspacePatterns(c: Commit, dir: string): string[] | null {
  let declared = false;
  const out: string[] = [];
  const ws = c.manifest(dir)?.workspaces;
  if (Array.isArray(ws)) {
    declared = true;
    out.push(...strings(ws));
  } else if (isObject(ws)) {
    declared = true;
    out.push(...strings(ws.packages));
  }
  const pnpm = c.text(pathIn(dir, PNPM_WORKSPACE));
  if (pnpm !== undefined) {
    declared = true;
    try {
      const doc = yaml.load(pnpm);
      if (isObject(doc)) out.push(...strings(doc.packages));
    } catch {
      /* an unreadable pnpm-workspace.yaml: its catalogs fail closed where they are read */
    }
  }
  return declared ? out : null;
}

const cleanGlob = (g: string) => g.replace(/^\.\//, "").replace(/\/+$/, "");

/** Is `rel` (a folder relative to the root) matched by the workspace globs (negations `!` subtract)? */
export function inWorkspaces(patterns: readonly string[], rel: string): boolean {
  const pos = patterns.filter((p) => !p.startsWith("!")).map(cleanGlob);
  const neg = patterns.filter((p) => p.startsWith("!")).map((p) => cleanGlob(p.slice(1)));
  if (!pos.length || !picomatch(pos, { dot: true })(rel)) return false;
  return !(neg.length && picomatch(neg, { dot: true })(rel));
}

const relativeTo = (root: string, dir: string) => (root ? dir.slice(root.length + 1) : dir);

/**
 * The workspace root whose manager installs `dir`'s dependencies: the nearest folder above it whose
 * workspaces include it (npm, yarn and bun walk up to it; pnpm to its pnpm-workspace.yaml), else `dir`.
 * A lockfile in a workspace member's own folder is not read by that manager.
 */
export function projectRoot(c: Commit, dir: string): string {
  for (const a of ancestors(dir)) {
    const patterns = workspacePatterns(c, a);
    if (patterns && c.manifest(a) !== null && inWorkspaces(patterns, relativeTo(a, dir))) return a;
  }
  return dir;
}

/**
 * The managers whose lockfiles the base has at a root and the head does not (and that the head's
 * `packageManager` does not rule out): such a manager, run on the head, finds no lockfile and resolves
 * every package afresh. Why, per root.
 */
export function droppedManagers(base: Commit, head: Commit, roots: Iterable<string>): Map<string, string> {
  const managers = (c: Commit, root: string) =>
    new Set(
      c
        .lockNames(root)
        .map((f) => (Object.entries(MANAGER_LOCKFILES).find(([, names]) => names.includes(f)) ?? [""])[0]),
    );
  const out = new Map<string, string>();
  for (const root of roots) {
    if (base.manifest(root) === null) continue;
    const before = managers(base, root);
    const after = managers(head, root);
    const named = namedManager(head, root)?.manager;
    for (const m of before) {
      if (!m || after.has(m) || (named && named !== m)) continue;
      const files = MANAGER_LOCKFILES[m as Manager].filter((f) => base.has(root, f));
      out.set(
        root,
        `${files.map((f) => pathIn(root, f)).join(", ")} is gone at the head${named ? "" : " and no packageManager says which manager runs"}: ${m}, run on the head, finds no lockfile and resolves every package afresh`,
      );
    }
  }
  return out;
}

/** Folders of these files that declare workspaces (package.json `workspaces`, pnpm-workspace.yaml). */
export function workspaceRoots(c: Commit): string[] {
  const folders = new Set(
    [...c.files.keys()].map((p) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "")),
  );
  return [...folders].filter((d) => c.manifest(d) !== null && workspacePatterns(c, d) !== null).sort();
}

/**
 * The workspace folders (from a commit's full list of paths) whose package.json the manager reads
 * and these files do not hold yet: every member of every workspace root among them. node_modules
 * folders are never members.
 */
export function missingMembers(c: Commit, paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const root of workspaceRoots(c)) {
    const patterns = workspacePatterns(c, root) ?? [];
    for (const path of paths) {
      if (!(path === "package.json" || path.endsWith("/package.json")) || path.includes("node_modules/"))
        continue;
      const folder = path === "package.json" ? "" : path.slice(0, -"/package.json".length);
      if (folder === root || c.files.has(path)) continue;
      if ((root === "" || folder.startsWith(`${root}/`)) && inWorkspaces(patterns, relativeTo(root, folder)))
        out.add(folder);
    }
  }
  return [...out].sort();
}

/** `key=value` settings of an ini file (.npmrc, .yarnrc), keys lower-cased; comments dropped. */
function iniSettings(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of (text ?? "").split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(";") || line.startsWith("#")) continue;
    const m = /^([^=\s]+)\s*(?:=\s*|\s+)(.*)$/.exec(line);
    if (m) out.set(m[1]!.toLowerCase(), m[2]!.trim().replace(/^["']|["']$/g, ""));
  }
  return out;
}

/** pnpm's settings in pnpm-workspace.yaml (pnpm 10 reads them there), keys as written. */
function pnpmWorkspaceSettings(c: Commit, root: string): Record<string, unknown> {
  const text = c.text(pathIn(root, PNPM_WORKSPACE));
  if (text === undefined) return {};
  try {
    const doc = yaml.load(text);
    return isObject(doc) ? doc : {};
  } catch {
    return {};
  }
}

/**
 * Settings in the repository that make a manager ignore its lockfile, or read another one: npm's
 * `package-lock=false`, pnpm's `lockfile=false`, `lockfile-dir` and `shared-workspace-lockfile=false`
 * (.npmrc or pnpm-workspace.yaml), yarn 2+'s `lockfileFilename`; and a pnpm lockfile in the
 * two-document form, which pnpm before 11 throws away. null when none applies.
 */
function lockfileSettings(c: Commit, root: string, present: string[]): string | null {
  const where = root || ".";
  const npmrc = iniSettings(c.text(pathIn(root, ".npmrc")));
  const ws = pnpmWorkspaceSettings(c, root);
  const off = (v: unknown) => v === false || v === "false";
  if (present.some((f) => f.endsWith(".json")) && off(npmrc.get("package-lock")))
    return `${pathIn(root, ".npmrc")} sets package-lock=false: npm ignores ${where}'s lockfile and resolves every dependency afresh`;
  if (present.includes("pnpm-lock.yaml")) {
    if (off(npmrc.get("lockfile")) || off(ws.lockfile))
      return `${where} sets pnpm's lockfile=false: pnpm ignores pnpm-lock.yaml and resolves every dependency afresh`;
    const dir = npmrc.get("lockfile-dir") ?? ws.lockfileDir;
    if (dir !== undefined)
      return `${where} sets pnpm's lockfile-dir to ${JSON.stringify(dir)}: pnpm reads another lockfile than ${pathIn(root, "pnpm-lock.yaml")}`;
    if (off(npmrc.get("shared-workspace-lockfile")) || off(ws.sharedWorkspaceLockfile))
      return `${where} sets pnpm's shared-workspace-lockfile=false: each workspace is installed from a lockfile of its own`;
    const lock = c.lockfile(root, "pnpm-lock.yaml")!;
    if ((lock.documents ?? 1) > 1 && !declaresPnpm11(c, root))
      return `${pathIn(root, "pnpm-lock.yaml")} is in pnpm 11's two-document form, and ${where}/package.json does not require pnpm 11: an earlier pnpm throws the lockfile away and resolves every dependency afresh`;
  }
  const yarnrc = c.text(pathIn(root, ".yarnrc.yml"));
  if (yarnrc !== undefined && present.includes("yarn.lock")) {
    let doc: unknown;
    try {
      doc = yaml.load(yarnrc);
    } catch {
      return `${pathIn(root, ".yarnrc.yml")} is not valid YAML: what yarn reads cannot be told`;
    }
    if (isObject(doc) && typeof doc.lockfileFilename === "string" && doc.lockfileFilename !== "yarn.lock")
      return `${pathIn(root, ".yarnrc.yml")} sets lockfileFilename ${JSON.stringify(doc.lockfileFilename)}: yarn reads another lockfile than ${pathIn(root, "yarn.lock")}`;
  }
  return null;
}

/** Does the root require pnpm 11 or later (packageManager, or devEngines.packageManager)? */
function declaresPnpm11(c: Commit, root: string): boolean {
  const m = c.manifest(root);
  const named = namedManager(c, root);
  if (named?.manager === "pnpm" && (named.major ?? 0) >= 11) return true;
  const dev = isObject(m?.devEngines) ? m.devEngines.packageManager : undefined;
  const list = Array.isArray(dev) ? dev : [dev];
  return list.some(
    (d) =>
      isObject(d) &&
      d.name === "pnpm" &&
      typeof d.version === "string" &&
      semver.minVersion(d.version) !== null &&
      semver.gte(semver.minVersion(d.version)!, "11.0.0"),
  );
}

/** Every workspace member's package name (under every workspace root these files hold) → its folder. */
export function workspacePackages(c: Commit): Map<string, string> {
  const out = new Map<string, string>();
  for (const root of workspaceRoots(c)) {
    const patterns = workspacePatterns(c, root) ?? [];
    for (const path of c.files.keys()) {
      if (!(path === "package.json" || path.endsWith("/package.json"))) continue;
      const folder = path === "package.json" ? "" : path.slice(0, -"/package.json".length);
      if (folder === root || !(root === "" || folder.startsWith(`${root}/`))) continue;
      if (!inWorkspaces(patterns, relativeTo(root, folder))) continue;
      let name: unknown;
      try {
        name = c.manifest(folder)?.name;
      } catch {
        continue; // an unreadable package.json fails closed where the model reads it
      }
      if (typeof name === "string" && !out.has(name)) out.set(name, folder);
    }
  }
  return out;
}

/** The manager a `packageManager` field names (`pnpm@9.1.0+sha…`), with its major version. */
function namedManager(
  c: Commit,
  root: string,
): { manager: Manager; major: number | null; raw: string } | null {
  const raw = c.manifest(root)?.packageManager;
  if (typeof raw !== "string") return null;
  const m = /^(npm|pnpm|yarn|bun)@(\d+)?/.exec(raw.trim());
  if (!m) return null;
  return { manager: m[1] as Manager, major: m[2] ? Number(m[2]) : null, raw };
}

/**
 * The lockfiles the manager of a workspace root reads (several when several managers' lockfiles are
 * there and nothing says which runs: each is modelled, and the gate reads the union), or why the
 * manager would resolve everything afresh.
 */
export function lockfilesUsed(c: Commit, root: string): { names: string[]; problem?: string } {
  const present = c.lockNames(root);
  const named = namedManager(c, root);
  const where = root || ".";
  const ignored = lockfileSettings(c, root, present);
  if (ignored) return { names: [], problem: ignored };
  if (named) {
    const own = MANAGER_LOCKFILES[named.manager].filter((f) => present.includes(f));
    if (!own.length) {
      return {
        names: [],
        problem: `${where}/package.json says packageManager ${JSON.stringify(named.raw)}, and ${where} has no ${MANAGER_LOCKFILES[named.manager].join(" or ")}: ${named.manager} would resolve every dependency afresh`,
      };
    }
    if (named.manager === "yarn" && named.major !== null) {
      const format = c.lockfile(root, "yarn.lock")!.format;
      if (named.major >= 2 !== (format === "berry")) {
        return {
          names: [],
          problem: `${where}/package.json says packageManager ${JSON.stringify(named.raw)}, and ${pathIn(root, "yarn.lock")} is a ${format === "berry" ? "yarn 2+" : "yarn 1"} lockfile: yarn would rewrite it, resolving every dependency afresh`,
        };
      }
    }
    return { names: named.manager === "npm" ? own.slice(0, 1) : own };
  }
  // npm reads npm-shrinkwrap.json and ignores package-lock.json beside it.
  const shrinkwrap = present.includes("npm-shrinkwrap.json");
  return { names: present.filter((f) => !(shrinkwrap && f === "package-lock.json")) };
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

/** The package names of the workspaces of the root above `dir` (linked, not fetched). */
function workspaceNames(c: Commit, dir: string): Set<string> {
  const root = projectRoot(c, dir);
  const patterns = workspacePatterns(c, root) ?? [];
  const out = new Set<string>();
  for (const path of c.files.keys()) {
    if (!path.endsWith("package.json")) continue;
    const folder = path === "package.json" ? "" : path.slice(0, -"/package.json".length);
    if (
      folder !== root &&
      !(folder.startsWith(root ? `${root}/` : "") && inWorkspaces(patterns, relativeTo(root, folder)))
    )
      continue;
    const name = c.manifest(folder)?.name;
    if (typeof name === "string") out.add(name);
  }
  return out;
}

/** The real package an alias spec (`npm:real@range`) installs under another name, or null. */
export function aliasTarget(alias: string, spec: string): string | null {
  try {
    const parsed = npa.resolve(alias, spec, "/") as npa.Result & { subSpec?: npa.Result };
    return parsed.type === "alias" && parsed.subSpec?.name ? parsed.subSpec.name : null;
  } catch {
    return null;
  }
}

const describeEntry = (e: LockEntry) =>
  `${e.name}@${e.version || "(no version)"}${e.resolved && e.kind !== "registry" ? ` from ${e.resolved}` : ""}`;

/**
 * Does the locked entry install what `alias@spec` asks for, as the manager checks it? null when it
 * does; else why not. Registry specs need a registry entry of the same real name whose version the
 * range accepts (npm checks loosely); an alias needs its target's name; a dist-tag cannot be proved by
 * a lockfile; folders, git and URLs need an entry of that kind (the source check reads it further).
 */
export function specProblem(alias: string, spec: string, entry: LockEntry, linkable: boolean): string | null {
  const inRepoLink = entry.kind === "link" || entry.kind === "workspace";
  if (spec.startsWith("workspace:"))
    return inRepoLink ? null : `${spec} is a workspace spec, and the entry installs ${describeEntry(entry)}`;
  let parsed: npa.Result;
  try {
    parsed = npa.resolve(alias, spec, "/");
  } catch {
    return `the spec ${JSON.stringify(spec)} is not one the lockfile can be checked against`;
  }
  // An alias (`npm:real@range`) installs its target: the target's name and range are checked.
  const sub = (parsed as npa.Result & { subSpec?: npa.Result }).subSpec;
  const want = parsed.type === "alias" && sub ? sub : parsed;
  switch (want.type) {
    case "version":
    case "range": {
      if (inRepoLink)
        return linkable ? null : `the entry links ${entry.resolved ?? ""}, and ${alias} is not a workspace`;
      if (entry.kind !== "registry" && entry.kind !== "url")
        return `the entry installs ${describeEntry(entry)}, not a registry version`;
      if (entry.name !== want.name)
        return `the entry installs ${describeEntry(entry)}, and package.json asks for ${want.name}`;
      const range = want.fetchSpec ?? "";
      if (!entry.version) return `the entry has no version`;
      if (range === "*" || range === "") return null;
      return semver.satisfies(entry.version, range, { loose: true })
        ? null
        : `the entry's version ${entry.version} does not satisfy ${JSON.stringify(range)}`;
    }
    case "tag":
      return `${JSON.stringify(spec)} is a dist-tag: no lockfile entry proves which version it names`;
    case "file":
    case "directory":
      return entry.kind === "file" || inRepoLink
        ? null
        : `the entry installs ${describeEntry(entry)}, not the folder or file ${spec}`;
    case "git":
    case "remote":
      return entry.kind === "git" || entry.kind === "url" || entry.kind === "other"
        ? null
        : `the entry installs ${describeEntry(entry)}, not ${spec}`;
    default:
      return `the spec ${JSON.stringify(spec)} is not one the lockfile can be checked against`;
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

/** One override a root declares. */
export interface Override {
  /** The package overridden, and the version selector it applies to ("" for any). */
  name: string;
  selector: string;
  /** The package whose dependency it overrides (nested npm overrides, `a>b`, `a/b`), or "" for everywhere. */
  parent: string;
  spec: string;
  from: string;
}

/** `@scope/name@range` or `name@range` → [name, range]. */
const splitSelector = (key: string): [string, string] => {
  const at = key.indexOf("@", 1);
  return at < 0 ? [key, ""] : [key.slice(0, at), key.slice(at + 1)];
};

/** The package names of a path selector (`a/@s/b`, `**\/b`, `a>b`), outermost first. */
function selectorPath(key: string): string[] {
  const parts = key.includes(">") ? key.split(">") : key.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "**" || p === "") continue;
    if (out.length && out.at(-1)!.startsWith("@") && !out.at(-1)!.includes("/") && !key.includes(">"))
      out[out.length - 1] += `/${p}`;
    else out.push(p);
  }
  return out;
}

/**
 * Overrides the root declares: npm `overrides` (nested objects apply under their parent, `.` is the
 * parent itself, `$name` references a direct dependency's spec), pnpm's `pnpm.overrides` and
 * pnpm-workspace.yaml `overrides` (`a>b`), yarn's and bun's `resolutions` (`a/b`, `**\/b`), bun's
 * `overrides`.
 */
export function declaredOverrides(c: Commit, root: string): Override[] {
  const m = c.manifest(root);
  const out: Override[] = [];
  const deps = new Map<string, string>();
  for (const f of INSTALLED_FIELDS)
    if (isObject(m?.[f]))
      for (const [k, v] of Object.entries(m[f] as object)) if (typeof v === "string") deps.set(k, v);
  const add = (path: string[], spec: unknown, from: string) => {
    if (typeof spec !== "string" || !path.length) return;
    const [name, selector] = splitSelector(path.at(-1)!);
    const parent = path.length > 1 ? splitSelector(path.at(-2)!)[0] : "";
    const resolved = spec.startsWith("$") ? (deps.get(spec.slice(1)) ?? spec) : spec;
    out.push({ name, selector, parent, spec: resolved, from });
  };
  const npmWalk = (obj: Record<string, unknown>, path: string[]) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === ".") continue;
      if (typeof v === "string") add([...path, k], v, "package.json overrides");
      else if (isObject(v)) {
        if (typeof v["."] === "string") add([...path, k], v["."], "package.json overrides");
        npmWalk(v, [...path, k]);
      }
    }
  };
  if (isObject(m?.overrides)) npmWalk(m.overrides, []);
  const flat = (obj: unknown, from: string) => {
    if (isObject(obj)) for (const [k, v] of Object.entries(obj)) add(selectorPath(k), v, from);
  };
  flat(m?.resolutions, "package.json resolutions");
  if (isObject(m?.pnpm)) flat(m.pnpm.overrides, "package.json pnpm.overrides");
  const ws = c.text(pathIn(root, PNPM_WORKSPACE));
  if (ws !== undefined) {
    try {
      const doc = yaml.load(ws);
      if (isObject(doc)) flat(doc.overrides, `${PNPM_WORKSPACE} overrides`);
    } catch {
      /* read (and refused) where its catalogs are read */
    }
  }
  return out;
}

/** The override that applies to `parent`'s dependency on `dep` at `version` (a nested one first), if any. */
function overrideFor(overrides: readonly Override[], parent: string | null, dep: string, version: string) {
  const applies = (o: Override) =>
    o.name === dep &&
    (!o.selector ||
      !version ||
      !semver.validRange(o.selector) ||
      semver.satisfies(version, o.selector, { loose: true }));
  return (
    (parent !== null ? overrides.find((o) => o.parent === parent && applies(o)) : undefined) ??
    overrides.find((o) => o.parent === "" && applies(o))
  );
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

/** An edge's spec against the entry it reaches: a dist-tag is held to the name only. */
function edgeSpecProblem(dep: string, spec: string, entry: LockEntry): string | null {
  let tag = false;
  try {
    tag = npa.resolve(dep, spec, "/").type === "tag";
  } catch {
    /* checked below */
  }
  if (tag)
    return entry.name === dep
      ? null
      : `the entry installs ${describeEntry(entry)}, and the edge asks for ${dep}`;
  return specProblem(dep, spec, entry, true);
}

/** berry writes an entry's ranges with their protocol: `npm:^1.0.0` is the range `^1.0.0`. */
const plainSpec = (format: Lockfile["format"], spec: string) =>
  format === "berry" && spec.startsWith("npm:") && !/^npm:(?:@[^/]+\/)?[^@]+@/.test(spec)
    ? spec.slice(4)
    : spec;

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
      // pnpm records the exact entry an edge resolved to: its existence is the check. A dist-tag edge
      // (`node-fetch@cjs`) cannot be checked by any reader; npm keeps the locked entry of that name.
      const why =
        target.problem ?? (entry && lock.format !== "pnpm" ? edgeSpecProblem(dep, spec, entry) : null);
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
          const where = `${lockPath}`;
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
