/**
 * Finding the package version changes of a pull request (DESIGN §8), as a pure function over the
 * manifest and lockfile texts at the base and head commits, in every directory. Lockfiles of every
 * format (./lockfiles: npm, pnpm, yarn 1 and berry, bun) give exact versions and sources of direct and
 * transitive packages; a package.json spec that no lockfile pins gives the declared spec.
 */
import semver from "semver";
import { dependenciesOf } from "../common/manifest.js";
import { sha256 } from "../review/files.js";
import { Commit, type CommitFiles, folderOf, pathIn } from "./commit.js";
import {
  aliasTarget,
  directInstalls,
  droppedManagers,
  projectPackages,
  workspacePackages,
} from "./install/index.js";
import {
  BUN_BINARY,
  LOCKFILE_NAMES,
  type LockEntry,
  type Lockfile,
  PNPM_WORKSPACE,
  readLockfile,
  recordsSpec,
} from "./lockfiles/index.js";
import { splitId } from "./lockfiles/types.js";
import { SETTINGS_FILES, settingsChanges } from "./settings.js";
import type { VersionChange } from "./version-change.js";

export type { CommitFiles } from "./commit.js";
export { ancestors, folderOf } from "./commit.js";
export type { VersionChange } from "./version-change.js";

/** The `to` of a removal: no version is installed any more. */
export const REMOVED = "removed";

/** The files read in every folder a pull request touches. */
export const DEPENDENCY_FILES = ["package.json", ...LOCKFILE_NAMES, PNPM_WORKSPACE, ...SETTINGS_FILES];

/** Is this a path the change detection reads, or must see (bun's binary lockfile)? Any directory. */
export function isDependencyFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return DEPENDENCY_FILES.includes(base) || base === BUN_BINARY;
}

/** bun's binary lockfile: never read, so a pull request that changes one cannot be cleared. */
export function isUnsupportedLockfile(path: string): boolean {
  return path.slice(path.lastIndexOf("/") + 1) === BUN_BINARY;
}

/**
 * Every installed package of an npm lockfile, keyed by install path (node_modules/a/node_modules/b).
 * Kept for the npm-specific tests and tools; the gate reads every format through `readLockfile`.
 */
export function lockedPackages(path: string, text: string): Map<string, LockEntry> {
  return readLockfile(path, text).entries;
}

/** What decides an entry's bytes: two entries with the same id install the same bytes. */
const entryId = (e: LockEntry) =>
  [e.name, e.version, e.integrity, e.resolved, e.kind, e.checksum ?? ""].join("\0");
const sameEntry = (a: LockEntry, b: LockEntry) => entryId(a) === entryId(b);

/**
 * The version an entry replaces: the base entry at the same key (npm's install paths stay put), or
 * else, for formats keyed by version, a base version of the same package the head no longer has
 * (the highest), or any base version of it.
 */
function previousVersion(
  key: string,
  now: LockEntry,
  before: Map<string, LockEntry>,
  after: Map<string, LockEntry>,
): string | null {
  const was = before.get(key);
  if (was) return was.name === now.name && was.version ? was.version : null;
  // Formats keyed by name@version say nothing of which version an entry of another key replaces.
  const kept = new Set([...after.values()].filter((e) => e.name === now.name).map((e) => e.version));
  const olds = [...before.values()]
    .filter((e) => e.name === now.name && e.version && e.version !== now.version && semver.valid(e.version))
    .map((e) => e.version)
    .sort(semver.rcompare);
  return olds.find((v) => !kept.has(v)) ?? olds[0] ?? null;
}

