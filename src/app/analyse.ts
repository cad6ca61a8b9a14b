/**
 * The analysis step of a pull request: which changes are guarded (config, or detection from the
 * registry's manifests), and the package review of each guarded change at the head.
 */
import { McpGuardError } from "../common/errors.js";
import type { VersionChange } from "../gate/changes.js";
import { assertReviewable, detectionSpecs, guardedChanges, pullChanges } from "../gate/guard.js";
import type { PullFacts } from "../gate/pull.js";
import type { Octokit, Repo } from "../github/octokit.js";
import { getPull } from "../github/reads.js";
import type { PullAnalysis } from "../plan/pull-request.js";
import type { PackageReview } from "../review/types.js";
import type { AppDeps } from "./deps.js";

/**
 * The guarded changes at every commit read (head and approved commits). Detection reads the registry
 * manifests config does not decide, in one batch. Unknown is not "no": when they cannot be read the
 * check fails, saying how to decide by config instead.
 */
export async function guardedAtCommits(
  facts: PullFacts,
  deps: AppDeps,
): Promise<Map<string, VersionChange[]>> {
  if (facts.config.problems.length) return new Map();
  const { packages, registry } = facts.config.config;
  const changes = pullChanges(facts);
  const specs = detectionSpecs([...changes.values()].flat(), packages);
  let manifests = new Map<string, Record<string, unknown>>();
  try {
    if (specs.length) manifests = await deps.manifests(specs, registry);
  } catch (e) {
    const message = `cannot tell whether every changed package is an MCP package (${(e as Error).message}); list packages under packages.include or packages.exclude to decide without the registry`;
    // Not one of ours (a worker crash, say): uncoded, so the check says a re-run may help.
    throw e instanceof McpGuardError
      ? new McpGuardError(e.code, message, { cause: e })
      : new Error(message, { cause: e });
  }
  return new Map([...changes].map(([sha, cs]) => [sha, guardedChanges(cs, packages, manifests)]));
}

export async function analysePull(
  octokit: Octokit,
  repo: Repo,
  facts: PullFacts,
  deps: AppDeps,
): Promise<PullAnalysis> {
  // 1. Guarded changes at the head (and at approved commits, for the approvals' fingerprints).
  const guardedAt = await guardedAtCommits(facts, deps);
  const guarded = guardedAt.get(facts.pr.headSha) ?? [];
  assertReviewable(guarded, deps.limits);
  // 2. Review each guarded change with the engine.
  const { registry, rules } = facts.config.config;
  const reviews: PackageReview[] = [];
  for (const c of guarded) {
    reviews.push(await deps.analyse({ name: c.name, from: c.from, to: c.to, registry, rules }));
  }
  // 3. Where the head is now: a push during the analysis makes this result stale.
  const headNow = (await getPull(octokit, repo, facts.pr.number)).headSha;
  return { guarded, reviews, guardedAt, headNow };
}
