/** What every lockfile reader yields: the packages a lockfile installs, and what they were locked from. */
import { McpGuardError } from "../../common/errors.js";

/**
 * Where an entry's bytes come from. `registry`: name@version from the configured registry;
 * `url`: a tarball URL (the registry's own for npm and yarn v1); `workspace` and `link`: a folder
 * of the repository; `git`, `file`: elsewhere; `other`: a source no check can place.
 */
export type SourceKind = "registry" | "url" | "git" | "file" | "link" | "workspace" | "other";

export type LockFormat = "npm" | "pnpm" | "yarn1" | "berry" | "bun";

export interface LockEntry {
  /** The real package name (an alias's target), as the registry knows it. */
  name: string;
  /** Empty when the entry has none (no installer accepts it; never read as "unchanged"). */
  version: string;
  /** An SRI string, when the format records npm's integrity (berry's zip checksum is not one). */
  integrity?: string;
  /** berry: yarn's hash of its own zip of the package; a new one is new bytes even at the same version. */
  checksum?: string;
  /** The source as the lockfile writes it: a URL, a path, a git spec or a berry resolution. */
  resolved?: string;
  kind: SourceKind;
  /** An importer (workspace folder) depends on this entry directly; undefined: the manifest says. */
  direct?: boolean;
  /**
   * What the entry itself depends on, as the lockfile records it: name → range (npm, yarn, bun), or
   * name → the version it resolved (pnpm). The installer follows these edges, not the package's own manifest.
   */
  requires?: Record<string, string>;
}

/** The string-valued members of the named fields of an object, merged (name → spec). */
export function specsIn(
  raw: Record<string, unknown>,
  fields: readonly string[],
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const deps = raw[f];
    if (!isObject(deps)) continue;
    for (const [k, v] of Object.entries(deps)) if (typeof v === "string") out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

export interface Lockfile {
  format: LockFormat;
  /** Entries by the lockfile's own key (an install path, `name@version`, a descriptor list). */
  entries: Map<string, LockEntry>;
  /**
   * The specs each importer (its folder relative to the lockfile, "" for the lockfile's own) was
   * locked from, `catalog:` resolved: name → spec. Absent when the format does not record them.
   */
  specs?: Map<string, Map<string, string>>;
  /** The catalogs the lockfile was made from (pnpm, bun): catalog → package → spec. */
  catalogs?: Map<string, Map<string, string>>;
  /** yarn v1: the `name@spec` descriptors it resolves (it records no importers). */
  descriptors?: Set<string>;
  /** yarn v1 and berry: descriptor (`name@spec`, berry `name@npm:spec`) → key of the entry it resolves to. */
  byDescriptor?: Map<string, string>;
  /**
   * pnpm: importer folder → dependency name (its alias) → key of the entry it installs (null: the
   * lockfile names a version it has no entry for).
   */
  resolved?: Map<string, Map<string, string | null>>;
  /** Keys whose entry is not an object (null, a string, an array): no installer reads it as locked. */
  invalid?: Set<string>;
  /** npm v1 (no importer records, no workspaces). */
  legacy?: boolean;
  /** pnpm: how many YAML documents (pnpm 11 writes its own environment first). */
  documents?: number;
  /** pnpm: the overrides the lockfile was resolved with (name or selector → spec). */
  overrides?: Map<string, string>;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export function unreadable(path: string, why: string): McpGuardError {
  return new McpGuardError("E_MCPGUARD_BAD_SPEC", `${path}: ${why}; cannot tell which packages changed`);
}

/** `@scope/name@ref` → [name, ref] (the first `@` after the scope's). */
export function splitId(id: string): [string, string] {
  const at = id.indexOf("@", 1);
  return at < 0 ? [id, ""] : [id.slice(0, at), id.slice(at + 1)];
}

/** The folder an importer's relative link points at, relative to the lockfile ("" its own folder). */
export function joinPath(importer: string, target: string): string {
  const parts: string[] = importer ? importer.split("/") : [];
  for (const p of target.split("/")) {
    if (p === "..") {
      if (parts.length && parts.at(-1) !== "..") parts.pop();
      else parts.push("..");
    } else if (p !== "." && p !== "") parts.push(p);
  }
  return parts.join("/");
}

/** The kind of source an npm or yarn v1 `resolved` names (absent: name@version from the registry). */
export function sourceKind(resolved: string | undefined, link: boolean): SourceKind {
  if (link) return "link";
  if (resolved === undefined) return "registry";
  if (/^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:)/i.test(resolved)) return "git";
  if (/^https?:\/\//i.test(resolved)) return "url";
  if (/^file:/i.test(resolved) || /^(?:\.{0,2}\/|[A-Za-z]:\\)/.test(resolved)) return "file";
  // npm resolves anything else as a spec: an alias (npm:x@y), a version, a tag (docs/LOCKFILE-SOURCES.md).
  return "other";
}
