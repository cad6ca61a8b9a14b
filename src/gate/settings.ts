/**
 * Where the package manager fetches from is decided by settings files as much as by the lockfile:
 * `.npmrc` (registry, scoped registries, auth), `.yarnrc` and `.yarnrc.yml` (registries, `yarnPath`,
 * plugins, checksum behaviour), `bunfig.toml` (registries), pnpm's `.pnpmfile.cjs` (hooks that
 * rewrite what is installed) and the settings in pnpm-workspace.yaml. A pull request that changes one
 * while guarded packages are installed is a guarded change the reviewer sees, diffed line by line.
 * Pure.
 */
import * as yaml from "js-yaml";
import type { Limits } from "../common/limits.js";
import { diffPackages } from "../review/diff.js";
import { makeSnapshot, readPackageFile, sha256 } from "../review/files.js";
import type { PackageFile, PackageReview } from "../review/types.js";
import type { Commit } from "./commit.js";
import { pathIn } from "./commit.js";
import { projectPackages } from "./install/index.js";
import { PNPM_WORKSPACE } from "./lockfiles/index.js";
import { isObject } from "./lockfiles/types.js";
import type { VersionChange } from "./version-change.js";

/** Files whose every line is a package-manager setting. */
export const SETTINGS_FILES = [
  ".npmrc",
  ".yarnrc",
  ".yarnrc.yml",
  "bunfig.toml",
  ".pnpmfile.cjs",
  ".pnpmfile.mjs",
];

/** pnpm-workspace.yaml keys that are not settings (the model reads them: workspaces and catalogs). */
const PNPM_NON_SETTINGS = new Set(["packages", "catalog", "catalogs"]);

/** Every MCP server built on the SDK installs it: its presence says guarded packages are installed. */
const SDK = "@modelcontextprotocol/sdk";

export const SETTINGS_RULE = "install-source-settings";

/** The settings part of pnpm-workspace.yaml, as text to compare and show (null: none). */
function pnpmSettings(text: string | undefined): string | null {
  if (text === undefined) return null;
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch {
    return text; // unreadable: the whole file is shown (and its catalogs fail closed where read)
  }
  if (!isObject(doc)) return null;
  const rest = Object.fromEntries(Object.entries(doc).filter(([k]) => !PNPM_NON_SETTINGS.has(k)));
  return Object.keys(rest).length ? yaml.dump(rest, { sortKeys: true }) : null;
}

/**
 * The package-manager settings package.json itself holds, shown as one pseudo-file: pnpm's `pnpm`
 * field (its overrides are checked by the install model), and the fields bun and pnpm read at the top
 * level: `patchedDependencies` (patched bytes at the same version), `trustedDependencies` (whose
 * scripts may run), `dependenciesMeta`.
 */
const MANIFEST_SETTINGS = "package.json#settings";
const TOP_LEVEL_SETTINGS = ["patchedDependencies", "trustedDependencies", "dependenciesMeta"];

function manifestSettings(c: Commit, dir: string): string | null {
  let m: Record<string, unknown> | null;
  try {
    m = c.manifest(dir);
  } catch {
    return null; // an unreadable package.json fails closed where it is read
  }
  const out: Record<string, unknown> = {};
  if (isObject(m?.pnpm)) {
    const rest = Object.fromEntries(Object.entries(m.pnpm).filter(([k]) => k !== "overrides"));
    if (Object.keys(rest).length) out.pnpm = rest;
  }
  for (const k of TOP_LEVEL_SETTINGS) if (m?.[k] !== undefined) out[k] = m[k];
  return Object.keys(out).length ? `${JSON.stringify(out, null, 2)}\n` : null;
}

const short = (text: string | null) => (text === null ? null : sha256(text).slice(0, 12));

/**
 * Settings files that differ between the commits in the given folders, as changes named by the file,
 * `from`/`to` the short hashes of the two texts (the approval binds the content), with the names of
 * the packages the head's lockfiles in that folder install.
 */
