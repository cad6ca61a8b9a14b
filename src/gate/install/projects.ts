/**
 * Which lockfile a package manager reads for a folder: the workspace root above it (package.json
 * `workspaces`, pnpm-workspace.yaml), the manager (`packageManager`, the lockfiles present), and the
 * settings that make it ignore or move its lockfile. Pure.
 */
import * as yaml from "js-yaml";
import picomatch from "picomatch";
import semver from "semver";
import { ancestors, type Commit, pathIn } from "../commit.js";
import { PNPM_WORKSPACE } from "../lockfiles/index.js";
import { isObject } from "../lockfiles/types.js";

export type Manager = "npm" | "pnpm" | "yarn" | "bun";

/** The lockfiles each manager reads, in the order it prefers them. */
export const MANAGER_LOCKFILES: Record<Manager, readonly string[]> = {
  npm: ["npm-shrinkwrap.json", "package-lock.json"],
  pnpm: ["pnpm-lock.yaml"],
  yarn: ["yarn.lock"],
  bun: ["bun.lock", "bun.lockb"],
};

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** The workspace globs a folder declares (package.json `workspaces`, pnpm-workspace.yaml), or null. */
export function workspacePatterns(c: Commit, dir: string): string[] | null {
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

export const relativeTo = (root: string, dir: string) => (root ? dir.slice(root.length + 1) : dir);

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
export function namedManager(
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

/** The package names of the workspaces of the root above `dir` (linked, not fetched). */
export function workspaceNames(c: Commit, dir: string): Set<string> {
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