/** The changed entries of one lockfile between two commits. */
function lockfileChanges(
  dir: string,
  lockName: string,
  before: Lockfile | null,
  after: Lockfile,
  listed: Map<string, string>,
): VersionChange[] {
  const out: VersionChange[] = [];
  const seen = new Set<string>();
  const old = before?.entries ?? new Map<string, LockEntry>();
  const oldIds = new Set([...old.values()].map(entryId));
  const aliases = installNames(after);
  for (const [key, now] of after.entries) {
    const was = old.get(key);
    if (was && sameEntry(was, now)) continue;
    // An entry that only moved (a new key, the same package from the same place) is no change.
    if (!was && oldIds.has(entryId(now))) continue;
    const from = previousVersion(key, now, old, after.entries);
    const alias = [...(aliases.get(key) ?? [])].sort()[0];
    // What was installed under that name before: the entry at the same key, or (formats keyed by
    // version) a base entry of the package the alias names.
    const before =
      was && was.name !== now.name && was.version
        ? was
        : alias && !was
          ? [...old.values()].find((e) => e.name === alias && e.version)
          : undefined;
    // The same package from the same place may sit at several install paths: one change is enough.
    const id = [now.name, alias, from, now.version, now.resolved, now.integrity, now.kind, now.checksum].join(
      "\0",
    );
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      dir,
      name: now.name,
      from,
      to: now.version,
      direct: now.direct ?? (key === `node_modules/${now.name}` && listed.has(now.name)),
      ...(now.integrity ? { integrity: now.integrity } : {}),
      ...(now.checksum ? { checksum: now.checksum } : {}),
      ...(now.resolved ? { resolved: now.resolved } : {}),
      kind: now.kind,
      key,
      lockfile: lockName,
      source: "lockfile",
      ...(alias ? { alias } : {}),
      ...(before ? { was: { name: before.name, version: before.version } } : {}),
    });
  }
  // A package the head installs no version of any more: removed (its code leaves; a guarded one is shown).
  const names = new Set([...after.entries.values()].map((e) => e.name));
  const removed = new Set<string>();
  for (const [key, was] of old) {
    if (names.has(was.name) || !was.version || was.kind === "link" || was.kind === "workspace") continue;
    if (removed.has(`${was.name}@${was.version}`)) continue;
    removed.add(`${was.name}@${was.version}`);
    out.push({
      dir,
      name: was.name,
      from: was.version,
      to: REMOVED,
      direct: was.direct ?? false,
      kind: was.kind,
      key,
      lockfile: lockName,
      source: "removal",
    });
  }
  return out;
}

/**
 * The names each entry is installed under when they are not its real name (aliases): npm's and bun's
 * install paths end in it; yarn's descriptors start with it; pnpm's importers and entries name it in
 * their edges (`postmark-mcp: other@1.0.0`). Identity is what lands on disk.
 */
function installNames(lock: Lockfile): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (key: string, name: string) => {
    const e = lock.entries.get(key);
    if (!e || e.name === name) return;
    out.set(key, (out.get(key) ?? new Set()).add(name));
  };
  for (const [key, e] of lock.entries) {
    if (lock.format === "npm") {
      const at = key.lastIndexOf("node_modules/");
      if (at >= 0) add(key, key.slice(at + "node_modules/".length));
    } else if (lock.format === "bun") {
      const parts = key.split("/");
      add(key, parts.length > 1 && parts.at(-2)!.startsWith("@") ? parts.slice(-2).join("/") : parts.at(-1)!);
    } else if (lock.format === "yarn1" || lock.format === "berry") {
      for (const d of key.split(",")) add(key, splitId(d.trim())[0]);
    } else if (lock.format === "pnpm") {
      // Edges naming another package's key: `alias: real@1.0.0`.
      for (const [dep, ref] of Object.entries(e.requires ?? {})) {
        const id = ref.replace(/^\//, "").replace(/\(.*\)$/, "");
        if (!/^\d/.test(id) && !id.startsWith("link:")) add(id, dep);
      }
    }
  }
  if (lock.format === "pnpm")
    for (const importer of lock.resolved?.values() ?? [])
      for (const [alias, key] of importer) if (key) add(key, alias);
  return out;
}

/**
 * What the install model says of the head: every direct dependency the manager would resolve afresh
 * (a "manifest" change naming why: unknown, so blocking when guarded), and every direct dependency
 * that installs another entry than at the base (an alias switched to another package, say), which the
 * lockfile's own entries may not show.
 */
