/**
 * Where a lockfile entry's bytes come from, and whether that is what the registry serves for its name
 * and version (DESIGN §4, docs/LOCKFILE-SOURCES.md). npm installs from `resolved` and accepts the bytes
 * that `integrity` names: `version` and `name` say nothing about them. Pure: the registry's metadata
 * is an argument.
 */
import ssri from "ssri";
import type { VersionChange } from "./changes.js";

export type SourceKind = "registry" | "git" | "file" | "link" | "url" | "other";

/** The kind of source a lockfile `resolved` names (absent: npm fetches name@version from the registry). */
export function sourceKind(resolved: string | undefined, link: boolean): SourceKind {
  if (link) return "link";
  if (resolved === undefined) return "registry";
  if (/^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:)/i.test(resolved)) return "git";
  if (/^https?:\/\//i.test(resolved)) return "url";
  if (/^file:/i.test(resolved) || /^(?:\.{0,2}\/|[A-Za-z]:\\)/.test(resolved)) return "file";
  // npm resolves anything else as a spec: an alias (npm:x@y), a version, a tag (docs/LOCKFILE-SOURCES.md).
  return "other";
}

/** The strongest hash of an SRI string by the algorithms npm checks, or null when it names none. */
function strongest(integrity: string | undefined): { algorithm: string; digest: string } | null {
  if (!integrity) return null;
  const parsed = ssri.parse(integrity) as unknown as Record<string, { digest: string }[] | undefined> | null;
  if (!parsed) return null;
  for (const algorithm of ["sha512", "sha384", "sha256", "sha1"]) {
    const h = parsed[algorithm]?.[0];
    if (h) return { algorithm, digest: h.digest };
  }
  return null;
}

/** A link's target stays inside the repository (a workspace folder), never above it. */
function inRepo(dir: string, target: string): boolean {
  if (target.startsWith("/") || /^[A-Za-z]:/.test(target)) return false;
  const parts = [...(dir ? dir.split("/") : []), ...target.replace(/^file:/, "").split("/")];
  let depth = 0;
  for (const p of parts) {
    if (p === "..") depth--;
    else if (p !== "." && p !== "") depth++;
    if (depth < 0) return false;
  }
  return true;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(new URL(a).pathname) === decodeURIComponent(new URL(b).pathname);
  } catch {
    return false;
  }
}

/**
 * Why a changed lockfile entry does not install what the registry serves for its name and version,
 * or null when it does. `meta` is the registry's version document (`dist.tarball`, `dist.integrity`,
 * `dist.shasum`). npm fetches a `resolved` URL as written, except registry.npmjs.org, which it rewrites to
 * the configured registry; so the URL must be the registry's tarball path on one of those two hosts.
 */
export function sourceProblem(
  c: VersionChange,
  meta: Record<string, unknown> | null | undefined,
): string | null {
  const where = `${c.dir ? `${c.dir}/` : ""}${c.lockfile ?? "lockfile"} ${c.key ?? c.name}`;
  const kind = c.kind ?? "registry";
  if (kind === "link") {
    return c.resolved && inRepo(c.dir, c.resolved)
      ? null
      : `${where} links to ${JSON.stringify(c.resolved ?? "")}, outside the repository: npm would install whatever is there`;
  }
  if (!c.to) return `${where} (${c.name}) has no version: npm refuses it, and it cannot be reviewed`;
  if (kind === "git" || kind === "file" || kind === "other") {
    return `${where} (${c.name}@${c.to}) installs from ${JSON.stringify(c.resolved)}, not from the registry: what npm would install cannot be reviewed from the registry`;
  }
  const dist = (meta?.dist ?? {}) as { tarball?: unknown; integrity?: unknown; shasum?: unknown };
  if (!meta || typeof dist.tarball !== "string") {
    return `${where}: the registry has no ${c.name}@${c.to} to compare the entry with`;
  }
  if (kind === "url") {
    const host = hostOf(c.resolved!);
    const registryHosts = [hostOf(dist.tarball), "registry.npmjs.org"];
    if (!registryHosts.includes(host) || !samePath(c.resolved!, dist.tarball)) {
      return `${where} (${c.name}@${c.to}) is fetched from ${c.resolved}, not the registry's tarball for that version (${dist.tarball})`;
    }
  }
  const locked = strongest(c.integrity);
  if (!locked) return null; // npm checks nothing: the bytes are the registry's, fetched from it above
  const published = strongest(typeof dist.integrity === "string" ? dist.integrity : undefined);
  const registry =
    locked.algorithm === "sha1" && typeof dist.shasum === "string"
      ? Buffer.from(dist.shasum, "hex").toString("base64")
      : published?.algorithm === locked.algorithm
        ? published.digest
        : null;
  if (registry === null) {
    return `${where} (${c.name}@${c.to}) pins a ${locked.algorithm} integrity, and the registry lists no ${locked.algorithm} for that version to compare it with`;
  }
  if (registry !== locked.digest) {
    return `${where} (${c.name}@${c.to}) pins integrity ${c.integrity}, which is not the registry's ${locked.algorithm} for that version: npm would install other bytes (from its cache, or fail)`;
  }
  return null;
}
