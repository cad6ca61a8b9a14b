/** Which package changes of a pull request are guarded (DESIGN §7, §8). Pure. */
import picomatch from "picomatch";
import { McpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";
import { dependenciesOf, RUNTIME } from "../review/manifest.js";
import { findChanges, isUnsupportedLockfile, type VersionChange } from "./changes.js";
import type { GuardConfig } from "./config.js";
import type { PullFacts } from "./pull.js";

const MCP_KEYWORDS = new Set(["mcp", "modelcontextprotocol", "model-context-protocol"]);
const SDK = "@modelcontextprotocol/sdk";

/** Does a package's own manifest say it is an MCP server or client? */
export function looksLikeMcp(manifest: Record<string, unknown> | null): boolean {
  if (!manifest) return false;
  if (typeof manifest.mcpName === "string") return true;
  if (dependenciesOf(manifest, RUNTIME).has(SDK)) return true;
  const kw = manifest.keywords;
  return Array.isArray(kw) && kw.some((k) => typeof k === "string" && MCP_KEYWORDS.has(k.toLowerCase()));
}

/**
 * exclude wins; then `all`; then include globs; then detection from the new version's manifest
 * (`manifest` is null when it is not known yet: only config decides then).
 */
export function isGuarded(
  name: string,
  manifest: Record<string, unknown> | null,
  packages: GuardConfig["packages"],
): boolean {
  const match = (globs: string[]) => globs.length > 0 && picomatch(globs, { dot: true })(name);
  if (match(packages.exclude)) return false;
  if (packages.all || match(packages.include)) return true;
  return packages.detectMcp && looksLikeMcp(manifest);
}

/** True when only the package's manifest can say whether it is guarded (config alone does not decide). */
export function needsDetection(name: string, packages: GuardConfig["packages"]): boolean {
  const match = (globs: string[]) => globs.length > 0 && picomatch(globs, { dot: true })(name);
  return packages.detectMcp && !match(packages.exclude) && !packages.all && !match(packages.include);
}

/** Registry manifests of new versions, keyed by `name@version` (for detection). */
export type Manifests = ReadonlyMap<string, Record<string, unknown>>;

const specOf = (c: VersionChange) => `${c.name}@${c.to}`;
const detects = (c: VersionChange, packages: GuardConfig["packages"]) =>
  c.source === "lockfile" && needsDetection(c.name, packages);

/** The `name@version` specs whose manifests detection needs (config decides the rest). */
export function detectionSpecs(
  changes: readonly VersionChange[],
  packages: GuardConfig["packages"],
): string[] {
  return [...new Set(changes.filter((c) => detects(c, packages)).map(specOf))];
}

/** The changes config or detection guards. A spec missing from `manifests` is not MCP by detection. */
export function guardedChanges(
  changes: readonly VersionChange[],
  packages: GuardConfig["packages"],
  manifests: Manifests,
): VersionChange[] {
  return changes.filter((c) =>
    isGuarded(c.name, detects(c, packages) ? (manifests.get(specOf(c)) ?? null) : null, packages),
  );
}

/**
 * The version changes at every commit the gate looks at (the head and each approved commit), each
 * against the base. Fails closed on what cannot be read yet: a lockfile of another package manager.
 */
export function pullChanges(facts: PullFacts): Map<string, VersionChange[]> {
  const unsupported = facts.changedFiles.filter(isUnsupportedLockfile);
  if (unsupported.length) {
    throw new McpGuardError(
      "E_MCPGUARD_UNSUPPORTED",
      `${unsupported.join(", ")}: only npm lockfiles (package-lock.json, npm-shrinkwrap.json) are read so far; review this change by hand`,
    );
  }
  const base = facts.filesAt.get(facts.pr.baseSha) ?? new Map();
  const out = new Map<string, VersionChange[]>();
  for (const [sha, files] of facts.filesAt)
    if (sha !== facts.pr.baseSha) out.set(sha, findChanges(base, files));
  return out;
}

/** Fails closed before any analysis on a guarded change set that cannot be reviewed as asked. */
export function assertReviewable(
  guarded: readonly VersionChange[],
  limits: Pick<Limits, "maxPackagesPerPr">,
) {
  if (guarded.length > limits.maxPackagesPerPr) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `${guarded.length} guarded package changes exceed the per-PR limit of ${limits.maxPackagesPerPr}; split the PR so each group can be reviewed`,
    );
  }
  const unpinned = guarded.find((c) => c.source === "manifest");
  if (unpinned) {
    // Only a range changed and there is no lockfile: the version cannot be pinned.
    throw new McpGuardError(
      "E_MCPGUARD_NO_LOCKFILE",
      `${unpinned.dir || "."}: ${unpinned.name} changed to "${unpinned.to}" without a lockfile; commit package-lock.json`,
    );
  }
}
