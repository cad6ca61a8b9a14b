/**
 * Install differential (DESIGN §8): the gate's verdict (src/gate/verdict.ts) against what the REAL
 * package managers install, on generated, seeded, reproducible mutations of real-manager-locked
 * projects. `npm run differential` (scripts: node --import tsx scripts/differential-install.ts).
 *
 * A universe is published to two throwaway Verdaccio registries: "early" (only postmark-mcp 1.0.15 and
 * the 1.0.x-era deps, where the base projects are locked, so `^1.0.15` locks at 1.0.15 as it would have
 * when it was written) and "full" (also 1.0.16, 1.1.0, 2.0.0 and pm-dep 1.1.0: every install and every
 * relock of a head). The tarballs are byte-identical in both; lockfile URLs of the early registry are
 * rewritten to the full one. Each version's index.js names the version, so what landed is known by its
 * package.json (name, version) and a hash of index.js.
 *
 * For every case (a base project, a mutation, a head): the verdict of the gate on (base files, head
 * files), and the real manager's install of base and head in a throwaway copy, in plain and frozen
 * mode. A DISAGREEMENT: at some install location (the root, or a workspace folder: what
 * `require("postmark-mcp")` there finds, its own node_modules first, then the root's), the head
 * installs a guarded package (install name postmark-mcp, or real name postmark-mcp under any name at
 * depth 1) whose (real name, version, index.js hash) differs from what the base installs there, and the
 * verdict is not "unknown" and names no change of it (name or alias postmark-mcp or the real name, `to`
 * the installed version). STRICTER (counted, not a failure): the verdict is unknown or lists changes,
 * but neither mode installs anything different.
 *
 * Options (all optional):
 *   --case <id>[,<id>...]   run only these cases (ids as printed: npm-7, berry-12, ...); keeps their folders
 *   --manager <m>[,<m>...]  npm, pnpm, yarn1, berry, bun
 *   --count <n>             cases per manager (env MCP_GUARD_DIFF_CASES, default 60)
 *   --seed <n>              (env MCP_GUARD_DIFF_SEED, default 20261101)
 *   --jobs <n>              cases in parallel (env MCP_GUARD_DIFF_JOBS, default 2)
 *   --budget <minutes>      stop starting cases after this (env MCP_GUARD_DIFF_BUDGET_MIN, default 25)
 *   --out <file>            results JSON (env MCP_GUARD_DIFF_OUT, default <tmp>/mcp-guard-differential/results.json)
 *   --keep                  keep every case's folders (under <tmp>/mcp-guard-differential/work-<pid>)
 *   --list                  print the generated cases and exit
 *   --install-tools         install the tools (MCP_GUARD_PM_TOOLS) and exit
 * Exit status: 0 without disagreements, 1 with any, 2 when the tools or the registry cannot be set up.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as yaml from "js-yaml";
import { parse as parseJsonc } from "jsonc-parser";
import { isDependencyFile } from "../src/gate/changes.js";
import { verdictOf } from "../src/gate/verdict.js";
import {
  type InstallMode,
  MANAGER_IDS,
  type Manager,
  type ManagerId,
  makeSandbox,
  managers,
  type RunResult,
  readJson,
  setUpTools,
  type ToolPaths,
} from "../test/helpers/package-managers.js";
import { packageTgz } from "../test/helpers/tarball.js";
import { startVerdaccio, type Verdaccio } from "../test/helpers/verdaccio.js";

export const GUARDED = "postmark-mcp";
export const DEFAULT_SEED = 20261101;
const MODES: InstallMode[] = ["plain", "frozen"];

type Files = Record<string, string>;
type Json = Record<string, unknown>;
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const hash = (s: string) => createHash("sha256").update(s).digest("hex");

// ---------------------------------------------------------------------------------------------------
// The universe

/** name, version, dependencies, published early (base locking) or only later. */
const UNIVERSE: [string, string, Record<string, string>, boolean][] = [
  ["pm-dep", "1.0.0", {}, true],
  ["other-pkg", "1.0.0", {}, true],
  [GUARDED, "1.0.15", { "pm-dep": "^1.0.0" }, true],
  ["pm-dep", "1.1.0", {}, false],
  [GUARDED, "1.0.16", { "pm-dep": "^1.0.0" }, false],
  [GUARDED, "1.1.0", { "pm-dep": "^1.1.0" }, false],
  [GUARDED, "2.0.0", {}, false],
  // A package that depends on the guarded one (the "transitive" projects).
  ["mcp-wrapper", "1.0.0", { [GUARDED]: "^1.0.15" }, true],
  ["mcp-wrapper", "1.1.0", { [GUARDED]: "^1.0.16" }, false],
];

const tgzOf = (name: string, version: string, deps: Record<string, string>) =>
  packageTgz(
    name,
    version,
    { "index.js": `module.exports = ${JSON.stringify(`${name}@${version}`)};\n` },
    Object.keys(deps).length ? { main: "index.js", dependencies: deps } : { main: "index.js" },
  );

export interface Universe {
  early: Verdaccio;
  full: Verdaccio;
  /** `name@version` → the full registry's version document (dist.tarball, integrity, shasum). */
  manifests: Map<string, Json>;
  close(): Promise<void>;
}

export async function startUniverse(): Promise<Universe> {
  const early = await startVerdaccio();
  const full = await startVerdaccio();
  try {
    for (const [name, version, deps, isEarly] of UNIVERSE) {
      const tgz = tgzOf(name, version, deps);
      if (isEarly) await early.publish(tgz, { name, version });
      await full.publish(tgz, { name, version });
    }
    // "latest" is 1.1.0 (2.0.0 is a major the dist-tag does not follow).
    await fetch(`${full.url}/-/package/${GUARDED}/dist-tags/latest`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify("1.1.0"),
    });
    const manifests = new Map<string, Json>();
    for (const name of new Set(UNIVERSE.map((u) => u[0]))) {
      const doc = (await (await fetch(`${full.url}/${name}`)).json()) as { versions: Record<string, Json> };
      for (const [v, m] of Object.entries(doc.versions)) manifests.set(`${name}@${v}`, m);
    }
    return {
      early,
      full,
      manifests,
      async close() {
        await early.close();
        await full.close();
      },
    };
  } catch (e) {
    await early.close();
    await full.close();
    throw e;
  }
}

interface Dist {
  tarball: string;
  integrity: string;
  shasum: string;
}
function distOf(u: Universe, name: string, version: string): Dist {
  const d = u.manifests.get(`${name}@${version}`)?.dist as Dist | undefined;
  if (!d) throw new Error(`no ${name}@${version} in the universe`);
  return d;
}

// ---------------------------------------------------------------------------------------------------
// Base projects

/** single: one package.json; mono: workspaces; transitive: postmark-mcp only through mcp-wrapper. */
export type Shape = "single" | "mono" | "transitive";
export interface BaseRef {
  manager: ManagerId;
  shape: Shape;
  spec: string;
}
const BASE_SPECS = ["1.0.15", "^1.0.15", "~1.0.15"];

/** The folder whose package.json declares postmark-mcp. */
const depDir = (shape: Shape) => (shape === "mono" ? "packages/server" : "");
const pj = (dir: string) => (dir ? `${dir}/package.json` : "package.json");

function projectFiles(m: Manager, shape: Shape, spec: string): Files {
  if (shape === "transitive") {
    return {
      "package.json": json({
        name: "app",
        version: "1.0.0",
        private: true,
        dependencies: { "mcp-wrapper": "1.0.0", "other-pkg": "1.0.0" },
      }),
    };
  }
  if (shape === "single") {
    return {
      "package.json": json({
        name: "app",
        version: "1.0.0",
        private: true,
        dependencies: { "other-pkg": "1.0.0", [GUARDED]: spec },
      }),
    };
  }
  const pnpm = m.id === "pnpm";
  const files: Files = {
    "package.json": json({
      name: "mono",
      version: "1.0.0",
      private: true,
      ...(pnpm ? {} : { workspaces: ["packages/*"] }),
    }),
    "packages/server/package.json": json({
      name: "server",
      version: "1.0.0",
      dependencies: { [GUARDED]: spec },
    }),
    "packages/client/package.json": json({
      name: "client",
      version: "1.0.0",
      dependencies: { "other-pkg": "1.0.0", server: m.workspaceSpec },
    }),
  };
  if (pnpm) files["pnpm-workspace.yaml"] = "packages:\n  - packages/*\n";
  return files;
}

function writeFiles(dir: string, files: Files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

// ---------------------------------------------------------------------------------------------------
// The harness context

interface Ctx {
  universe: Universe;
  ms: Record<ManagerId, Manager>;
  work: string;
  keep: boolean;
  memo: Map<string, Promise<unknown>>;
  /** Unique folder names. */
  counter: { n: number };
  /** Where the base and head files of disagreeing (or kept) cases are written: <dir>/<id>/{base,head}. */
  casesDir: string;
}

function memo<T>(ctx: Ctx, key: string, make: () => Promise<T>): Promise<T> {
  let p = ctx.memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = make();
    ctx.memo.set(key, p);
  }
  return p;
}

