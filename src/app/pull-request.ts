/**
 * A pull request was opened or its head moved (or a re-run was asked for): claim the head with a
 * check, read what the gate needs, analyse the guarded changes, plan every write, publish.
 */
import type { Logger } from "probot";
import type { PullFacts, PullRef } from "../gate/pull.js";
import type { Octokit, Repo } from "../github/octokit.js";
import { findCheck, readPullFacts } from "../github/reads.js";
import { completeCheck, postComment, requestReviewers, startCheck, writeReview } from "../github/writes.js";
import { planClaim } from "../plan/claim.js";
import {
  failureMessage,
  type Published,
  type PullPlan,
  planFailure,
  planPullRequest,
} from "../plan/pull-request.js";
import { ABANDONED, reviewerRequestNotes } from "../render/check.js";
import { analysePull } from "./analyse.js";
import type { AppDeps } from "./deps.js";

export interface PullRequestArgs {
  octokit: Octokit;
  repo: Repo;
  defaultBranch: string;
  pr: PullRef;
  log: Logger;
  deps: AppDeps;
  /** Re-runs asked for by a person, and reopened pull requests, analyse again even when a result exists. */
  force?: boolean;
  /** The clock, for the age of an in-progress check (injected in tests). */
  now?: () => number;
  /** The check the webhook handler already claimed the head with (claimed at once, before queueing). */
  claimed?: { id: number; login?: string };
}

/**
 * Claims the head with an in-progress check for this (base, head), unless it has a result or a live
 * run for them already (a duplicate delivery: null). Called by the webhook handler before the job is
 * queued, so an old green check never stands while the queue waits.
 */
export async function claimPull(args: PullRequestArgs): Promise<{ id: number; login?: string } | null> {
  const { octokit, repo, pr, log, deps } = args;
  const existing = args.force ? null : await findCheck(octokit, repo, pr.headSha, deps.appId);
  const claim = planClaim(existing, pr, {
    now: (args.now ?? Date.now)(),
    limits: deps.limits,
    force: args.force ?? false,
  });
  if (claim.kind === "skip") {
    log.info({ head: pr.headSha }, `mcp-guard: ${claim.why}; duplicate delivery ignored`);
    return null;
  }
  if (claim.retire) await retireAbandoned(octokit, repo, claim.retire.id, log);
  return startCheck(octokit, repo, pr.headSha, { baseSha: pr.baseSha });
}

export async function handlePullRequest(args: PullRequestArgs): Promise<void> {
  const { octokit, repo, pr, log, deps } = args;
  // 1. Claim the head with an in-progress check (unless the webhook handler did), unless it has a
  //    result or a live run for this base already.
  const claimed = args.claimed ?? (await claimPull(args));
  if (!claimed) return;
  const { id: checkId, login } = claimed;
  let facts: PullFacts | null = null;
  try {
    // 2. Read: config from the default branch, reviews, dependency files at base, head, approved commits.
    facts = {
      ...(await readPullFacts(octokit, repo, pr, args.defaultBranch, {
        head: true,
        appId: deps.appId,
        orgConfig: deps.orgConfig ?? false,
        ...(deps.now ? { now: deps.now } : {}),
      })),
      ourLogin: login,
    };
    // 3. Analyse every guarded change; 4. plan every write; 5. publish.
    const analysis = await analysePull(octokit, repo, facts, deps);
    await publish(args, checkId, planPullRequest(facts, analysis));
  } catch (e) {
    log.error(logged(e, pr), "mcp-guard analysis failed");
    await completeCheck(octokit, repo, checkId, planFailure(facts, failureMessage(e)));
  }
}

/** The review first (its URL goes into the check), then the reviewer requests, then the check. */
async function publish({ octokit, repo, pr, log }: PullRequestArgs, checkId: number, plan: PullPlan) {
  const posted: Published = plan.reviewUrl ? { url: plan.reviewUrl } : {};
  if (plan.review) {
    try {
      posted.url = await writeReview(octokit, repo, pr, plan.review);
      // Editing the review notifies nobody: a short comment does. Losing it costs no verdict.
      if (plan.notice)
        await postComment(octokit, repo, pr.number, plan.notice).catch((e) =>
          log.warn(logged(e, pr), "mcp-guard: review-updated comment failed"),
        );
    } catch (e) {
      // A review that cannot be posted (size, permissions, an outage) never blocks the check update.
      posted.problem = (e as Error).message;
      log.error(logged(e, pr), "mcp-guard review post failed");
    }
  }
  try {
    const asked = await requestReviewers(octokit, repo, pr.number, plan.reviewersToRequest);
    const notes = reviewerRequestNotes(asked, `${repo.owner}/${repo.repo}`);
    if (notes.length) posted.requestProblem = notes.join(" ");
  } catch (e) {
    // A reviewer who cannot be asked never costs the pull request its verdict, and is never hidden.
    const who = [
      ...plan.reviewersToRequest.users.map((u) => `@${u}`),
      ...plan.reviewersToRequest.teams.map((t) => `@${t}`),
    ];
    posted.requestProblem = `Could not ask ${who.join(", ")} for a review (${(e as Error).message}); check \`reviewers\` in .github/mcp-guard.yml.`;
    log.warn(logged(e, pr), "mcp-guard: reviewer request failed");
  }
  await completeCheck(octokit, repo, checkId, plan.check(posted));
}

/**
 * Ends a check a stopped process left in progress, before a new run takes over, so the pull request
 * does not show a spinner forever. `cancelled` still blocks a required check.
 */
export async function retireAbandoned(
  octokit: Octokit,
  repo: Repo,
  checkId: number,
  log: Logger,
): Promise<void> {
  try {
    await completeCheck(octokit, repo, checkId, { conclusion: "cancelled", output: ABANDONED });
  } catch (e) {
    // Cosmetic: the new run decides the PR whether or not the old spinner could be stopped.
    log.warn({ check: checkId, ...errorFields(e) }, "mcp-guard: could not end an abandoned check");
  }
}

/**
 * What a failure logs: the error's code, status and message, never the error object (an Octokit error
 * carries its request, whose body may be a whole review): its size instead.
 */
export function errorFields(e: unknown) {
  const err = e as { code?: unknown; status?: unknown; message?: unknown; request?: { body?: unknown } };
  const bytes = requestBytes(err.request?.body);
  return {
    ...(typeof err.code === "string" ? { code: err.code } : {}),
    ...(typeof err.status === "number" ? { status: err.status } : {}),
    error: typeof err.message === "string" ? err.message.slice(0, 500) : String(e).slice(0, 500),
    ...(bytes === null ? {} : { requestBytes: bytes }),
  };
}

/** The size of a request's body: Octokit keeps it as the object it will send (a review's `body` inside), or as text. */
function requestBytes(body: unknown): number | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return Buffer.byteLength(body);
  try {
    return Buffer.byteLength(JSON.stringify(body));
  } catch {
    return null;
  }
}

/** A failure's log fields with the pull request (or merge group) it happened on. */
export function logged(e: unknown, pr: { number: number; headSha: string }) {
  return { pr: pr.number, head: pr.headSha, ...errorFields(e) };
}
