/**
 * The analysis step of a pull request: which changes are guarded (config, or detection from the
 * registry's manifests), and the package review of each guarded change at the head.
 */
import { McpGuardError } from "../common/errors.js";
import type { VersionChange } from "../gate/changes.js";
import {
  assertFullList,
  assertOneBase,
  assertReviewable,
  guardedChanges,
  newSpecs,
  oldSpecs,
  pullChanges,
} from "../gate/guard.js";
import type { PullFacts } from "../gate/pull.js";
import { pulledIn } from "../gate/pulled-in.js";
import { removalReview } from "../gate/removal.js";
import { settingsReview } from "../gate/settings.js";
import { bindRegistryIntegrity, sourceProblems } from "../gate/sources.js";
import type { Octokit, Repo } from "../github/octokit.js";
import { getPull, readMergeBase } from "../github/reads.js";
import type { PullAnalysis } from "../plan/pull-request.js";
import type { PackageReview } from "../review/types.js";
import type { AppDeps } from "./deps.js";

/** Reads registry manifests into `into`; unknown is not "no": a failure fails the check, saying how to decide by config. */
async function readManifests(
  deps: AppDeps,
  specs: string[],
  registry: string | undefined,
  into: Map<string, Record<string, unknown> | null>,
) {
  if (!specs.length) return;
  try {
    for (const [spec, m] of await deps.manifests(specs, registry)) into.set(spec, m);
  } catch (e) {
    const message = `cannot tell whether every changed package is an MCP package, or where it comes from (${(e as Error).message}); list packages under packages.include or packages.exclude to decide without the registry`;
    // Not one of ours (a worker crash, say): uncoded, so the check says a re-run may help.
    throw e instanceof McpGuardError
      ? new McpGuardError(e.code, message, { cause: e })
      : new Error(message, { cause: e });
  }
}

/**
 * The guarded changes the pull request brings (merge base → head, and base tip → head). The
 * registry's metadata of the new versions decides detection and checks every changed lockfile entry
 * installs what the registry serves; old versions are read for packages that were MCP before.
 */
export async function guardedChangesOf(
  facts: PullFacts,
  deps: AppDeps,
): Promise<{ guarded: VersionChange[]; tipDiffers: boolean }> {
  if (facts.config.problems.length) return { guarded: [], tipDiffers: false };
  const { packages, registry } = facts.config.config;
  const { changes, tipDiffers } = pullChanges(facts);
  const manifests = new Map<string, Record<string, unknown> | null>();
  await readManifests(deps, newSpecs(changes, packages), registry, manifests);
  const olds = oldSpecs(changes, packages, manifests);
  try {
    await readManifests(deps, olds, registry, manifests);
  } catch {
    // An old version the registry no longer answers for: unknown, so the change is guarded (and reviewed).
    for (const spec of olds) if (!manifests.has(spec)) manifests.set(spec, null);
  }
  // Formats without npm's integrity (berry, some bun entries) bind the approval to the registry's.
  const bound = bindRegistryIntegrity(changes, manifests);
  sourceProblems(bound, manifests);
  // Each guarded change carries what it installs with it: reviewed with it, bound by its approval.
  const head = facts.filesAt.get(facts.pr.headSha)!;
  const guarded = guardedChanges(bound, packages, manifests).map((c) => {
    const pulls = pulledIn(c, bound, head);
    return pulls.length ? { ...c, pulls } : c;
  });
  return { guarded, tipDiffers };
}

export async function analysePull(
  octokit: Octokit,
  repo: Repo,
  facts: PullFacts,
  deps: AppDeps,
): Promise<PullAnalysis> {
  // 1. Guarded changes the pull request brings.
  assertOneBase(facts);
  const { guarded, tipDiffers } = await guardedChangesOf(facts, deps);
  assertReviewable(guarded, deps.limits);
  // 2. Review each guarded change with the engine.
  const { registry, rules, advisories } = facts.config.config;
  const reviews: PackageReview[] = [];
  for (const c of guarded) {
    // A package-manager settings file is reviewed as its own line diff, not fetched from the registry.
    if (c.source === "settings") {
      reviews.push(settingsReview(c, deps.limits));
      continue;
    }
    if (c.source === "removal") {
      reviews.push(removalReview(c));
      continue;
    }
    const integrity = c.integrity ? { integrity: c.integrity } : {};
    reviews.push(
      await deps.analyse({
        name: c.name,
        from: c.from,
        to: c.to,
        registry,
        rules,
        advisories,
        ...integrity,
        ...(c.pulls ? { dependencies: c.pulls } : {}),
      }),
    );
  }
  // 3. Where the head is now: a push during the analysis makes this result stale.
  const now = await getPull(octokit, repo, facts.pr.number);
  assertFullList(facts.listedFiles, now.changedFiles);
  const where = await readMergeBase(octokit, repo, now);
  return {
    guarded,
    reviews,
    tipDiffers,
    headNow: now.headSha,
    baseNow: where.baseTip,
    mergeBaseNow: where.mergeBase,
  };
}