function scratch(ctx: Ctx, label: string): string {
  const dir = join(ctx.work, `${label}-${++ctx.counter.n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const tail = (r: RunResult) =>
  `${r.stderr}\n${r.stdout}`.trim().split("\n").slice(-12).join("\n").slice(-2000);

/** The real manager refuses to write the lockfile a mutation asks for: the case cannot exist. */
class Unbuildable extends Error {}

/**
 * Runs the manager's lock on `files` against `registry` and returns the files with the lockfile it
 * wrote (and package.json as it left it). Early registry URLs become the full registry's.
 */
async function lockWith(ctx: Ctx, m: Manager, files: Files, early: boolean): Promise<Files> {
  const dir = scratch(ctx, `lock-${m.id}`);
  const proj = join(dir, "p");
  writeFiles(proj, files);
  const reg = early ? ctx.universe.early : ctx.universe.full;
  const r = await m.lock(proj, reg.url, makeSandbox(join(dir, "sb"), reg.url));
  if (!r.ok) throw new Unbuildable(`${m.id} refuses to lock this head (${r.code}):\n${tail(r)}`);
  const out: Files = {};
  for (const path of Object.keys(files)) out[path] = readFileSync(join(proj, path), "utf8");
  const lock = readFileSync(join(proj, m.lockfile), "utf8");
  out[m.lockfile] = lock.split(ctx.universe.early.url).join(ctx.universe.full.url);
  if (!ctx.keep) rmSync(dir, { recursive: true, force: true });
  return out;
}

/** A base project, locked by the real manager while only 1.0.15 was published. */
export function baseFiles(ctx: Ctx, ref: BaseRef): Promise<Files> {
  return memo(ctx, `base:${ref.manager}:${ref.shape}:${ref.spec}`, () =>
    lockWith(ctx, ctx.ms[ref.manager], projectFiles(ctx.ms[ref.manager], ref.shape, ref.spec), true),
  );
}

/** `files` relocked by the real manager against the full registry (a developer's or a bot's update). */
function relock(ctx: Ctx, m: Manager, files: Files): Promise<Files> {
  return memo(ctx, `relock:${m.id}:${hash(JSON.stringify(files))}`, () => lockWith(ctx, m, files, false));
}

// ---------------------------------------------------------------------------------------------------
// What landed

export interface Landed {
  /**
   * "" for the root, else the workspace folder; "<location>>mcp-wrapper": the copy a dependency
   * installed at that location loads.
   */
  location: string;
  installName: string;
  name: string | null;
  version: string | null;
  /** sha256 of index.js (first 16 hex digits), null when absent. */
  hash: string | null;
}

type Installed = Omit<Landed, "location"> & { folder: string; dependsOnGuarded: boolean };

function readPackage(folder: string, installName: string): Installed {
  const pkg = readJson(join(folder, "package.json"));
  let h: string | null = null;
  try {
    h = hash(readFileSync(join(folder, "index.js"), "utf8")).slice(0, 16);
  } catch {
    h = null;
  }
  const declared = ["dependencies", "optionalDependencies"].some((f) => {
    const d = pkg?.[f];
    return !!d && typeof d === "object" && GUARDED in d;
  });
  return {
    installName,
    name: typeof pkg?.name === "string" ? pkg.name : null,
    version: typeof pkg?.version === "string" ? pkg.version : null,
    hash: h,
    folder,
    dependsOnGuarded: declared,
  };
}

function readInstalled(dir: string): Map<string, Installed> {
  const out = new Map<string, Installed>();
  const nm = join(dir, "node_modules");
  if (!existsSync(nm)) return out;
  const names: string[] = [];
  for (const e of readdirSync(nm)) {
    if (e.startsWith(".")) continue;
    if (e.startsWith("@")) {
      try {
        for (const s of readdirSync(join(nm, e))) names.push(`${e}/${s}`);
      } catch {
        /* not a folder */
      }
    } else names.push(e);
  }
  for (const installName of names) out.set(installName, readPackage(join(nm, installName), installName));
  return out;
}

/**
 * What `require("postmark-mcp")` from inside an installed package finds (Node's lookup from its real
 * folder: its own node_modules, then each folder above, within the project): npm's nested or hoisted
 * copy, pnpm's sibling in .pnpm, yarn's and bun's.
 */
function resolveFrom(projectDir: string, folder: string): Installed | null {
  let dir: string;
  try {
    dir = realpathSync(folder);
  } catch {
    return null;
  }
  const top = realpathSync(projectDir);
  for (;;) {
    const candidate = join(dir, "node_modules", GUARDED);
    if (existsSync(candidate)) return readPackage(candidate, GUARDED);
    if (dir === top || !dir.startsWith(top)) return null;
    dir = dirname(dir);
  }
}

/** A package the manager installed (its real folder is in a node_modules), not a workspace's link. */
function isInstalledCopy(folder: string): boolean {
  try {
    return realpathSync(folder).includes("/node_modules/");
  } catch {
    return false;
  }
}

/** The guarded packages each location resolves (its own node_modules first, then the root's). */
export function readLanded(projectDir: string, locations: string[]): Landed[] {
  const root = readInstalled(projectDir);
  const out: Landed[] = [];
  for (const location of ["", ...locations.filter((l) => l !== "")]) {
    const own = location === "" ? root : readInstalled(join(projectDir, location));
    const names = new Set([...root.keys(), ...own.keys()]);
    for (const n of [...names].sort()) {
      const e = own.get(n) ?? root.get(n)!;
      const { folder, dependsOnGuarded, ...landed } = e;
      if (e.installName === GUARDED || e.name === GUARDED) out.push({ location, ...landed });
      else if (dependsOnGuarded && isInstalledCopy(folder)) {
        // A dependency that depends on postmark-mcp: the copy it loads, as location "<location>>name".
        const via = resolveFrom(projectDir, folder);
        if (via) {
          const { folder: _f, dependsOnGuarded: _d, ...v } = via;
          out.push({ location: `${location}>${n}`, ...v });
        }
      }
    }
  }
  return out;
}

/** Workspace folders of a project: folders (not the root) with a package.json. */
function locationsOf(files: Files): string[] {
  return Object.keys(files)
    .filter((p) => p.endsWith("/package.json") && !p.includes("node_modules/") && !p.startsWith("vendor/"))
    .map((p) => p.slice(0, -"/package.json".length))
    .sort();
}

interface InstallOutcome {
  ok: boolean;
  code: number | string | null;
  ms: number;
  landed: Landed[];
  output?: string;
  dir?: string;
}

async function installProject(
  ctx: Ctx,
  m: Manager,
  files: Files,
  mode: InstallMode,
  label: string,
  keep: boolean,
): Promise<InstallOutcome> {
  const dir = scratch(ctx, label);
  const proj = join(dir, "p");
  writeFiles(proj, files);
  const r = await m.install(
    proj,
    mode,
    ctx.universe.full.url,
    makeSandbox(join(dir, "sb"), ctx.universe.full.url),
  );
  const landed = r.ok ? readLanded(proj, locationsOf(files)) : [];
  const out: InstallOutcome = { ok: r.ok, code: r.code, ms: r.ms, landed };
  if (!r.ok) out.output = tail(r);
  if (keep || ctx.keep) out.dir = proj;
  else rmSync(dir, { recursive: true, force: true });
  return out;
}

function baseInstall(ctx: Ctx, m: Manager, files: Files, mode: InstallMode): Promise<InstallOutcome> {
  return memo(ctx, `install:${m.id}:${mode}:${hash(JSON.stringify(files))}`, () =>
    installProject(ctx, m, files, mode, `base-${m.id}-${mode}`, false),
  );
}

// ---------------------------------------------------------------------------------------------------
// Text helpers for the mutations

const SPEC_TARGETS = ["1.0.16", "^1.0.16", "~1.0.16", "^1.1.0", "2.0.0", ">=1.0.16", "latest", "1.1.0"];
const BUMP_TARGETS = ["1.0.16", "^1.0.16", "1.1.0", "2.0.0"];

function editJson(files: Files, path: string, edit: (v: Json) => void): void {
  const v = JSON.parse(files[path]!.replace(/^\uFEFF/, "")) as Json;
  edit(v);
  files[path] = json(v);
}

function depsOf(pkg: Json): Record<string, string> {
  if (!pkg.dependencies || typeof pkg.dependencies !== "object") pkg.dependencies = {};
  return pkg.dependencies as Record<string, string>;
}

/**
 * JSON text of `value` in which the key `placeholder` (an own key of some object in it) is written as
 * `key`: a duplicate key, which JSON.parse resolves to the last one.
 */
function withDuplicateKey(value: unknown, placeholder: string, key: string, indent = 2): string {
  return `${JSON.stringify(value, null, indent).split(JSON.stringify(placeholder)).join(JSON.stringify(key))}\n`;
}

/** Inserts `[placeholder, v]` into `obj` right before or after `key`, keeping the other keys in order. */
function insertNear(obj: Json, key: string, placeholder: string, v: unknown, before: boolean): Json {
  const out: Json = {};
  for (const [k, val] of Object.entries(obj)) {
    if (k === key && before) out[placeholder] = v;
    out[k] = val;
    if (k === key && !before) out[placeholder] = v;
  }
  return out;
}

const yamlDump = (v: unknown) => yaml.dump(v, { lineWidth: -1, noRefs: true, quoteStyle: "double" });

const BERRY_HEADER =
  '# This file is generated by running "yarn install" inside your project.\n# Manual changes might be lost - proceed with caution!\n\n';

// ---------------------------------------------------------------------------------------------------
// Lockfile edits, per manager: the lockfile's record of a spec, and the postmark-mcp entry.

interface EntryEdit {
  /** Version the entry claims. */
  version?: string;
  /** The bytes it names (resolved URL and/or integrity): another package's. */
  source?: { name: string; version: string; parts: "both" | "integrity" | "resolved" };
  /** An integrity field with two digests, in this order. */
  digests?: string[];
  remove?: boolean;
  replace?: null | string | unknown[];
}

interface LockOps {
  /** The lockfile's own record of the package.json spec of postmark-mcp in `dir`, set to `spec`. */
  forgeSpec(text: string, dir: string, spec: string, u: Universe): string;
  /** Edits the (first) postmark-mcp entry. */
  editEntry(text: string, e: EntryEdit, u: Universe): string;
  /** A second copy of the postmark-mcp entry's key, after (or before) it, naming `version`'s bytes. */
  duplicateEntry(text: string, version: string, after: boolean, u: Universe): string;
}

const npmOps: LockOps = {
  forgeSpec(text, dir, spec) {
    const lock = JSON.parse(text) as { packages: Record<string, Json> };
    const rec = lock.packages[dir];
    if (rec) depsOf(rec)[GUARDED] = spec;
    return json(lock);
  },
  editEntry(text, e, u) {
    const lock = JSON.parse(text) as { packages: Record<string, unknown> };
    const key = Object.keys(lock.packages).find((k) => k.endsWith(`node_modules/${GUARDED}`))!;
    if (e.remove) delete lock.packages[key];
    else if (e.replace !== undefined) lock.packages[key] = e.replace;
    else {
      const ent = lock.packages[key] as Json;
      if (e.version) ent.version = e.version;
      if (e.source) {
        const d = distOf(u, e.source.name, e.source.version);
        if (e.source.parts !== "integrity") ent.resolved = d.tarball;
        if (e.source.parts !== "resolved") ent.integrity = d.integrity;
      }
      if (e.digests) ent.integrity = e.digests.join(" ");
    }
    return json(lock);
  },
  duplicateEntry(text, version, after, u) {
    const lock = JSON.parse(text) as { packages: Json };
    const key = Object.keys(lock.packages).find((k) => k.endsWith(`node_modules/${GUARDED}`))!;
    const d = distOf(u, GUARDED, version);
    const dup = { ...(lock.packages[key] as Json), version, resolved: d.tarball, integrity: d.integrity };
    lock.packages = insertNear(lock.packages, key, "@@dup@@", dup, !after);
    return withDuplicateKey(lock, "@@dup@@", key);
  },
};

function bunParse(text: string): Json {
  return parseJsonc(text.replace(/^\uFEFF/, ""), [], { allowTrailingComma: true }) as Json;
}
const bunOps: LockOps = {
  forgeSpec(text, dir, spec) {
    const lock = bunParse(text) as { workspaces: Record<string, Json> };
    const ws = lock.workspaces[dir];
    if (ws) depsOf(ws)[GUARDED] = spec;
    return json(lock);
  },
  editEntry(text, e, u) {
    const lock = bunParse(text) as { packages: Record<string, unknown> };
    if (e.remove) delete lock.packages[GUARDED];
    else if (e.replace !== undefined) lock.packages[GUARDED] = e.replace;
    else {
      const ent = lock.packages[GUARDED] as unknown[];
      if (e.version) ent[0] = `${GUARDED}@${e.version}`;
      if (e.source) {
        const d = distOf(u, e.source.name, e.source.version);
        // bun records registry packages as [name@version, registry, info, integrity]; a tarball URL
        // source is written as name@<url>.
        if (e.source.parts !== "integrity") ent[0] = `${GUARDED}@${d.tarball}`;
        if (e.source.parts !== "resolved") ent[3] = d.integrity;
      }
      if (e.digests) ent[3] = e.digests.join(" ");
    }
    return json(lock);
  },
  duplicateEntry(text, version, after, u) {
    const lock = bunParse(text) as { packages: Json };
    const ent = [...(lock.packages[GUARDED] as unknown[])];
    ent[0] = `${GUARDED}@${version}`;
    ent[3] = distOf(u, GUARDED, version).integrity;
    lock.packages = insertNear(lock.packages, GUARDED, "@@dup@@", ent, !after);
    return withDuplicateKey(lock, "@@dup@@", GUARDED);
  },
};

interface PnpmLock {
  importers: Record<string, { dependencies?: Record<string, { specifier: string; version: string }> }>;
  packages: Record<string, unknown>;
  snapshots?: Record<string, unknown>;
}
const pnpmKey = (lock: PnpmLock) => Object.keys(lock.packages).find((k) => k.startsWith(`${GUARDED}@`))!;
const pnpmOps: LockOps = {
  forgeSpec(text, dir, spec) {
    const lock = yaml.load(text) as PnpmLock;
    const dep = lock.importers[dir || "."]?.dependencies?.[GUARDED];
    if (dep) dep.specifier = spec;
    return yamlDump(lock);
  },
  editEntry(text, e, u) {
    const lock = yaml.load(text) as PnpmLock;
    const key = pnpmKey(lock);
    if (e.remove) {
      delete lock.packages[key];
      if (lock.snapshots) delete lock.snapshots[key];
    } else if (e.replace !== undefined) lock.packages[key] = e.replace;
    else {
      const ent = lock.packages[key] as { resolution: Record<string, string> };
      if (e.version) {
        // The version claim: every importer's `version`, and the entry's key (its bytes kept).
        const nk = `${GUARDED}@${e.version}`;
        for (const imp of Object.values(lock.importers)) {
          const dep = imp.dependencies?.[GUARDED];
          if (dep && dep.version === key.slice(GUARDED.length + 1)) dep.version = e.version;
        }
        lock.packages = Object.fromEntries(
          Object.entries(lock.packages).map(([k, v]) => [k === key ? nk : k, v]),
        );
        if (lock.snapshots) {
          lock.snapshots = Object.fromEntries(
            Object.entries(lock.snapshots).map(([k, v]) => [k === key ? nk : k, v]),
          );
        }
      }
      if (e.source) {
        const d = distOf(u, e.source.name, e.source.version);
        if (e.source.parts !== "resolved") ent.resolution.integrity = d.integrity;
        if (e.source.parts !== "integrity") ent.resolution.tarball = d.tarball;
      }
      if (e.digests) ent.resolution.integrity = e.digests.join(" ");
    }
    return yamlDump(lock);
  },
  duplicateEntry(text, version, after, u) {
    // pnpm writes `packages:\n\n  name@version:\n    resolution: {integrity: ...}\n`: a second block
    // with the same key, in the text (YAML readers differ on duplicate keys).
    const lock = yaml.load(text) as PnpmLock;
    const key = pnpmKey(lock);
    const d = distOf(u, GUARDED, version);
    const block = `  ${key}:\n    resolution: {integrity: ${d.integrity}, tarball: ${d.tarball}}\n\n`;
    const at = text.indexOf(`\n  ${key}:\n`);
    if (at < 0) return text;
    if (!after) return `${text.slice(0, at + 1)}${block}${text.slice(at + 1)}`;
    const end = text.indexOf("\n\n", at + 1);
    return `${text.slice(0, end + 2)}${block}${text.slice(end + 2)}`;
  },
};

type BerryLock = Record<string, Json>;
const berryLoad = (text: string) => yaml.load(text) as BerryLock;
const berryDump = (lock: BerryLock) => BERRY_HEADER + yamlDump(lock);
const berryKey = (lock: BerryLock) =>
  Object.keys(lock).find((k) => k.split(",").some((d) => d.trim().startsWith(`${GUARDED}@npm:`)))!;
const berryOps: LockOps = {
  forgeSpec(text, dir, spec) {
    const lock = berryLoad(text);
    const ws = Object.entries(lock).find(
      ([, v]) => v.resolution === `${wsName(dir)}@workspace:${dir || "."}`,
    );
    if (ws) depsOf(ws[1])[GUARDED] = `npm:${spec}`;
    const key = berryKey(lock);
    return berryDump(
      Object.fromEntries(Object.entries(lock).map(([k, v]) => [k === key ? `${GUARDED}@npm:${spec}` : k, v])),
    );
  },
  editEntry(text, e, u) {
    void u;
    const lock = berryLoad(text);
    const key = berryKey(lock);
    if (e.remove) delete lock[key];
    else if (e.replace !== undefined) (lock as Record<string, unknown>)[key] = e.replace;
    else {
      const ent = lock[key]!;
      if (e.version) ent.version = e.version;
      if (e.source) {
        if (e.source.parts !== "integrity") ent.resolution = `${e.source.name}@npm:${e.source.version}`;
        // berry's checksum is of its own zip: no other package's can be written here; "integrity"
        // removes it (yarn then records what it fetched).
        if (e.source.parts !== "resolved") delete ent.checksum;
      }
    }
    return berryDump(lock);
  },
  duplicateEntry(text, version, after) {
    const lock = berryLoad(text);
    const key = berryKey(lock);
    const body = yamlDump({
      [key]: { ...lock[key], version, resolution: `${GUARDED}@npm:${version}` },
    }).replace(/\n?$/, "\n\n");
    const quoted = `\n"${key}":\n`;
    const at = text.indexOf(quoted);
    if (at < 0) return text;
    if (!after) return `${text.slice(0, at + 1)}${body}${text.slice(at + 1)}`;
    const end = text.indexOf("\n\n", at + 1);
    return end < 0 ? `${text}\n${body}` : `${text.slice(0, end + 2)}${body}${text.slice(end + 2)}`;
  },
};
/** Workspace names of the generated projects by folder. */
const wsName = (dir: string) => (dir === "" ? "app" : dir.slice(dir.lastIndexOf("/") + 1));

/** yarn 1's lockfile as blocks separated by blank lines; the postmark-mcp block by its header. */
function yarn1Blocks(text: string): { blocks: string[]; at: number } {
  const blocks = text.split(/\n\n/);
  const at = blocks.findIndex((b) => /^"?postmark-mcp@/m.test(b) && !b.startsWith("#"));
  return { blocks, at };
}
function yarn1Line(block: string, field: string, value: string | null): string {
  const re = new RegExp(`^  ${field} .*$`, "m");
  if (value === null) return block.replace(new RegExp(`^  ${field} .*\\n?`, "m"), "");
  return re.test(block) ? block.replace(re, `  ${field} ${value}`) : `${block}\n  ${field} ${value}`;
}
const q = (s: string) => JSON.stringify(s);
const yarn1Ops: LockOps = {
  forgeSpec(text, _dir, spec) {
    const { blocks, at } = yarn1Blocks(text);
    if (at < 0) return text;
    blocks[at] = blocks[at]!.replace(/^[^\n]*:$/m, `${q(`${GUARDED}@${spec}`)}:`);
    return blocks.join("\n\n");
  },
  editEntry(text, e, u) {
    const { blocks, at } = yarn1Blocks(text);
    if (at < 0) return text;
    const header = blocks[at]!.split("\n").find((l) => /^"?postmark-mcp@/.test(l))!;
    if (e.remove) blocks.splice(at, 1);
    else if (e.replace !== undefined) {
      // yarn 1's format has a key with a plain value (a string) or a key with no body.
      const key = header.replace(/:$/, "").split(",")[0]!.trim();
      blocks[at] =
        typeof e.replace === "string" ? `${key.startsWith('"') ? key : q(key)} ${q(e.replace)}` : header;
    } else {
      let b = blocks[at]!;
      if (e.version) b = yarn1Line(b, "version", q(e.version));
      if (e.source) {
        const d = distOf(u, e.source.name, e.source.version);
        if (e.source.parts !== "integrity") b = yarn1Line(b, "resolved", q(`${d.tarball}#${d.shasum}`));
        if (e.source.parts !== "resolved") b = yarn1Line(b, "integrity", d.integrity);
      }
      if (e.digests) b = yarn1Line(b, "integrity", q(e.digests.join(" ")));
      blocks[at] = b;
    }
    return blocks.join("\n\n");
  },
  duplicateEntry(text, version, after, u) {
    const { blocks, at } = yarn1Blocks(text);
    if (at < 0) return text;
    const d = distOf(u, GUARDED, version);
    let b = yarn1Line(blocks[at]!, "version", q(version));
    b = yarn1Line(b, "resolved", q(`${d.tarball}#${d.shasum}`));
    b = yarn1Line(b, "integrity", d.integrity);
    blocks.splice(after ? at + 1 : at, 0, b);
    return blocks.join("\n\n");
  },
};

