/**
 * A review was submitted, edited or dismissed (or a reviewer's standing changed): decide the gate
 * again from the change set stored in our check when it is still what the pull request brings (same
 * head, base tip and merge base), else analyse afresh; write only if the decision's texts changed. GitHub failing on the way is retried
 * (the whole re-decision, after the Octokit's own retries); if it still fails, the check is turned
 * blocking with a title saying the review could not be processed, and the error goes to the queue's log.
 */
import { McpGuardError } from "../common/errors.js";
import type { MalwareMatch } from "../gate/approval.js";
import type { CheckState } from "../gate/pull.js";
import { findCheck, getPull, readPullFacts } from "../github/reads.js";
import { completeCheck } from "../github/writes.js";
import { planInterrupted, planReviewLost } from "../plan/interrupted.js";
import { failureMessage, planReviewEvent } from "../plan/pull-request.js";
import type { AppDeps } from "./deps.js";
import { handlePullRequest, logged, type PullRequestArgs } from "./pull-request.js";

/** Waits before the second and third attempt of a failed re-decision (each after Octokit's own 2 retries). */
export const REVIEW_RETRY_WAITS_MS: readonly number[] = [5_000, 30_000];

export async function handleReview(args: PullRequestArgs): Promise<void> {
  const waits = args.deps.reviewRetryWaitsMs ?? REVIEW_RETRY_WAITS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await decideAgain(args);
      return;
    } catch (e) {
      // What a retry cannot change (our coded errors that do not say "re-run") is not retried.
      const transient = !(e instanceof McpGuardError) || /re-run/i.test(e.message);
      if (!transient || attempt >= waits.length) {
        await markLost(args, e);
        throw e;
      }
      args.log.warn(
        { ...logged(e, args.pr), attempt: attempt + 1 },
        "mcp-guard: deciding a review event failed; retrying",
      );
      await new Promise((resolve) => setTimeout(resolve, waits[attempt]));
    }
  }
}

async function decideAgain(args: PullRequestArgs) {
  const { octokit, repo, defaultBranch, pr: hint, deps } = args;
  // 1. The payload is a trigger: the head, the base, the author and whether it is open are read now.
  const pr = await getPull(octokit, repo, hint.number);
  // 2. Our check on that head holds the analysed change set.
  const check = await findCheck(octokit, repo, pr.headSha, deps.appId);
  // A closed pull request is decided again too, but only to withdraw a green check (a dismissal
  // while closed must not leave it green): a blocking one has nothing to lose, and reopening decides
  // afresh.
  if (!pr.open && check?.conclusion !== "success") return;
  // 3. Reviews, standing, the change sets approvals were given for, and where the base is now.
  const facts = await readPullFacts(octokit, repo, pr, defaultBranch, {
    head: false,
    appId: deps.appId,
    orgConfig: deps.orgConfig ?? false,
    ...(deps.now ? { now: deps.now } : {}),
  });
  facts.malware = await newMalware(deps, check?.state);
  const write = planReviewEvent(facts, check, { open: pr.open });
  if (write === "stale") {
    // The stored change set is not what the pull request brings now (a base move, a retarget, a
    // result from before merge bases were read): never decided from it. An open pull request is
    // analysed afresh; a closed one loses its green check (reopening decides afresh).
    if (pr.open) await handlePullRequest({ ...args, pr, force: true });
    else if (check) await completeCheck(octokit, repo, check.id, planInterrupted());
    return;
  }
  // The change set on display is unchanged: the run keeps the time it was first shown at.
  if (write && check)
    await completeCheck(octokit, repo, check.id, write, { keepCompletedAt: check.completedAt });
}

/**
 * Malware records that name a version the stored change set installs and that were not known when it
 * was analysed: they revoke the approvals given for it. Sources that cannot be asked change nothing
 * here (the analysis itself asked them); the next re-check asks again.
 */
export async function newMalware(
  deps: AppDeps,
  state: CheckState | null | undefined,
): Promise<MalwareMatch[]> {
  if (!deps.advisories || !state?.installs?.length) return [];
  const pkgs = state.installs.map((id) => {
    const at = id.lastIndexOf("@");
    return { name: id.slice(0, at), version: id.slice(at + 1) };
  });
  const found = await deps.advisories(pkgs).catch(() => null);
  if (!found) return [];
  const known = new Set(state.knownRecords ?? []);
  return [...found].flatMap(([pkg, list]) =>
    list.filter((m) => m.malicious && !known.has(m.id)).map((m) => ({ pkg, id: m.id, url: m.url })),
  );
}

/**
 * The re-decision is lost: the check must not keep claiming the earlier result (a dismissal could
 * have been the lost event). On a closed pull request only a green check is marked (as above).
 * Best effort: GitHub may still be failing, and then only the log says it.
 */
async function markLost({ octokit, repo, pr: hint, log, deps }: PullRequestArgs, e: unknown) {
  try {
    const pr = await getPull(octokit, repo, hint.number);
    const check = await findCheck(octokit, repo, pr.headSha, deps.appId);
    if (check?.status !== "completed" || check.state?.headSha !== pr.headSha) return;
    if (!pr.open && check.conclusion !== "success") return;
    await completeCheck(octokit, repo, check.id, planReviewLost(check, failureMessage(e)));
  } catch (again) {
    log.error(logged(again, hint), "mcp-guard: could not mark the check after a lost review event");
  }
}