function installChanges(
  base: Commit,
  head: Commit,
  dirs: Set<string>,
  known: VersionChange[],
): VersionChange[] {
  const id = (lockfile: string, importer: string, alias: string) => `${lockfile}\0${importer}\0${alias}`;
  const before = new Map(
    directInstalls(
      base,
      [...dirs].filter((d) => base.manifest(d) !== null),
    ).map((i) => [id(i.lockfile, i.importer, i.alias), i]),
  );
  const seen = new Set(
    known.map((c) => [c.name, c.alias ?? c.name, c.to, c.integrity, c.resolved, c.kind].join("\0")),
  );
  const out: VersionChange[] = [];
  const installs = directInstalls(head, dirs);
  // A project whose lockfile the manager will not read (settings, packageManager, a lockfile of the
  // base's manager deleted): every package it installs, transitive ones too, is resolved afresh.
  const whole = new Map<string, { why: string; lockfile: string }>();
  for (const i of installs)
    if (i.wholeRoot && i.problem) whole.set(i.root, { why: i.problem, lockfile: i.lockfile });
  const roots = new Set(installs.map((i) => i.root));
  for (const [root, why] of droppedManagers(base, head, roots))
    whole.set(root, { why, lockfile: pathIn(root, "package.json") });
  for (const [root, { why, lockfile }] of whole) {
    out.push({
      dir: root,
      name: `${root || "."} (every package)`,
      from: null,
      to: "re-resolved",
      direct: true,
      source: "manifest",
      staleLockfile: lockfile,
      why,
      project: projectPackages([base, head], root),
    });
  }
  for (const i of installs) {
    const was = before.get(id(i.lockfile, i.importer, i.alias))?.entry;
    if (i.problem || !i.entry) {
      // An alias spec installs another package under this name: both names are its identity.
      const target = aliasTarget(i.alias, i.spec);
      out.push({
        dir: i.importer,
        name: target ?? i.alias,
        ...(target && target !== i.alias ? { alias: i.alias } : {}),
        from: was?.name === i.alias ? was.version || null : null,
        to: i.spec,
        direct: true,
        source: "manifest",
        staleLockfile: i.lockfile,
        why: i.problem ?? `${i.lockfile} does not lock ${i.alias}`,
      });
      continue;
    }
    const now = i.entry;
    if (was && entryId(was) === entryId(now)) continue;
    // A workspace the base's files do not show (not read there, or new): its entries' own changes are
    // the lockfile's; depending on an entry the lockfile already had brings no new code.
    if (!was && base.manifest(i.importer) === null) continue;
    const alias = i.alias !== now.name ? i.alias : undefined;
    const key = [now.name, alias ?? now.name, now.version, now.integrity, now.resolved, now.kind].join("\0");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      dir: i.root,
      name: now.name,
      from: was && was.name === now.name && was.version ? was.version : null,
      to: now.version,
      direct: true,
      ...(now.integrity ? { integrity: now.integrity } : {}),
      ...(now.checksum ? { checksum: now.checksum } : {}),
      ...(now.resolved ? { resolved: now.resolved } : {}),
      kind: now.kind,
      key: i.key ?? `${i.importer}>${i.alias}`,
      lockfile: i.lockfile.slice(i.lockfile.lastIndexOf("/") + 1),
      source: "lockfile",
      ...(alias ? { alias } : {}),
      ...(was && was.name !== now.name && was.version
        ? { was: { name: was.name, version: was.version } }
        : {}),
    });
  }
  return out;
}

/**
 * Specs a folder's package.json changed that its lockfile was not updated for (Dependabot on bun
 * edits package.json alone): the installer would resolve them afresh, unreviewed. Folders without
 * a lockfile anywhere above them give every changed spec.
 */
function unlockedSpecs(dir: string, base: Commit, head: Commit): VersionChange[] {
  const root = head.cover(dir);
  const now = head.specs(dir, root);
  const was = base.specs(dir, base.cover(dir));
  const out: VersionChange[] = [];
  for (const [name, spec] of now) {
    const old = was.get(name);
    if (old === spec) continue;
    let stale: string | undefined;
    if (root !== null) {
      const importer = root === dir ? "" : dir.slice(root ? root.length + 1 : 0);
      const names = head.lockNames(root);
      const locked = names.map((f) => {
        const recorded = recordsSpec(head.lockfile(root, f)!, importer, name, spec);
        // A format that records no specs (npm v1): updated if the lockfile's text changed.
        return recorded ?? base.text(pathIn(root, f)) !== head.text(pathIn(root, f));
      });
      if (locked.every(Boolean)) continue;
      stale = pathIn(root, names[locked.indexOf(false)]!);
    }
    const target = aliasTarget(name, spec);
    out.push({
      dir,
      name: target ?? name,
      ...(target && target !== name ? { alias: name } : {}),
      from: old ?? null,
      to: spec,
      direct: true,
      source: "manifest",
      ...(stale ? { staleLockfile: stale } : {}),
    });
  }
  return out;
}

/**
 * Catalog entries (pnpm-workspace.yaml, bun's root package.json) changed without the lockfile of the
 * same folder: every workspace that says `catalog:` would install the new spec unreviewed. Only
 * entries the lockfile uses count (it records those it resolved).
 */
function unlockedCatalogs(dir: string, base: Commit, head: Commit): VersionChange[] {
  const declared = (c: Commit) => c.catalogs(dir);
  const now = declared(head);
  const was = declared(base);
  const out: VersionChange[] = [];
  for (const f of head.lockNames(dir)) {
    const locked = head.lockfile(dir, f)!.catalogs;
    if (!locked) continue;
    for (const [catalog, pkgs] of now) {
      for (const [name, spec] of pkgs) {
        const old = was.get(catalog)?.get(name);
        const recorded = locked.get(catalog)?.get(name);
        if (old === spec || recorded === undefined || recorded === spec) continue;
        out.push({
          dir,
          name,
          from: old ?? null,
          to: spec,
          direct: true,
          source: "manifest",
          staleLockfile: pathIn(dir, f),
        });
      }
    }
  }
  return out;
}