const OPS: Record<ManagerId, LockOps> = {
  npm: npmOps,
  pnpm: pnpmOps,
  yarn1: yarn1Ops,
  berry: berryOps,
  bun: bunOps,
};

// ---------------------------------------------------------------------------------------------------
// Mutations

type Rng = () => number;
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const coin = (rng: Rng, p = 0.5) => rng() < p;

export interface CaseSpec {
  id: string;
  manager: ManagerId;
  base: BaseRef;
  mutation: string;
  params: Json;
  /** A non-attack control (a real manager's own update, or nothing): the verdict must match it. */
  control: boolean;
}

interface MutationClass {
  name: string;
  only?: ManagerId[];
  shapes?: Shape[];
  control?: boolean;
  params(rng: Rng, m: ManagerId): Json;
  build(c: BuildCtx, p: Json): Promise<Files>;
}

interface BuildCtx {
  ctx: Ctx;
  m: Manager;
  ops: LockOps;
  base: Files;
  ref: BaseRef;
  /** Folder of the package.json that declares postmark-mcp. */
  dir: string;
}

/** Copies the base files and applies `edit` to the package.json that declares postmark-mcp. */
function withPkg(c: BuildCtx, edit: (pkg: Json) => void): Files {
  const files = { ...c.base };
  editJson(files, pj(c.dir), edit);
  return files;
}
const setSpec = (spec: string) => (pkg: Json) => {
  depsOf(pkg)[GUARDED] = spec;
};
const lockOf = (c: BuildCtx, files: Files) => files[c.m.lockfile]!;

