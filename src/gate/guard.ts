/** Which package changes of a pull request are guarded (DESIGN §7, §8). Pure. */
import npa from "npm-package-arg";
import picomatch from "picomatch";
import { McpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";
import { dependenciesOf, RUNTIME } from "../common/manifest.js";
import {
  type CommitFiles,
  changeId,
  findChanges,
  isUnsupportedLockfile,
  type VersionChange,
} from "./changes.js";
import type { GuardConfig } from "./config.js";
import type { PullFacts } from "./pull.js";
import { projectGuarded } from "./settings.js";

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

/**
 * Registry manifests by spec: `name@version`, or `name@range` for a package.json-only change. `null`
 * marks a spec that could not be read (an unpublished old version): unknown, so guarded.
 */
export type Manifests = ReadonlyMap<string, Record<string, unknown> | null>;

const newSpec = (c: VersionChange) => `${c.name}@${c.to}`;
/** What was installed there before: the same package's old version, or (an alias switched) another package. */
const oldSpec = (c: VersionChange) =>
  c.was ? `${c.was.name}@${c.was.version}` : c.from ? `${c.name}@${c.from}` : null;

/**
 * Identity is what lands on disk: a change is guarded by config when its real name, the name it is
 * installed under (an alias) or the package it replaces there matches.
 */
const namesOf = (c: VersionChange) => [c.name, ...(c.alias ? [c.alias] : []), ...(c.was ? [c.was.name] : [])];
const configGuards = (c: VersionChange, packages: GuardConfig["packages"]) =>
  namesOf(c).some((n) => !needsDetection(n, packages) && isGuarded(n, null, packages));
/**
 * Detection decides unless config excluded every name the change has: an excluded name cannot carry
 * another package's code past the gate (`"left-pad": "npm:some-mcp@1"` is still detected).
 */
const detectable = (c: VersionChange, packages: GuardConfig["packages"]) =>
  namesOf(c).some((n) => needsDetection(n, packages));

/** Can the registry answer this package.json spec (a version, range or tag; not git, a URL or a path)? */
function registrySpec(name: string, spec: string): boolean {
  try {
    return ["version", "range", "tag"].includes(npa.resolve(name, spec, "/").type);
  } catch {
    return false;
  }
}

/**
 * Specs of the new versions to read: for the source check of every lockfile entry fetched from the
 * registry, and for detection of a package.json-only change.
 */
export function newSpecs(changes: readonly VersionChange[], packages: GuardConfig["packages"]): string[] {
  const out = new Set<string>();
  for (const c of changes) {
    if (c.source === "lockfile" && (c.kind === "registry" || c.kind === "url") && c.to) out.add(newSpec(c));
    // A settings change is guarded when a direct dependency of its project is an MCP package.
    if (c.project && packages.detectMcp) for (const spec of c.project.direct) out.add(spec);
    if (c.source === "manifest" && needsDetection(c.name, packages) && registrySpec(c.name, c.to))
      out.add(newSpec(c));
  }
  return [...out];
}

/**
 * Specs of old versions to read: a package that was MCP stays guarded when its new version drops the
 * markers (bundles the SDK, loses the keyword). Only for changes the new version does not guard already.
 */
export function oldSpecs(
  changes: readonly VersionChange[],
  packages: GuardConfig["packages"],
  manifests: Manifests,
): string[] {
  const out = new Set<string>();
  for (const c of changes) {
    // The packages a new version bundles in its tarball: their names say whether they are MCP.
    for (const b of bundledBy(c, manifests)) if (needsDetection(b, packages)) out.add(`${b}@*`);
    const old = oldSpec(c);
    if (!old || !detectable(c, packages) || guardedByNew(c, packages, manifests)) continue;
    if (c.source === "manifest" && !registrySpec(c.name, c.from!)) continue;
    out.add(old);
  }
  return [...out];
}

function guardedByNew(c: VersionChange, packages: GuardConfig["packages"], manifests: Manifests): boolean {
  if (c.project)
    return projectGuarded(
      c,
      (n) => isGuarded(n, null, packages),
      (spec) =>
        packages.detectMcp && (manifests.get(spec) === null || looksLikeMcp(manifests.get(spec) ?? null)),
    );
  if (configGuards(c, packages)) return true;
  // A removal installs nothing new: only what it removes can make it guarded (below).
  if (c.source === "removal") return false;
  // Excluded by config under every name it has (and guarded under none): not guarded.
  if (!detectable(c, packages)) return false;
  // A package.json spec the registry cannot answer (git, URL, path): unknown, so guarded.
  if (c.source === "manifest" && !registrySpec(c.name, c.to)) return true;
  if (c.source === "lockfile" && c.kind !== "registry" && c.kind !== "url") return false; // source check fails it
  const m = manifests.get(newSpec(c));
  // The package that lands is detected by its own manifest, whatever name config excluded.
  return m === null || looksLikeMcp(m ?? null) || bundlesGuarded(c, packages, manifests).length > 0;
}

/** The names a manifest bundles in its tarball (`bundleDependencies`, or `true`: every dependency). */
function bundledNames(m: Record<string, unknown> | null | undefined): string[] {
  const list = m?.bundleDependencies ?? m?.bundledDependencies;
  if (list === true) return [...dependenciesOf(m, ["dependencies"]).keys()];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
}

/** What a lockfile change's new version bundles, by the registry's version document. */
const bundledBy = (c: VersionChange, manifests: Manifests) =>
  c.source === "lockfile" && (c.kind === "registry" || c.kind === "url")
    ? bundledNames(manifests.get(newSpec(c)))
    : [];

/**
 * Bundled packages that are guarded: by config, or by the registry's manifest of that name (unknown
 * is guarded). Their code arrives inside the bundling package's tarball, whatever the lockfile says
 * of them, so the bundling package's change is guarded and reviewed whole.
 */
function bundlesGuarded(c: VersionChange, packages: GuardConfig["packages"], manifests: Manifests): string[] {
  return bundledBy(c, manifests).filter((b) => {
    if (!needsDetection(b, packages)) return isGuarded(b, null, packages);
    const m = manifests.get(`${b}@*`);
    return m === null || looksLikeMcp(m ?? null);
  });
}

/**
 * The changes config or detection guards: by the new version's manifest, or the old one's (a package
 * that was MCP stays guarded). A manifest that could not be read (null) is unknown, so guarded.
 */
export function guardedChanges(
  changes: readonly VersionChange[],
  packages: GuardConfig["packages"],
  manifests: Manifests,
): VersionChange[] {
  return changes
    .filter((c) => {
      if (guardedByNew(c, packages, manifests)) return true;
      if (c.project) return false;
      const old = oldSpec(c);
      if (!old || !detectable(c, packages) || !manifests.has(old)) return false;
      const m = manifests.get(old);
      return m === null || looksLikeMcp(m ?? null);
    })
    .map((c) => {
      const bundles = bundlesGuarded(c, packages, manifests);
      return bundles.length ? { ...c, bundles } : c;
    });
}

/**
 * What the pull request brings: the version changes from the merge base to the head (what GitHub's
 * merge applies), and from the base tip to the merge's likely result (the tip's dependency files with
 * each file the pull request changed taken from the head). When the base moved since the branch left
 * it, the two can differ (the base reverted a bump the branch also makes, or changed the same file):
 * both are kept, so nothing either comparison shows goes unreviewed (`tipDiffers` says so). Fails
 * closed on what cannot be read: bun's binary lockfile.
 */
export function pullChanges(facts: PullFacts): { changes: VersionChange[]; tipDiffers: boolean } {
  const unsupported = facts.changedFiles.filter(isUnsupportedLockfile);
  if (unsupported.length) {
    throw new McpGuardError(
      "E_MCPGUARD_UNSUPPORTED",
      `${unsupported.join(", ")}: bun's binary lockfile cannot be read; switch to the text lockfile (\`bun install --save-text-lockfile\`, then delete bun.lockb and commit bun.lock), which bun 1.2 and later write by default`,
    );
  }
  const at = (sha: string | undefined) => (sha ? facts.filesAt.get(sha) : undefined);
  const head = at(facts.pr.headSha);
  const mergeBase = at(facts.mergeBaseSha);
  const tip = at(facts.pr.baseSha);
  if (!head || !mergeBase || !tip) {
    throw new Error("the dependency files of the merge base, the base tip and the head were not all read");
  }
  const fromMergeBase = findChanges(mergeBase, head);
  if (facts.mergeBaseSha === facts.pr.baseSha) return { changes: fromMergeBase, tipDiffers: false };
  const fromTip = findChanges(tip, mergedFiles(mergeBase, tip, head));
  const ids = new Set(fromMergeBase.map(changeKey));
  const extra = fromTip.filter((c) => !ids.has(changeKey(c)));
  return { changes: [...fromMergeBase, ...extra], tipDiffers: extra.length > 0 };
}

/**
 * The dependency files a merge would likely leave: the base tip's, with every file the branch changed
 * since the merge base taken whole from the head (where both sides changed a file, git merges their
 * hunks or stops on a conflict; taking the head's whole file shows at least every change the branch
 * makes to it).
 */
export function mergedFiles(mergeBase: CommitFiles, tip: CommitFiles, head: CommitFiles): CommitFiles {
  const out: CommitFiles = new Map(tip);
  for (const path of new Set([...mergeBase.keys(), ...head.keys()])) {
    if (mergeBase.get(path) === head.get(path)) continue;
    const text = head.get(path);
    if (text === undefined) out.delete(path);
    else out.set(path, text);
  }
  return out;
}

const changeKey = (c: VersionChange) => `${c.source}|${changeId(c)}|${c.why ?? ""}`;

/**
 * A check run belongs to a commit, and GitHub shows its latest one on every pull request with that
 * head: a head opened against two bases would show one base's result on the other. Fail closed.
 */
export function assertOneBase(facts: Pick<PullFacts, "basesAtHead" | "pr">): void {
  if (facts.basesAtHead.length > 1) {
    throw new McpGuardError(
      "E_MCPGUARD_UNSUPPORTED",
      `commit ${facts.pr.headSha.slice(0, 7)} heads ${facts.basesAtHead.length} open pull requests with different bases; its one mcp-guard check cannot hold a result for each: close the duplicates or push a distinct commit`,
    );
  }
}

/**
 * GitHub lists at most 3,000 files of a pull request: a dependency file past the list would never be
 * read. When it lists fewer files than the pull request changes, the change set is unknown.
 */
export function assertFullList(listed: number | undefined, changedFiles: number | null): void {
  if (listed === undefined) return; // the list was not needed (invalid config)
  if (changedFiles === null || listed < changedFiles) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `GitHub listed ${listed} of the ${changedFiles ?? "unknown number of"} files this pull request changes: a dependency file past the list could not be read; split the pull request`,
    );
  }
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
  // The install model's reason first: it names the package, the spec and the entry.
  const stale =
    guarded.find((c) => c.source === "manifest" && c.why) ??
    guarded.find((c) => c.source === "manifest" && c.staleLockfile);
  if (stale) {
    // package.json asks for a version its lockfile does not pin: an install would resolve it afresh.
    throw new McpGuardError(
      "E_MCPGUARD_NO_LOCKFILE",
      stale.why
        ? `${stale.name} will be re-resolved: ${stale.why}; the package manager would install a version nobody reviewed. Regenerate the lockfile with the package manager in this pull request`
        : `lockfile not updated: ${stale.dir ? `${stale.dir}/` : ""}package.json asks for ${stale.name}@${stale.to}, and ${stale.staleLockfile} does not pin it; update the lockfile in this pull request (an install would resolve that version unreviewed)`,
    );
  }
  const unpinned = guarded.find((c) => c.source === "manifest");
  if (unpinned) {
    // Only a range changed and there is no lockfile: the version cannot be pinned.
    throw new McpGuardError(
      "E_MCPGUARD_NO_LOCKFILE",
      `${unpinned.dir || "."}: ${unpinned.name} changed to "${unpinned.to}" without a lockfile; commit the lockfile of your package manager`,
    );
  }
}