/** The version changes between two commits, sorted by directory and name. Removals are not changes. */
export function findChanges(baseFiles: CommitFiles, headFiles: CommitFiles): VersionChange[] {
  const base = new Commit(baseFiles);
  const head = new Commit(headFiles);
  const dirs = new Set([...headFiles.keys()].filter(isDependencyFile).map(folderOf));
  const out: VersionChange[] = [];
  for (const dir of [...dirs].sort()) {
    const listed = dependenciesOf(head.manifest(dir));
    for (const lockName of head.lockNames(dir)) {
      out.push(
        ...lockfileChanges(
          dir,
          lockName,
          base.lockfile(dir, lockName),
          head.lockfile(dir, lockName)!,
          listed,
        ),
      );
    }
    if (head.has(dir, "package.json")) out.push(...unlockedSpecs(dir, base, head));
    out.push(...unlockedCatalogs(dir, base, head));
  }
  out.push(...installChanges(base, head, dirs, out));
  // A package the lockfile no longer installs because a workspace of that name took its place: the
  // manager links the workspace's own code wherever the package was asked for.
  const members = workspacePackages(head);
  for (const [i, c] of out.entries()) {
    const folder = c.source === "removal" ? members.get(c.name) : undefined;
    if (folder === undefined) continue;
    out[i] = {
      ...c,
      source: "manifest",
      to: `workspace:${folder}`,
      staleLockfile: c.lockfile ?? "",
      why: `the workspace ${folder} is named ${c.name}, which was ${c.name}@${c.from} from the registry: the manager links the workspace's own code in its place`,
    };
  }
  const everyDir = new Set([...dirs, ...[...baseFiles.keys()].filter(isDependencyFile).map(folderOf)]);
  out.push(...settingsChanges(base, head, [...everyDir].sort()));
  return out.sort(
    (x, y) => x.dir.localeCompare(y.dir) || x.name.localeCompare(y.name) || x.to.localeCompare(y.to),
  );
}

/**
 * The change-set fingerprint an approval is bound to (DESIGN §9): every guarded change with every
 * field that decides what lands or why it is guarded (name, from, to, integrity, checksum, resolved,
 * source and its kind, install path, alias, what it replaces, what it bundles, a settings file's
 * texts, a project's packages), order-independent. A rebase keeps it; any other change voids it.
 * Versioned: a fingerprint of another version never equals one of this one.
 */
export function changeSetFingerprint(changes: readonly VersionChange[]): string {
  return `v2:${sha256(changes.map(fingerprintFields).sort().join("\n"))}`;
}

function fingerprintFields(c: VersionChange): string {
  const settings = c.settings
    ? { file: c.settings.file, before: hashOf(c.settings.before), after: hashOf(c.settings.after) }
    : null;
  return JSON.stringify([
    changeId(c),
    c.source,
    c.lockfile ?? "",
    c.was ?? null,
    [...(c.bundles ?? [])].sort(),
    settings,
    c.project ? [[...c.project.installed].sort(), [...c.project.direct].sort()] : null,
    // What it installs with it: any other version or bytes there is another change (absent when none,
    // so a change that pulls nothing keeps the fingerprint it always had).
    ...(c.pulls?.length
      ? [c.pulls.map((d) => `${d.name}|${d.from ?? ""}|${d.to}|${d.integrity ?? ""}`).sort()]
      : []),
  ]);
}

const hashOf = (text: string | null) => (text === null ? null : sha256(text));

/** One change with what decides its bytes: two changes with the same id install the same bytes in the same place. */
export function changeId(c: VersionChange): string {
  return [
    c.dir,
    c.name,
    c.from ?? "",
    c.to,
    c.integrity ?? "",
    c.resolved ?? "",
    c.kind ?? "",
    c.key ?? "",
    ...(c.alias ? [c.alias] : []),
    ...(c.checksum ? [c.checksum] : []),
  ].join("|");
}

/**
 * The name a person reads for a change: what lands on disk under which name. An alias shows both
 * names; a package that bundles a guarded one says so.
 */
export function changeLabel(c: VersionChange): string {
  const name = c.alias ? `${c.alias} (installs ${c.name})` : c.name;
  return c.bundles?.length ? `${name} (bundles ${c.bundles.join(", ")})` : name;
}

/** The "from" a person reads: the version, or the other package that was installed there. */
export const changeFrom = (c: VersionChange): string | null =>
  c.was && !c.from ? `${c.was.name}@${c.was.version}` : c.from;
