/**
 * Where a lockfile entry's bytes come from, and whether that is what the registry serves for its name
 * and version (DESIGN §4, docs/LOCKFILE-SOURCES.md). npm installs from `resolved` and accepts the bytes
 * that `integrity` names: `version` and `name` say nothing about them. Pure: the registry's metadata
 * is an argument.
 */
import ssri from "ssri";
import { McpGuardError } from "../common/errors.js";
import type { VersionChange } from "./changes.js";

export type { SourceKind } from "./lockfiles/index.js";
export { sourceKind } from "./lockfiles/index.js";

/**
 * Hosts of the public registry a lockfile may name instead of the configured one: npm rewrites
 * registry.npmjs.org to the configured registry; yarn 1 writes registry.yarnpkg.com (the same
 * registry), and its integrity is checked against the configured registry's below.
 */
const publicHosts = (c: VersionChange) =>
  c.lockfile === "yarn.lock" ? ["registry.npmjs.org", "registry.yarnpkg.com"] : ["registry.npmjs.org"];

/** Every hash of an SRI string, by algorithm (npm accepts bytes that match any hash of the strongest). */
function hashes(integrity: string | undefined): { algorithm: string; digest: string }[] | null {
  if (!integrity) return null;
  const parsed = ssri.parse(integrity) as unknown as Record<string, { digest: string }[] | undefined> | null;
  if (!parsed) return null;
  return Object.entries(parsed).flatMap(([algorithm, list]) =>
    (list ?? []).map((h) => ({ algorithm, digest: h.digest })),
  );
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
 * or null when it does (every format: npm, pnpm, yarn, bun). `meta` is the registry's version document (`dist.tarball`, `dist.integrity`,
 * `dist.shasum`). npm fetches a `resolved` URL as written, except registry.npmjs.org, which it rewrites to
 * the configured registry; so the URL must be the registry's tarball path on one of those two hosts.
 */
export function sourceProblem(
  c: VersionChange,
  meta: Record<string, unknown> | null | undefined,
): string | null {
  const where = `${c.dir ? `${c.dir}/` : ""}${c.lockfile ?? "lockfile"} ${c.key ?? c.name}`;
  const kind = c.kind ?? "registry";
  if (kind === "link" || kind === "workspace") {
    if (!c.resolved || !inRepo(c.dir, c.resolved))
      return `${where} links to ${JSON.stringify(c.resolved ?? "")}, outside the repository: the installer would link whatever is there`;
    // A package the registry served before, now a folder of the repository: code mcp-guard does not review.
    if (c.from || c.was)
      return `${where} (${c.alias ?? c.name}) was ${c.was?.name ?? c.name}@${c.was?.version ?? c.from} from the registry and now links the repository folder ${JSON.stringify(c.resolved)}: that code is not the registry's and is not reviewed as a package`;
    return null;
  }
  if (!c.to) return `${where} (${c.name}) has no version: no installer accepts it, and it cannot be reviewed`;
  if (kind === "git" || kind === "file" || kind === "other") {
    return `${where} (${c.name}@${c.to}) installs from ${JSON.stringify(c.resolved)}, not from the registry: what would be installed cannot be reviewed from the registry`;
  }
  const dist = (meta?.dist ?? {}) as { tarball?: unknown; integrity?: unknown; shasum?: unknown };
  if (!meta || typeof dist.tarball !== "string") {
    return `${where}: the registry has no ${c.name}@${c.to} to compare the entry with`;
  }
  if (kind === "url") {
    const host = hostOf(c.resolved!);
    const registryHosts = [hostOf(dist.tarball), ...publicHosts(c)];
    if (!registryHosts.includes(host) || !samePath(c.resolved!, dist.tarball)) {
      return `${where} (${c.name}@${c.to}) is fetched from ${c.resolved}, not the registry's tarball for that version (${dist.tarball})`;
    }
  }
  const locked = hashes(c.integrity);
  if (!locked) return null; // npm checks nothing: the bytes are the registry's, fetched from it above
  if (!locked.length) {
    return `${where} (${c.name}@${c.to}) pins integrity ${JSON.stringify(c.integrity)}, which names no hash an installer checks`;
  }
  // npm accepts bytes that match any one hash of the strongest algorithm: every hash must be the registry's.
  const published = hashes(typeof dist.integrity === "string" ? dist.integrity : undefined) ?? [];
  for (const h of locked) {
    const registry = [
      ...published.filter((p) => p.algorithm === h.algorithm).map((p) => p.digest),
      ...(h.algorithm === "sha1" && typeof dist.shasum === "string"
        ? [Buffer.from(dist.shasum, "hex").toString("base64")]
        : []),
    ];
    if (!registry.length) {
      return `${where} (${c.name}@${c.to}) pins a ${h.algorithm} integrity, and the registry lists no ${h.algorithm} for that version to compare it with`;
    }
    if (!registry.includes(h.digest)) {
      const several = locked.length > 1 ? ` (one of its ${locked.length} hashes)` : "";
      return `${where} (${c.name}@${c.to}) pins integrity ${c.integrity}${several}, which is not the registry's ${h.algorithm} for that version: the installer would accept other bytes (from its cache, or a mirror)`;
    }
  }
  return null;
}

/**
 * Lockfile entries fetched from the registry that record no integrity of their own (berry's zip
 * checksum is not npm's; some bun entries have none) take the registry's, so the fingerprint an
 * approval binds names the bytes in every format. Without one from the registry, the source check
 * reports the missing version document.
 */
export function bindRegistryIntegrity(
  changes: readonly VersionChange[],
  manifests: ReadonlyMap<string, Record<string, unknown> | null>,
): VersionChange[] {
  return changes.map((c) => {
    if (c.source !== "lockfile" || c.integrity || (c.kind !== "registry" && c.kind !== "url")) return c;
    const dist = (manifests.get(`${c.name}@${c.to}`)?.dist ?? {}) as {
      integrity?: unknown;
      shasum?: unknown;
    };
    const integrity =
      typeof dist.integrity === "string"
        ? dist.integrity
        : typeof dist.shasum === "string"
          ? `sha1-${Buffer.from(dist.shasum, "hex").toString("base64")}`
          : undefined;
    return integrity ? { ...c, integrity, integrityFrom: "registry" as const } : c;
  });
}

/**
 * Fails closed on any changed lockfile entry that does not install what the registry serves for its
 * name and version (`sourceProblem`), naming the first five.
 */
export function sourceProblems(
  changes: readonly VersionChange[],
  manifests: ReadonlyMap<string, Record<string, unknown> | null>,
): void {
  const problems = changes
    .filter((c) => c.source === "lockfile")
    .map((c) => sourceProblem(c, manifests.get(`${c.name}@${c.to}`)))
    .filter((p): p is string => p !== null);
  if (problems.length) {
    throw new McpGuardError(
      "E_MCPGUARD_MISMATCH",
      `lockfile entries that do not install what the registry serves: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? `; and ${problems.length - 5} more` : ""}`,
    );
  }
}