export function settingsChanges(base: Commit, head: Commit, dirs: Iterable<string>): VersionChange[] {
  const out: VersionChange[] = [];
  for (const dir of dirs) {
    const pairs: [string, string | null, string | null][] = SETTINGS_FILES.map((f) => [
      f,
      base.text(pathIn(dir, f)) ?? null,
      head.text(pathIn(dir, f)) ?? null,
    ]);
    pairs.push([
      PNPM_WORKSPACE,
      pnpmSettings(base.text(pathIn(dir, PNPM_WORKSPACE))),
      pnpmSettings(head.text(pathIn(dir, PNPM_WORKSPACE))),
    ]);
    // Package-manager settings in package.json itself (patches, trusted scripts, pnpm's field).
    pairs.push([MANIFEST_SETTINGS, manifestSettings(base, dir), manifestSettings(head, dir)]);
    for (const [file, before, after] of pairs) {
      if (before === after) continue;
      out.push({
        dir,
        name: pathIn(dir, file),
        from: short(before),
        to: short(after) ?? "removed",
        direct: true,
        source: "settings",
        integrity: `sha256-${sha256(after ?? "")}`,
        settings: { file, before, after },
        project: projectPackages([head], dir),
      });
    }
  }
  return out;
}

/**
 * Does a change to a whole project (a settings file, a lockfile no longer read) touch MCP packages:
 * a name config guards installed, the SDK installed, or a direct dependency whose registry manifest
 * says MCP (`detect`; unknown is guarded)?
 */
export function projectGuarded(
  c: VersionChange,
  guardsName: (name: string) => boolean,
  detect: (spec: string) => boolean,
): boolean {
  const installed = c.project?.installed ?? [];
  return installed.includes(SDK) || installed.some(guardsName) || (c.project?.direct ?? []).some(detect);
}

/** The settings text as a file for the diff view. */
function file(path: string, text: string, limits: Pick<Limits, "maxTextFileBytes">): PackageFile {
  return readPackageFile(path, new TextEncoder().encode(text), 0o644, limits);
}

/**
 * The review of a settings change: the line diff, and one high finding on the first changed line
 * saying what it decides (where packages come from, code the manager runs).
 */
export function settingsReview(c: VersionChange, limits: Limits): PackageReview {
  const s = c.settings!;
  const name = s.file;
  const snap = (text: string | null, version: string) =>
    makeSnapshot(c.name, new Map(text === null ? [] : [[name, file(name, text, limits)]]), [], {
      name: c.name,
      version,
    });
  const diff = diffPackages(snap(s.before, c.from ?? "none"), snap(s.after, c.to), limits);
  const changed = diff.files[0]?.hunks.flatMap((h) => h.lines).find((l) => l.op !== " ");
  const line = changed?.newLine ?? changed?.oldLine ?? null;
  const code = /pnpmfile/.test(name);
  const finding = {
    rule: SETTINGS_RULE,
    severity: "high" as const,
    file: name,
    line,
    message: code
      ? `${c.name} changes pnpm's hooks, code pnpm runs to rewrite what it installs, in a project that installs MCP packages`
      : `${c.name} changes the package manager's settings (registries, sources, checks) in a project that installs MCP packages: where they are fetched from may change without any lockfile change`,
    evidence: (changed?.text ?? "").slice(0, 200),
  };
  return {
    package: { name: c.name, from: c.from ?? "none", to: c.to },
    risk: "high",
    raisedBy: [],
    complete: true,
    incomplete: [],
    findings: [finding],
    files: {
      added: s.before === null ? 1 : 0,
      removed: s.after === null ? 1 : 0,
      modified: s.before !== null && s.after !== null ? 1 : 0,
      renamed: 0,
      binary: 0,
    },
    tools: { added: [], removed: [], changed: [] },
    diff,
  };
}
