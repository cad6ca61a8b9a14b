/**
 * A review was submitted, edited or dismissed: decide the gate again from the change set stored in
 * our check, and write only if the decision's texts changed. GitHub failing on the way is retried
 * (the whole re-decision, after the Octokit's own retries); if it still fails, the check is turned
 * blocking with a title saying the review could not be processed, and the error goes to the queue's log.
 */
import { McpGuardError } from "../common/errors.js";
import { findCheck, getPull, readPullFacts } from "../github/reads.js";
import { completeCheck } from "../github/writes.js";
import { planReviewLost } from "../plan/interrupted.js";
import { failureMessage, planReviewEvent } from "../plan/pull-request.js";
import { guardedAtCommits } from "./analyse.js";
import { logged, type PullRequestArgs } from "./pull-request.js";

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

async function decideAgain({ octokit, repo, defaultBranch, pr: hint, deps }: PullRequestArgs) {
  // 1. The payload is a trigger: the head, the author and whether it is open are read from the API now.
  const pr = await getPull(octokit, repo, hint.number);
  // 2. Our check on that head holds the analysed change set; without it the PR handler decides.
  const check = await findCheck(octokit, repo, pr.headSha, deps.appId);
  if (check?.status !== "completed" || check.state?.headSha !== pr.headSha) return;
  if (check.state.baseSha !== pr.baseSha) return; // another base's result: the PR handler decides
  // A closed pull request is decided again too, but only to withdraw a green check (a dismissal
  // while closed must not leave it green): a blocking one has nothing to lose, and reopening decides
  // afresh. Nothing more is read for it.
  if (!pr.open && check.conclusion !== "success") return;
  // 3. Read reviews and standing, tell the change sets approvals were given on, plan, publish.
  const facts = await readPullFacts(octokit, repo, pr, defaultBranch, { head: false });
  const guardedAt = await guardedAtCommits(facts, deps);
  const write = planReviewEvent(facts, check, guardedAt, { open: pr.open });
  if (write) await completeCheck(octokit, repo, check.id, write);
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
