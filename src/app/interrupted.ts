/**
 * Hands a pull request back when this process stops before deciding it (shutdown past the grace
 * period, or a job still waiting in the queue): its check is ended `cancelled` "Interrupted…", which
 * blocks, offers Re-run, and is re-run at once by the next process's sweep. Nothing is left spinning.
 */
import { findCheck, getPull } from "../github/reads.js";
import { completeCheck, startCheck } from "../github/writes.js";
import { planInterrupted } from "../plan/interrupted.js";
import { INTERRUPTED } from "../render/check.js";
import type { PullRequestArgs } from "./pull-request.js";

export interface ReleaseArgs extends PullRequestArgs {
  /**
   * Keep a result the head already has for its base (a pull-request event would have been skipped as a
   * duplicate). Off for review events and re-runs: the work lost there could change the result.
   */
  keepResult: boolean;
}

export async function releasePull({
  octokit,
  repo,
  pr: hint,
  log,
  deps,
  keepResult,
}: ReleaseArgs): Promise<void> {
  // 1. Where the pull request is now: the job's head may be older.
  const pr = await getPull(octokit, repo, hint.number);
  // 2. A run started on the job's own (older) head is ended, not left in progress.
  if (hint.headSha !== pr.headSha) {
    const old = await findCheck(octokit, repo, hint.headSha, deps.appId);
    if (old && old.status !== "completed") await completeCheck(octokit, repo, old.id, planInterrupted());
  }
  // 3. The head's check: ended as interrupted (or one is created so), unless its result stands.
  if (!pr.open && keepResult) return;
  const check = await findCheck(octokit, repo, pr.headSha, deps.appId);
  if (!pr.open) {
    // Closed: the lost work (a review event, a reopen) may have removed an approval, so a green check
    // is withdrawn; anything else waits for the reopen, which decides afresh.
    if (check?.status === "completed" && check.conclusion === "success")
      await completeCheck(octokit, repo, check.id, planInterrupted());
    return;
  }
  // A result stands only if it is one a duplicate event would have kept (planClaim): for this head
  // and base, from a run that read the merge base.
  const stands =
    check?.status === "completed" &&
    check.state?.headSha === pr.headSha &&
    check.state.baseSha === pr.baseSha &&
    check.state.mergeBaseSha !== undefined &&
    !check.state.pending;
  if (keepResult && stands) return;
  if (check?.status === "completed" && check.title === INTERRUPTED.title) return;
  const id = check ? check.id : (await startCheck(octokit, repo, pr.headSha)).id;
  await completeCheck(octokit, repo, id, planInterrupted());
  log.warn(
    { pr: pr.number, head: pr.headSha },
    "mcp-guard: stopping before this pull request was decided; check marked interrupted",
  );
}