const OVERRIDE_FIELDS: Record<ManagerId, (target: string) => Json> = {
  npm: (t) => ({ overrides: { [GUARDED]: t } }),
  pnpm: (t) => ({ pnpm: { overrides: { [GUARDED]: t } } }),
  yarn1: (t) => ({ resolutions: { [GUARDED]: t } }),
  berry: (t) => ({ resolutions: { [GUARDED]: t } }),
  bun: (t) => ({ overrides: { [GUARDED]: t } }),
};

const PACKAGE_MANAGER_FIELDS: Record<ManagerId, string> = {
  npm: "npm@11.6.0",
  pnpm: "pnpm@9.15.9",
  yarn1: "yarn@1.22.22",
  berry: "yarn@4.9.2",
  bun: "bun@1.2.0",
};

/** Another manager's lockfile of the single project at `spec` (its base, relocked at `spec`). */
async function otherLockfile(c: BuildCtx, other: ManagerId, spec: string): Promise<[string, string]> {
  const om = c.ctx.ms[other];
  const b = await baseFiles(c.ctx, { manager: other, shape: "single", spec: c.ref.spec });
  const files = { ...b };
  editJson(files, "package.json", setSpec(spec));
  const locked = await relock(c.ctx, om, files);
  return [om.lockfile, locked[om.lockfile]!];
}

const OTHERS = (m: ManagerId) =>
  MANAGER_IDS.filter(
    (o) => o !== m && !(m.startsWith("yarn") || m === "berry" ? o === "yarn1" || o === "berry" : false),
  );

