/**
 * A review was submitted, edited or dismissed: decide the gate again from the change set stored in
 * our check, and write only if the decision's texts changed.
 */
import { findCheck, getPull, readPullFacts } from "../github/reads.js";
import { completeCheck } from "../github/writes.js";
import { planReviewEvent } from "../plan/pull-request.js";
import { guardedAtCommits } from "./analyse.js";
import type { PullRequestArgs } from "./pull-request.js";

export async function handleReview({ octokit, repo, defaultBranch, pr: hint, deps }: PullRequestArgs) {
  // 1. The payload is a trigger: the head and the author are read from the API now.
  const pr = await getPull(octokit, repo, hint.number);
  if (!pr.open) return;
  // 2. Our check on that head holds the analysed change set; without it the PR handler decides.
  const check = await findCheck(octokit, repo, pr.headSha, deps.appId);
  if (check?.status !== "completed" || check.state?.headSha !== pr.headSha) return;
  if (check.state.baseSha !== pr.baseSha) return; // another base's result: the PR handler decides
  // 3. Read reviews and standing, tell the change sets approvals were given on, plan, publish.
  const facts = await readPullFacts(octokit, repo, pr, defaultBranch, { head: false });
  const write = planReviewEvent(facts, check, await guardedAtCommits(facts, deps));
  if (write) await completeCheck(octokit, repo, check.id, write);
}