const CLASSES: MutationClass[] = [
  {
    name: "control-bump",
    control: true,
    params: (rng) => ({ to: pick(rng, BUMP_TARGETS) }),
    build: (c, p) => relock(c.ctx, c.m, withPkg(c, setSpec(p.to as string))),
  },
  {
    name: "control-noop",
    control: true,
    params: () => ({}),
    build: async (c) =>
      withPkg(c, (pkg) => {
        pkg.description = "an unrelated edit";
      }),
  },
  {
    name: "spec-only",
    params: (rng) => ({ spec: pick(rng, SPEC_TARGETS) }),
    build: async (c, p) => withPkg(c, setSpec(p.spec as string)),
  },
  {
    name: "spec-forged",
    params: (rng) => ({ spec: pick(rng, SPEC_TARGETS) }),
    build: async (c, p) => {
      const files = withPkg(c, setSpec(p.spec as string));
      files[c.m.lockfile] = c.ops.forgeSpec(lockOf(c, files), c.dir, p.spec as string, c.ctx.universe);
      return files;
    },
  },
  {
    name: "entry-removed",
    params: (rng) => ({ spec: coin(rng) ? null : pick(rng, SPEC_TARGETS) }),
    build: async (c, p) => {
      const files = p.spec ? withPkg(c, setSpec(p.spec as string)) : { ...c.base };
      files[c.m.lockfile] = c.ops.editEntry(lockOf(c, files), { remove: true }, c.ctx.universe);
      return files;
    },
  },
  {
    name: "entry-replaced",
    params: (rng) => ({ value: pick(rng, ["null", "string", "array"]), spec: coin(rng) ? null : "^1.0.16" }),
    build: async (c, p) => {
      const files = p.spec ? withPkg(c, setSpec(p.spec as string)) : { ...c.base };
      const value = p.value === "null" ? null : p.value === "string" ? "1.0.16" : ["1.0.16"];
      files[c.m.lockfile] = c.ops.editEntry(lockOf(c, files), { replace: value }, c.ctx.universe);
      return files;
    },
  },
  {
    name: "version-only",
    params: (rng) => ({ version: pick(rng, ["1.0.16", "1.1.0"]), spec: coin(rng) }),
    build: async (c, p) => {
      const files = p.spec ? withPkg(c, setSpec(p.version as string)) : { ...c.base };
      files[c.m.lockfile] = c.ops.editEntry(
        lockOf(c, files),
        { version: p.version as string },
        c.ctx.universe,
      );
      return files;
    },
  },
  {
    name: "source-only",
    params: (rng) => ({
      target: pick(rng, [`${GUARDED}@1.0.16`, `${GUARDED}@2.0.0`, "other-pkg@1.0.0"]),
      parts: pick(rng, ["both", "both", "integrity", "resolved"]),
    }),
    build: async (c, p) => {
      const files = { ...c.base };
      const t = p.target as string;
      const at = t.lastIndexOf("@");
      const source = {
        name: t.slice(0, at),
        version: t.slice(at + 1),
        parts: p.parts as "both" | "integrity" | "resolved",
      };
      files[c.m.lockfile] = c.ops.editEntry(lockOf(c, files), { source }, c.ctx.universe);
      return files;
    },
  },
  {
    name: "version-and-source",
    params: (rng) => ({ version: pick(rng, ["1.0.16", "2.0.0"]), spec: coin(rng) }),
    build: async (c, p) => {
      const v = p.version as string;
      const files = p.spec ? withPkg(c, setSpec(v)) : { ...c.base };
      files[c.m.lockfile] = c.ops.editEntry(
        lockOf(c, files),
        { version: v, source: { name: GUARDED, version: v, parts: "both" } },
        c.ctx.universe,
      );
      return files;
    },
  },
  {
    name: "alias-to-other",
    params: (rng) => ({ lock: pick(rng, ["none", "relocked"]) }),
    build: async (c, p) => {
      const files = withPkg(c, setSpec("npm:other-pkg@1.0.0"));
      return p.lock === "relocked" ? relock(c.ctx, c.m, files) : files;
    },
  },
  {
    name: "alias-of-guarded",
    params: (rng) => ({
      alias: pick(rng, ["pm-alias", "other-pkg", "@scope/pm-alias"]),
      to: pick(rng, ["1.0.16", "2.0.0"]),
      lock: pick(rng, ["none", "relocked"]),
    }),
    build: async (c, p) => {
      const files = withPkg(c, (pkg) => {
        depsOf(pkg)[p.alias as string] = `npm:${GUARDED}@${p.to as string}`;
      });
      return p.lock === "relocked" ? relock(c.ctx, c.m, files) : files;
    },
  },
  {
    name: "two-digests",
    only: ["npm", "pnpm", "yarn1", "bun"],
    params: (rng) => ({
      order: pick(rng, ["old-new", "new-old"]),
      version: pick(rng, ["1.0.15", "1.0.16"]),
      resolved: coin(rng),
    }),
    build: async (c, p) => {
      const files = { ...c.base };
      const u = c.ctx.universe;
      const o = distOf(u, GUARDED, "1.0.15").integrity;
      const n = distOf(u, GUARDED, "1.0.16").integrity;
      const e: EntryEdit = { digests: p.order === "old-new" ? [o, n] : [n, o] };
      if (p.version !== "1.0.15") e.version = p.version as string;
      if (p.resolved) e.source = { name: GUARDED, version: "1.0.16", parts: "resolved" };
      files[c.m.lockfile] = c.ops.editEntry(lockOf(c, files), e, u);
      return files;
    },
  },
  {
    name: "dup-keys-manifest",
    params: (rng) => ({
      spec: pick(rng, ["1.0.16", "^1.0.16", "2.0.0"]),
      lastWins: coin(rng),
      lock: pick(rng, ["none", "relocked"]),
    }),
    build: async (c, p) => {
      const files = { ...c.base };
      const pkg = JSON.parse(files[pj(c.dir)]!) as Json;
      const deps = depsOf(pkg);
      const old = deps[GUARDED]!;
      const spec = p.spec as string;
      // The two specs; JSON.parse (and every manager) takes the last.
      deps[GUARDED] = p.lastWins ? old : spec;
      pkg.dependencies = insertNear(deps, GUARDED, "@@dup@@", p.lastWins ? spec : old, false);
      files[pj(c.dir)] = withDuplicateKey(pkg, "@@dup@@", GUARDED);
      if (p.lock === "relocked") {
        const locked = await relock(c.ctx, c.m, {
          ...files,
          [pj(c.dir)]: json(JSON.parse(files[pj(c.dir)]!)),
        });
        files[c.m.lockfile] = locked[c.m.lockfile]!;
      }
      return files;
    },
  },
  {
    name: "dup-keys-lockfile",
    params: (rng) => ({ version: pick(rng, ["1.0.16", "2.0.0"]), after: coin(rng, 0.7), spec: coin(rng) }),
    build: async (c, p) => {
      const v = p.version as string;
      const files = p.spec ? withPkg(c, setSpec(v)) : { ...c.base };
      files[c.m.lockfile] = c.ops.duplicateEntry(lockOf(c, files), v, p.after as boolean, c.ctx.universe);
      return files;
    },
  },
  {
    name: "workspace-own-lockfile",
    shapes: ["mono"],
    params: (rng) => ({ to: pick(rng, ["1.0.16", "2.0.0"]), spec: coin(rng, 0.7) }),
    build: async (c, p) => {
      const to = p.to as string;
      const files = p.spec ? withPkg(c, setSpec(to)) : { ...c.base };
      // A lockfile of the workspace alone, made by the same manager (it installs `to` there).
      const alone = await relock(c.ctx, c.m, {
        "package.json": json({ name: "server", version: "1.0.0", dependencies: { [GUARDED]: to } }),
      });
      files[`${c.dir}/${c.m.lockfile}`] = alone[c.m.lockfile]!;
      return files;
    },
  },
  {
    name: "overrides",
    params: (rng, m) => ({
      field: coin(rng, 0.75) ? m : pick(rng, MANAGER_IDS),
      to: pick(rng, ["1.0.16", "2.0.0", "npm:other-pkg@1.0.0"]),
      lock: pick(rng, ["none", "relocked"]),
    }),
    build: async (c, p) => {
      const files = { ...c.base };
      editJson(files, "package.json", (pkg) => {
        Object.assign(pkg, OVERRIDE_FIELDS[p.field as ManagerId](p.to as string));
      });
      return p.lock === "relocked" ? relock(c.ctx, c.m, files) : files;
    },
  },
  {
    name: "second-lockfile",
    shapes: ["single"],
    params: (rng, m) => ({
      other: pick(rng, OTHERS(m)),
      to: pick(rng, ["1.0.16", "2.0.0"]),
      removeOwn: coin(rng, 0.4),
    }),
    build: async (c, p) => {
      const files = { ...c.base };
      const [name, text] = await otherLockfile(c, p.other as ManagerId, p.to as string);
      if (p.removeOwn) delete files[c.m.lockfile];
      files[name] = text;
      return files;
    },
  },
  {
    name: "package-manager-field",
    shapes: ["single"],
    params: (rng, m) => ({
      field: pick(rng, MANAGER_IDS),
      withLockfile: coin(rng) ? pick(rng, OTHERS(m)) : null,
    }),
    build: async (c, p) => {
      const files = { ...c.base };
      editJson(files, "package.json", (pkg) => {
        pkg.packageManager = PACKAGE_MANAGER_FIELDS[p.field as ManagerId];
      });
      if (p.withLockfile) {
        const [name, text] = await otherLockfile(c, p.withLockfile as ManagerId, "1.0.16");
        files[name] = text;
      }
      return files;
    },
  },
  {
    name: "manager-switch",
    shapes: ["single"],
    params: (rng, m) => ({
      from: pick(rng, OTHERS(m)),
      to: pick(rng, ["1.0.15", "1.0.16"]),
      packageManager: coin(rng),
      removeOld: coin(rng, 0.3),
    }),
    build: async (c, p) => {
      // Built from this manager's base; the case's base is swapped for the other manager's (below).
      const files = { ...c.base };
      const mine = await relock(c.ctx, c.m, withPkg(c, setSpec(p.to as string)));
      const pkg = mine["package.json"]!;
      files["package.json"] = pkg;
      files[c.m.lockfile] = mine[c.m.lockfile]!;
      if (p.packageManager) {
        editJson(files, "package.json", (x) => {
          x.packageManager = PACKAGE_MANAGER_FIELDS[c.m.id];
        });
      }
      return files;
    },
  },
  {
    name: "bom-crlf",
    params: (rng) => ({
      bom: pick(rng, ["none", "package.json", "lockfile", "both"]),
      crlf: pick(rng, ["none", "package.json", "lockfile", "both"]),
      inner: pick(rng, ["spec-only", "version-and-source", "control-bump"]),
    }),
    build: async (c, p) => {
      let files: Files;
      if (p.inner === "spec-only") files = withPkg(c, setSpec("^1.0.16"));
      else if (p.inner === "control-bump") files = await relock(c.ctx, c.m, withPkg(c, setSpec("1.0.16")));
      else {
        files = withPkg(c, setSpec("1.0.16"));
        files[c.m.lockfile] = c.ops.editEntry(
          lockOf(c, files),
          { version: "1.0.16", source: { name: GUARDED, version: "1.0.16", parts: "both" } },
          c.ctx.universe,
        );
      }
      files = { ...files };
      const apply = (path: string, which: string) => {
        if (files[path] === undefined) return;
        const isPkg = path.endsWith("package.json");
        const hit = (v: unknown) => v === "both" || (v === "package.json") === isPkg;
        if (hit(p.crlf) && p.crlf !== "none") files[path] = files[path]!.replace(/\r?\n/g, "\r\n");
        if (hit(p.bom) && p.bom !== "none") files[path] = `\uFEFF${files[path]!}`;
        void which;
      };
      apply(pj(c.dir), "package.json");
      apply(c.m.lockfile, "lockfile");
      return files;
    },
  },
  {
    name: "yarn1-extra-descriptor",
    only: ["yarn1"],
    params: (rng) => ({
      onto: pick(rng, [GUARDED, "other-pkg"]),
      spec: pick(rng, ["^1.0.16", "1.0.16", "2.0.0"]),
    }),
    build: async (c, p) => {
      const spec = p.spec as string;
      const files = withPkg(c, setSpec(spec));
      const text = lockOf(c, files);
      const blocks = text.split(/\n\n/);
      const re = new RegExp(`^"?${p.onto as string}@`);
      const at = blocks.findIndex((b) => re.test(b));
      if (at >= 0) {
        blocks[at] = blocks[at]!.replace(
          /^([^\n]*):$/m,
          (_m, h: string) => `${h}, ${q(`${GUARDED}@${spec}`)}:`,
        );
      }
      files[c.m.lockfile] = blocks.join("\n\n");
      return files;
    },
  },
  {
    name: "yarn1-bare-descriptor",
    only: ["yarn1"],
    params: (rng) => ({ form: pick(rng, ["header-only", "unquoted-duplicate", "string-pointer"]) }),
    build: async (c, p) => {
      const files = withPkg(c, setSpec("^1.0.16"));
      const text = lockOf(c, files);
      const { blocks, at } = yarn1Blocks(text);
      if (at < 0) return files;
      if (p.form === "header-only") blocks.splice(at, 0, `${GUARDED}@^1.0.16:`);
      else if (p.form === "string-pointer") blocks.splice(at, 0, `${q(`${GUARDED}@^1.0.16`)} ${q("1.0.16")}`);
      else {
        const u = c.ctx.universe;
        const d = distOf(u, GUARDED, "1.0.16");
        let b = blocks[at]!.replace(/^[^\n]*:$/m, `${GUARDED}@^1.0.16:`);
        b = yarn1Line(b, "version", q("1.0.16"));
        b = yarn1Line(b, "resolved", q(`${d.tarball}#${d.shasum}`));
        b = yarn1Line(b, "integrity", d.integrity);
        blocks.splice(at + 1, 0, b);
      }
      files[c.m.lockfile] = blocks.join("\n\n");
      return files;
    },
  },
  {
    name: "berry-cachekey",
    only: ["berry"],
    params: (rng) => ({
      cacheKey: pick(rng, ["10c1", "9", "0"]),
      to: pick(rng, ["1.0.16", "2.0.0"]),
      spec: coin(rng),
    }),
    build: async (c, p) => {
      const to = p.to as string;
      const files = p.spec ? withPkg(c, setSpec(to)) : { ...c.base };
      const lock = berryLoad(lockOf(c, files));
      (lock.__metadata as Json).cacheKey = p.cacheKey;
      const key = berryKey(lock);
      lock[key]!.resolution = `${GUARDED}@npm:${to}`;
      files[c.m.lockfile] = berryDump(lock);
      return files;
    },
  },
  {
    name: "npm-shrinkwrap",
    only: ["npm"],
    params: (rng) => ({ to: pick(rng, ["1.0.16", "2.0.0"]), spec: coin(rng) }),
    build: async (c, p) => {
      const to = p.to as string;
      const files = p.spec ? withPkg(c, setSpec(to)) : { ...c.base };
      const locked = await relock(c.ctx, c.m, withPkg(c, setSpec(to)));
      files["npm-shrinkwrap.json"] = locked[c.m.lockfile]!;
      return files;
    },
  },
  {
    name: "control-wrapper-bump",
    control: true,
    shapes: ["transitive"],
    params: () => ({}),
    // mcp-wrapper 1.1.0 asks for postmark-mcp ^1.0.16: a transitive bump, made by the manager.
    build: (c) =>
      relock(
        c.ctx,
        c.m,
        withPkg(c, (pkg) => {
          depsOf(pkg)["mcp-wrapper"] = "1.1.0";
        }),
      ),
  },
  {
    name: "transitive-edge-forged",
    shapes: ["transitive"],
    params: (rng) => ({ to: pick(rng, ["1.0.16", "2.0.0"]), wrapper: coin(rng) }),
    build: async (c, p) => {
      // The lockfile's record of mcp-wrapper's own dependency on postmark-mcp is changed (and, maybe,
      // mcp-wrapper itself claims 1.1.0), the postmark-mcp entry left at 1.0.15.
      const to = p.to as string;
      const files = p.wrapper
        ? withPkg(c, (pkg) => {
            depsOf(pkg)["mcp-wrapper"] = "1.1.0";
          })
        : { ...c.base };
      const text = lockOf(c, files);
      let out = text;
      if (c.m.id === "npm") {
        const lock = JSON.parse(text) as { packages: Record<string, Json> };
        const w = lock.packages["node_modules/mcp-wrapper"]!;
        depsOf(w)[GUARDED] = `^${to}`;
        if (p.wrapper) w.version = "1.1.0";
        out = json(lock);
      } else if (c.m.id === "pnpm") {
        const lock = yaml.load(text) as PnpmLock;
        const key = Object.keys(lock.snapshots ?? {}).find((k) => k.startsWith("mcp-wrapper@"))!;
        const snap = lock.snapshots![key] as { dependencies: Record<string, string> };
        snap.dependencies[GUARDED] = to;
        out = yamlDump(lock);
      } else if (c.m.id === "yarn1") {
        out = text.replace(
          /(\nmcp-wrapper@[^\n]*:\n(?: {2}[^\n]*\n)*? {4}postmark-mcp )"[^"]*"/,
          `$1"^${to}"`,
        );
      } else if (c.m.id === "berry") {
        const lock = berryLoad(text);
        const key = Object.keys(lock).find((k) => k.startsWith("mcp-wrapper@npm:"))!;
        depsOf(lock[key]!)[GUARDED] = `npm:^${to}`;
        out = berryDump(lock);
      } else {
        const lock = bunParse(text) as { packages: Record<string, unknown[]> };
        const ent = lock.packages["mcp-wrapper"]!;
        depsOf(ent[2] as Json)[GUARDED] = `^${to}`;
        out = json(lock);
      }
      files[c.m.lockfile] = out;
      return files;
    },
  },
  {
    name: "non-registry-spec",
    params: (rng) => ({
      spec: pick(rng, ["tarball", "file", "file"]),
      version: pick(rng, ["1.0.15", "1.0.16"]),
      lock: pick(rng, ["none", "relocked", "relocked"]),
    }),
    build: async (c, p) => {
      // A tarball URL (the registry's own 1.0.16 tarball), or a folder of the repository that calls
      // itself postmark-mcp (at 1.0.15 or 1.0.16) with other code.
      const d = distOf(c.ctx.universe, GUARDED, "1.0.16");
      const prefix = c.dir
        ? c.dir
            .split("/")
            .map(() => "..")
            .join("/")
        : ".";
      const spec = p.spec === "tarball" ? d.tarball : `file:${prefix}/vendor/postmark-mcp`;
      const files = withPkg(c, setSpec(spec));
      if (p.spec === "file") {
        files["vendor/postmark-mcp/package.json"] = json({
          name: GUARDED,
          version: p.version,
          main: "index.js",
        });
        files["vendor/postmark-mcp/index.js"] = 'module.exports = "vendored";\n';
      }
      return p.lock === "relocked" ? relock(c.ctx, c.m, files) : files;
    },
  },
  {
    name: "root-adds-dependency",
    shapes: ["mono"],
    params: (rng) => ({
      spec: pick(rng, ["1.0.16", "2.0.0", "npm:other-pkg@1.0.0"]),
      lock: pick(rng, ["none", "relocked"]),
    }),
    build: async (c, p) => {
      // The workspace root declares postmark-mcp itself, at another version than the workspace's.
      const files = { ...c.base };
      editJson(files, "package.json", (pkg) => {
        depsOf(pkg)[GUARDED] = p.spec as string;
      });
      return p.lock === "relocked" ? relock(c.ctx, c.m, files) : files;
    },
  },
  {
    name: "catalog",
    only: ["pnpm", "bun"],
    shapes: ["mono"],
    params: (rng) => ({
      to: pick(rng, ["1.0.16", "^1.0.16", "2.0.0"]),
      lock: pick(rng, ["none", "relocked"]),
    }),
    build: async (c, p) => {
      // The workspace asks for `catalog:`, the catalog (pnpm-workspace.yaml, or bun's root package.json)
      // names another version.
      const to = p.to as string;
      const files = withPkg(c, setSpec("catalog:"));
      if (c.m.id === "pnpm") {
        files["pnpm-workspace.yaml"] =
          `${files["pnpm-workspace.yaml"] ?? "packages:\n  - packages/*\n"}catalog:\n  ${GUARDED}: ${JSON.stringify(to)}\n`;
      } else {
        editJson(files, "package.json", (pkg) => {
          pkg.workspaces = { packages: ["packages/*"], catalog: { [GUARDED]: to } };
        });
      }
      return p.lock === "relocked" ? relock(c.ctx, c.m, files) : files;
    },
  },
  {
    name: "npmrc-setting",
    only: ["npm", "pnpm"],
    params: (rng, m) => ({
      setting: pick(
        rng,
        m === "npm"
          ? ["package-lock=false", "package-lock=false", "save-exact=true"]
          : [
              "lockfile=false",
              "shared-workspace-lockfile=false",
              "link-workspace-packages=true",
              "resolution-mode=highest",
            ],
      ),
      spec: coin(rng) ? null : pick(rng, ["^1.0.16", "1.0.16"]),
    }),
    build: async (c, p) => {
      // A project .npmrc setting that changes how the manager reads its lockfile (no code: npm and pnpm
      // read .npmrc; scripts and pnpmfiles stay off through the command line).
      const files = p.spec ? withPkg(c, setSpec(p.spec as string)) : { ...c.base };
      files[".npmrc"] = `${p.setting as string}\n`;
      return files;
    },
  },
  {
    name: "dependency-field",
    params: (rng) => ({
      field: pick(rng, ["devDependencies", "optionalDependencies", "peerDependencies"]),
      spec: pick(rng, ["1.0.16", "^1.0.16", "2.0.0"]),
      keepDependencies: coin(rng, 0.7),
      lock: pick(rng, ["none", "relocked"]),
    }),
    build: async (c, p) => {
      // postmark-mcp declared in another dependency field too (or moved there), with another spec.
      const files = withPkg(c, (pkg) => {
        pkg[p.field as string] = { [GUARDED]: p.spec };
        if (!p.keepDependencies) delete depsOf(pkg)[GUARDED];
      });
      return p.lock === "relocked" ? relock(c.ctx, c.m, files) : files;
    },
  },
  {
    name: "workspace-shadow",
    shapes: ["mono"],
    params: (rng) => ({
      version: pick(rng, ["1.0.15", "1.0.16"]),
      lock: pick(rng, ["none", "relocked"]),
    }),
    build: async (c, p) => {
      // A workspace folder named like the guarded package: same name (and maybe version), other code.
      const files: Files = {
        ...c.base,
        "packages/postmark-mcp/package.json": json({
          name: GUARDED,
          version: p.version,
          main: "index.js",
        }),
        "packages/postmark-mcp/index.js": 'module.exports = "workspace shadow";\n',
      };
      return p.lock === "relocked" ? relock(c.ctx, c.m, files) : files;
    },
  },
  {
    name: "pnpm-lock-overrides",
    only: ["pnpm"],
    params: (rng) => ({ to: pick(rng, ["1.0.16", "2.0.0"]), forgeEntry: coin(rng) }),
    build: async (c, p) => {
      // package.json's pnpm.overrides and the lockfile's `overrides:` agree; the entries stay at 1.0.15
      // (or the importer's version claims the override's version).
      const to = p.to as string;
      const files = { ...c.base };
      editJson(files, "package.json", (pkg) => {
        Object.assign(pkg, OVERRIDE_FIELDS.pnpm(to));
      });
      const lock = yaml.load(lockOf(c, files)) as PnpmLock & { overrides?: Json };
      lock.overrides = { [GUARDED]: to };
      for (const imp of Object.values(lock.importers)) {
        const dep = imp.dependencies?.[GUARDED];
        if (dep) {
          dep.specifier = to;
          if (p.forgeEntry) dep.version = to;
        }
      }
      files[c.m.lockfile] = yamlDump(lock);
      return files;
    },
  },
  {
    name: "pnpm-importer-dangling",
    only: ["pnpm"],
    params: (rng) => ({ to: pick(rng, ["1.0.16", "2.0.0"]), spec: coin(rng) }),
    build: async (c, p) => {
      // The importer names a version the lockfile has no package entry for.
      const to = p.to as string;
      const files = p.spec ? withPkg(c, setSpec(to)) : { ...c.base };
      const lock = yaml.load(lockOf(c, files)) as PnpmLock;
      for (const imp of Object.values(lock.importers)) {
        const dep = imp.dependencies?.[GUARDED];
        if (dep) {
          dep.version = to;
          if (p.spec) dep.specifier = to;
        }
      }
      files[c.m.lockfile] = yamlDump(lock);
      return files;
    },
  },
  {
    name: "bun-tarball-entry",
    only: ["bun"],
    params: (rng) => ({
      target: pick(rng, [`${GUARDED}@1.0.16`, "other-pkg@1.0.0"]),
      spec: pick(rng, ["keep", "tarball"]),
    }),
    build: async (c, p) => {
      // The entry becomes bun's tarball form, [name@<url>, info], for another version's (or package's) tarball.
      const t = p.target as string;
      const at = t.lastIndexOf("@");
      const d = distOf(c.ctx.universe, t.slice(0, at), t.slice(at + 1));
      const files = p.spec === "tarball" ? withPkg(c, setSpec(d.tarball)) : { ...c.base };
      const lock = bunParse(lockOf(c, files)) as { packages: Record<string, unknown[]> };
      const old = lock.packages[GUARDED]!;
      lock.packages[GUARDED] = [`${GUARDED}@${d.tarball}`, old[2] ?? {}];
      if (p.spec === "tarball") {
        const ws = (lock as unknown as { workspaces: Record<string, Json> }).workspaces[c.dir];
        if (ws) depsOf(ws)[GUARDED] = d.tarball;
      }
      files[c.m.lockfile] = json(lock);
      return files;
    },
  },
  {
    name: "npm-legacy-section",
    only: ["npm"],
    params: (rng) => ({ lockfileVersion: pick(rng, [1, 2, 3]), to: pick(rng, ["1.0.16", "2.0.0"]) }),
    build: async (c, p) => {
      // A v1-style `dependencies` section naming another version (npm 7+ reads `packages` when present).
      const files = { ...c.base };
      const to = p.to as string;
      const d = distOf(c.ctx.universe, GUARDED, to);
      const lock = JSON.parse(lockOf(c, files)) as Json;
      lock.lockfileVersion = p.lockfileVersion;
      lock.dependencies = {
        ...((lock.dependencies as Json | undefined) ?? {}),
        [GUARDED]: { version: to, resolved: d.tarball, integrity: d.integrity },
      };
      files[c.m.lockfile] = json(lock);
      return files;
    },
  },
];

/** The cases of one manager: the control first, then every class in a seeded order, with seeded params. */
export function generateCases(
  seed: number,
  managerIds: readonly ManagerId[],
  perManager: number,
): CaseSpec[] {
  const out: CaseSpec[] = [];
  for (const m of managerIds) {
    const rng = mulberry32(seed + 7919 * (MANAGER_IDS.indexOf(m) + 1));
    const classes = CLASSES.filter((k) => !k.only || k.only.includes(m));
    // The control, then this manager's own classes (so each comes up twice in 40), then the rest shuffled.
    const own = classes.filter((k) => k.only);
    const rest = classes.filter((k) => k.name !== "control-bump" && !k.only);
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    const order = [classes.find((k) => k.name === "control-bump")!, ...own, ...rest];
    for (let i = 0; i < perManager; i++) {
      const k = order[i % order.length]!;
      const r = rng();
      const shape: Shape = k.shapes
        ? pick(rng, k.shapes)
        : r < 0.45
          ? "single"
          : r < 0.8
            ? "mono"
            : "transitive";
      // A transitive project's spec is mcp-wrapper's own (^1.0.15).
      const spec = shape === "transitive" ? "^1.0.15" : pick(rng, BASE_SPECS);
      out.push({
        id: `${m}-${i}`,
        manager: m,
        base: { manager: m, shape, spec },
        mutation: k.name,
        params: k.params(rng, m),
        control: k.control === true,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Running a case

interface ChangeView {
  dir: string;
  name: string;
  alias?: string;
  from: string | null;
  to: string;
  key?: string;
}
type VerdictView =
  | { kind: "no-change" }
  | { kind: "changes"; changes: ChangeView[] }
  | { kind: "unknown"; code: string; message: string }
  | { kind: "error"; message: string };

export interface Disagreement {
  mode: InstallMode;
  landed: Landed;
  base: Landed | null;
  /** Changes of the verdict that name the package, with another `to` (empty: it is not named at all). */
  otherTo: string[];
}

export interface CaseResult extends CaseSpec {
  /**
   * disagreement: something landed that the verdict neither blocks nor names; blocked: something
   * landed and the verdict is unknown; agree-change: the verdict names what landed; stricter: the
   * verdict is unknown or lists changes, nothing different landed; agree-none: no change either way;
   * control-mismatch: a control whose verdict does not match the install; error: the harness or the
   * gate threw; unbuildable: the real manager refuses to lock the head the mutation asks for.
   */
  outcome:
    | "disagreement"
    | "blocked"
    | "stricter"
    | "agree-change"
    | "agree-none"
    | "control-mismatch"
    | "unbuildable"
    | "error";
  verdict?: VerdictView;
  modes?: Partial<Record<InstallMode, InstallOutcome & { differences: Landed[]; baseOk: boolean }>>;
  disagreements?: Disagreement[];
  error?: string;
  headFiles?: string[];
  /** Folder with the case's base/ and head/ files (disagreements, mismatches, errors, kept cases). */
  files?: string;
  ms: number;
  dirs?: string[];
}

const PACKAGES = { detectMcp: false, include: [GUARDED], exclude: [] as string[], all: false };

function verdictFor(ctx: Ctx, base: Files, head: Files): VerdictView {
  try {
    // The gate is given the dependency files only, as the app reads them from a pull request.
    const deps = (f: Files) => new Map(Object.entries(f).filter(([p]) => isDependencyFile(p)));
    const v = verdictOf(deps(base), deps(head), PACKAGES, ctx.universe.manifests, { maxPackagesPerPr: 25 });
    if (v.kind !== "changes") return v;
    return {
      kind: "changes",
      changes: v.changes.map((c) => {
        const a = (c as { alias?: unknown }).alias;
        return {
          dir: c.dir,
          name: c.name,
          ...(typeof a === "string" ? { alias: a } : {}),
          from: c.from,
          to: c.to,
          ...(c.key ? { key: c.key } : {}),
        };
      }),
    };
  } catch (e) {
    return { kind: "error", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

const sameLanded = (a: Landed | null | undefined, b: Landed) =>
  !!a && a.name === b.name && a.version === b.version && a.hash === b.hash;

/** The verdict's changes that name the landed package (name or alias: postmark-mcp, its install or real name). */
function naming(v: VerdictView, l: Landed): ChangeView[] {
  if (v.kind !== "changes") return [];
  const names = new Set([GUARDED, l.installName, ...(l.name ? [l.name] : [])]);
  return v.changes.filter((c) => names.has(c.name) || (c.alias !== undefined && names.has(c.alias)));
}
const named = (v: VerdictView, l: Landed) => naming(v, l).some((c) => c.to === l.version);

async function runCase(ctx: Ctx, spec: CaseSpec, keep: boolean): Promise<CaseResult> {
  const t0 = Date.now();
  const m = ctx.ms[spec.manager];
  const k = CLASSES.find((x) => x.name === spec.mutation)!;
  try {
    let base = await baseFiles(ctx, spec.base);
    const bc: BuildCtx = { ctx, m, ops: OPS[m.id], base, ref: spec.base, dir: depDir(spec.base.shape) };
    const head = await k.build(bc, spec.params);
    if (spec.mutation === "manager-switch") {
      // The base is the other manager's project; the head is this manager's lockfile and package.json.
      const other = await baseFiles(ctx, { ...spec.base, manager: spec.params.from as ManagerId });
      base = other;
      if (!spec.params.removeOld) {
        const om = ctx.ms[spec.params.from as ManagerId];
        head[om.lockfile] = other[om.lockfile]!;
      }
    }
    const verdict = verdictFor(ctx, base, head);
    const modes: CaseResult["modes"] = {};
    const disagreements: Disagreement[] = [];
    let anyDifference = false;
    const dirs: string[] = [];
    const baseBy = new Map<InstallMode, InstallOutcome>();
    for (const mode of MODES) baseBy.set(mode, await baseInstall(ctx, m, base, mode));
    for (const mode of MODES) {
      // What the base installs in this mode; where the base does not install in this mode (a frozen
      // install of a project without this manager's lockfile), what it installs in the other.
      const own = baseBy.get(mode)!;
      const b = own.ok ? own : (MODES.map((x) => baseBy.get(x)!).find((x) => x.ok) ?? own);
      const h = await installProject(ctx, m, head, mode, `${spec.id}-${mode}`, keep);
      if (h.dir) dirs.push(h.dir);
      const differences = h.ok
        ? h.landed.filter(
            (l) =>
              !sameLanded(
                b.landed.find((x) => x.location === l.location && x.installName === l.installName),
                l,
              ),
          )
        : [];
      if (differences.length) anyDifference = true;
      modes[mode] = { ...h, differences, baseOk: own.ok };
      if (verdict.kind === "unknown") continue;
      for (const l of differences) {
        if (!named(verdict, l)) {
          disagreements.push({
            mode,
            landed: l,
            base: b.landed.find((x) => x.location === l.location && x.installName === l.installName) ?? null,
            otherTo: naming(verdict, l).map((c) => c.to),
          });
        }
      }
    }
    const changed = verdict.kind === "changes" || verdict.kind === "unknown";
    const outcome: CaseResult["outcome"] =
      disagreements.length > 0
        ? "disagreement"
        : verdict.kind === "error"
          ? "error"
          : spec.control && verdict.kind !== (anyDifference ? "changes" : "no-change")
            ? "control-mismatch"
            : anyDifference
              ? verdict.kind === "unknown"
                ? "blocked"
                : "agree-change"
              : changed
                ? "stricter"
                : "agree-none";
    let files: string | undefined;
    if (
      outcome === "disagreement" ||
      outcome === "control-mismatch" ||
      outcome === "error" ||
      keep ||
      ctx.keep
    ) {
      files = join(ctx.casesDir, spec.id);
      writeFiles(join(files, "base"), base);
      writeFiles(join(files, "head"), head);
    }
    return {
      ...spec,
      outcome,
      ...(files ? { files } : {}),
      verdict,
      modes,
      disagreements,
      headFiles: Object.keys(head).sort(),
      ms: Date.now() - t0,
      ...(dirs.length ? { dirs } : {}),
    };
  } catch (e) {
    return {
      ...spec,
      outcome: e instanceof Unbuildable ? "unbuildable" : "error",
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      ms: Date.now() - t0,
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// The run

export interface RunOptions {
  seed: number;
  managers: readonly ManagerId[];
  perManager: number;
  only?: string[];
  jobs: number;
  budgetMs: number;
  out?: string;
  keep: boolean;
  tools?: ToolPaths;
  log?: (line: string) => void;
  /** Picks cases of the generated list (the test takes a sample). */
  select?: (cases: CaseSpec[]) => CaseSpec[];
}

export interface RunSummary {
  seed: number;
  started: string;
  finishedMs: number;
  tools: Record<string, string>;
  registry: string;
  perManager: Record<
    string,
    {
      cases: number;
      installs: number;
      failedInstalls: number;
      disagreements: number;
      stricter: number;
      blocked: number;
      agreeChange: number;
      agreeNone: number;
      controlMismatch: number;
      errors: number;
      unbuildable: number;
      skipped: number;
    }
  >;
  /** Per mutation class: cases, their outcomes, and the ids of those that disagree. */
  byMutation: Record<string, { cases: number; outcomes: Record<string, number>; disagreements: string[] }>;
  results: CaseResult[];
  skipped: string[];
  complete: boolean;
}

function summarize(
  seed: number,
  started: number,
  tools: Record<string, string>,
  registry: string,
  ms: ManagerId[],
  results: CaseResult[],
  skipped: CaseSpec[],
  complete: boolean,
): RunSummary {
  const perManager: RunSummary["perManager"] = {};
  for (const id of ms) {
    const rs = results.filter((r) => r.manager === id);
    const installs = rs.flatMap((r) => Object.values(r.modes ?? {}));
    perManager[id] = {
      cases: rs.length,
      installs: installs.filter((i) => i.ok).length,
      failedInstalls: installs.filter((i) => !i.ok).length,
      disagreements: rs.filter((r) => r.outcome === "disagreement").length,
      stricter: rs.filter((r) => r.outcome === "stricter").length,
      blocked: rs.filter((r) => r.outcome === "blocked").length,
      agreeChange: rs.filter((r) => r.outcome === "agree-change").length,
      agreeNone: rs.filter((r) => r.outcome === "agree-none").length,
      controlMismatch: rs.filter((r) => r.outcome === "control-mismatch").length,
      errors: rs.filter((r) => r.outcome === "error").length,
      unbuildable: rs.filter((r) => r.outcome === "unbuildable").length,
      skipped: skipped.filter((s) => s.manager === id).length,
    };
  }
  const byMutation: RunSummary["byMutation"] = {};
  for (const r of results) {
    byMutation[r.mutation] ??= { cases: 0, outcomes: {}, disagreements: [] };
    const b = byMutation[r.mutation]!;
    b.cases++;
    b.outcomes[r.outcome] = (b.outcomes[r.outcome] ?? 0) + 1;
    if (r.outcome === "disagreement") b.disagreements.push(r.id);
  }
  return {
    seed,
    byMutation,
    started: new Date(started).toISOString(),
    finishedMs: Date.now() - started,
    tools,
    registry,
    perManager,
    results,
    skipped: skipped.map((s) => s.id),
    complete,
  };
}

function writeResults(path: string, summary: RunSummary) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, json(summary));
  renameSync(tmp, path);
}

export const defaultOut = () =>
  process.env.MCP_GUARD_DIFF_OUT || join(tmpdir(), "mcp-guard-differential", "results.json");

const landedText = (l: Landed | null) =>
  l ? `${l.location || "."}:${l.installName}=${l.name}@${l.version}#${l.hash?.slice(0, 8)}` : "nothing";
export const verdictText = (v: VerdictView | undefined) =>
  !v
    ? "-"
    : v.kind === "changes"
      ? `changes[${v.changes.map((c) => `${c.dir || "."}:${c.alias ? `${c.alias}=` : ""}${c.name} ${c.from}→${c.to}`).join(", ")}]`
      : v.kind === "no-change"
        ? "no-change"
        : `${v.kind}(${"code" in v ? v.code : ""}: ${v.message.slice(0, 160)})`;

export function describeCase(r: CaseResult): string {
  const head = `${r.id} ${r.mutation} ${JSON.stringify(r.params)} base=${r.base.shape}@${r.base.spec}`;
  if (r.outcome === "error")
    return `${head}: ERROR ${r.error?.split("\n").slice(0, 3).join(" | ") ?? verdictText(r.verdict)}`;
  const modes = MODES.map((mode) => {
    const x = r.modes?.[mode];
    if (!x) return `${mode}: -`;
    return `${mode}: ${x.ok ? x.landed.map(landedText).join(" ") || "(none)" : `failed(${x.code})`}`;
  }).join("; ");
  const dis = (r.disagreements ?? [])
    .map(
      (d) =>
        `${d.mode} ${landedText(d.landed)} (base ${landedText(d.base)}${d.otherTo.length ? `; named with to ${d.otherTo.map((t) => JSON.stringify(t)).join(", ")}` : ""})`,
    )
    .join(", ");
  return `${head}: ${r.outcome}; verdict ${verdictText(r.verdict)}; ${modes}${dis ? `; UNNAMED: ${dis}` : ""}`;
}

export async function runDifferential(o: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const log = o.log ?? ((l: string) => console.log(l));
  const tools = o.tools ?? (await setUpTools());
  const ms = managers(tools);
  const toolVersions: Record<string, string> = {};
  for (const id of o.managers) toolVersions[id] = await ms[id].version();
  let cases = generateCases(o.seed, o.managers, o.perManager);
  if (o.only?.length) {
    const unknown = o.only.filter((id) => !cases.some((c) => c.id === id));
    if (unknown.length)
      throw new Error(`no such case (seed ${o.seed}, ${o.perManager} per manager): ${unknown.join(", ")}`);
    cases = cases.filter((c) => o.only!.includes(c.id));
  }
  if (o.select) cases = o.select(cases);
  // Round-robin over managers, so a run stopped by the budget covers every manager alike.
  const byM = o.managers.map((id) => cases.filter((c) => c.manager === id));
  const queue: CaseSpec[] = [];
  for (let i = 0; byM.some((l) => l.length > i); i++) for (const l of byM) if (l[i]) queue.push(l[i]!);

  const universe = await startUniverse();
  const workRoot = join(tmpdir(), "mcp-guard-differential");
  mkdirSync(workRoot, { recursive: true });
  const work = join(workRoot, `work-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  const out = o.out ?? defaultOut();
  const casesDir = join(dirname(out), `${basename(out, ".json")}-cases`);
  rmSync(casesDir, { recursive: true, force: true });
  const ctx: Ctx = { universe, ms, work, keep: o.keep, memo: new Map(), counter: { n: 0 }, casesDir };
  const results: CaseResult[] = [];
  const skipped: CaseSpec[] = [];
  log(`differential: seed ${o.seed}, ${queue.length} cases, ${o.jobs} at a time; results: ${out}`);
  log(
    `tools: ${Object.entries(toolVersions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")} (${tools.folder})`,
  );
  const deadline = started + o.budgetMs;
  const keepCases = !!o.only?.length;
  try {
    let next = 0;
    const worker = async () => {
      for (;;) {
        const c = queue[next++];
        if (!c) return;
        if (Date.now() > deadline) {
          skipped.push(c);
          continue;
        }
        const r = await runCase(ctx, c, keepCases);
        results.push(r);
        log(
          `[${results.length}/${queue.length} ${Math.round((Date.now() - started) / 1000)}s] ${describeCase(r)}`,
        );
        writeResults(
          out,
          summarize(
            o.seed,
            started,
            toolVersions,
            universe.full.url,
            [...o.managers],
            results,
            skipped,
            false,
          ),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  } finally {
    await universe.close();
    if (!o.keep && !keepCases) rmSync(work, { recursive: true, force: true });
  }
  results.sort((a, b) => queue.indexOf(a) - queue.indexOf(b));
  const order = new Map(queue.map((c, i) => [c.id, i]));
  results.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const summary = summarize(
    o.seed,
    started,
    toolVersions,
    universe.full.url,
    [...o.managers],
    results,
    skipped,
    skipped.length === 0,
  );
  writeResults(out, summary);
  return summary;
}

export function report(s: RunSummary, log: (l: string) => void = console.log): void {
  log("");
  log(
    `differential: seed ${s.seed}, ${Math.round(s.finishedMs / 1000)}s${s.complete ? "" : `, ${s.skipped.length} cases skipped (time budget)`}`,
  );
  for (const [id, p] of Object.entries(s.perManager)) {
    log(
      `  ${id.padEnd(6)} cases ${p.cases}, installs ${p.installs} (+${p.failedInstalls} refused), disagreements ${p.disagreements}, stricter ${p.stricter}, blocked ${p.blocked}, agree ${p.agreeChange} named / ${p.agreeNone} unchanged, control mismatches ${p.controlMismatch}, errors ${p.errors}, unbuildable ${p.unbuildable}${p.skipped ? `, skipped ${p.skipped}` : ""}`,
    );
  }
  const bad = s.results.filter((r) => r.outcome === "disagreement");
  if (bad.length) {
    log("");
    log(`DISAGREEMENTS (${bad.length}):`);
    for (const r of bad) log(`  ${describeCase(r)}`);
    log("");
    log("disagreements by mutation class:");
    for (const [k, b] of Object.entries(s.byMutation)) {
      if (b.disagreements.length)
        log(`  ${k}: ${b.disagreements.length} of ${b.cases} (${b.disagreements.join(", ")})`);
    }
  }
  const other = s.results.filter((r) => r.outcome === "control-mismatch" || r.outcome === "error");
  if (other.length) {
    log("");
    log(`control mismatches and harness/gate errors (${other.length}, not failing):`);
    for (const r of other) log(`  ${describeCase(r)}`);
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const flag = (name: string) => process.argv.includes(`--${name}`);
  if (flag("install-tools")) {
    try {
      const t = await setUpTools();
      const ms = managers(t);
      for (const id of MANAGER_IDS) console.log(`${id} ${await ms[id].version()}`);
      console.log(`tools in ${t.folder}`);
      return 0;
    } catch (e) {
      console.error(`differential: the package managers could not be installed: ${String(e)}`);
      return 2;
    }
  }
  const seed = Number(arg("seed") ?? process.env.MCP_GUARD_DIFF_SEED ?? DEFAULT_SEED);
  const perManager = Number(arg("count") ?? process.env.MCP_GUARD_DIFF_CASES ?? 60);
  const ids = (arg("manager")?.split(",") ?? [...MANAGER_IDS]) as ManagerId[];
  for (const id of ids) if (!MANAGER_IDS.includes(id)) throw new Error(`unknown manager ${id}`);
  if (flag("list")) {
    for (const c of generateCases(seed, ids, perManager))
      console.log(`${c.id}\t${c.mutation}\t${c.base.shape}@${c.base.spec}\t${JSON.stringify(c.params)}`);
    return 0;
  }
  const only = arg("case")?.split(",");
  let tools: ToolPaths;
  try {
    tools = await setUpTools();
  } catch (e) {
    console.error(`differential: the package managers could not be installed: ${String(e)}`);
    return 2;
  }
  let summary: RunSummary;
  try {
    summary = await runDifferential({
      seed,
      managers: only ? MANAGER_IDS.filter((id) => only.some((c) => c.startsWith(`${id}-`))) : ids,
      perManager,
      ...(only ? { only } : {}),
      jobs: Number(arg("jobs") ?? process.env.MCP_GUARD_DIFF_JOBS ?? 2),
      budgetMs: Number(arg("budget") ?? process.env.MCP_GUARD_DIFF_BUDGET_MIN ?? 25) * 60_000,
      out: arg("out") ?? defaultOut(),
      keep: flag("keep"),
      tools,
    });
  } catch (e) {
    console.error(`differential: could not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 2;
  }
  report(summary);
  if (only) for (const r of summary.results) for (const d of r.dirs ?? []) console.log(`kept ${r.id}: ${d}`);
  console.log(`\nresults: ${arg("out") ?? defaultOut()}`);
  return summary.results.some((r) => r.outcome === "disagreement") ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
