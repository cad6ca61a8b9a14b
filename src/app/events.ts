/**
 * Adapters from webhook payloads to the handlers' plain arguments. Each enqueues the work and
 * returns at once, so the webhook is acknowledged fast.
 */
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Logger } from "probot";
import { queuedPullOf } from "../gate/merge-group.js";
import type { Octokit, Repo } from "../github/octokit.js";
import { openPullsAt, toPullRef } from "../github/reads.js";
import { CHECK_NAME } from "../render/check.js";
import type { AppDeps } from "./deps.js";
import { releasePull } from "./interrupted.js";
import { handleMergeGroup, releaseGroup } from "./merge-group.js";
import { handlePullRequest } from "./pull-request.js";
import { handleReview } from "./review.js";

interface Args<E extends keyof EventPayloads> {
  octokit: Octokit;
  payload: EventPayloads[E];
  log: Logger;
  deps: AppDeps;
}

type EventPayloads = {
  pull_request: EmitterWebhookEvent<"pull_request">["payload"];
  pull_request_review: EmitterWebhookEvent<"pull_request_review">["payload"];
  check_run: EmitterWebhookEvent<"check_run">["payload"];
  check_suite: EmitterWebhookEvent<"check_suite">["payload"];
  merge_group: EmitterWebhookEvent<"merge_group">["payload"];
};

/** Work on one pull request is serialised under this key. */
export function prKey(repo: Repo, pr: { number: number }): string {
  return `${repo.owner}/${repo.repo}#${pr.number}`;
}

function repoOf(payload: { repository: { owner: { login: string }; name: string; default_branch: string } }) {
  return {
    repo: { owner: payload.repository.owner.login, repo: payload.repository.name },
    defaultBranch: payload.repository.default_branch,
  };
}

export function onPullRequest({ octokit, payload, log, deps }: Args<"pull_request">): void {
  // Reopening is never a duplicate of opening: reviews may have been dismissed, or the head or base
  // moved, while the pull request was closed. It decides afresh, as a re-run does, even as a draft
  // (a draft's earlier result would otherwise stand until it is marked ready, and then be "a duplicate").
  const reopened = payload.action === "reopened";
  if (payload.pull_request.draft && !reopened) return; // drafts are reviewed when they become ready_for_review
  // An edit matters only when it retargets the pull request: the result belongs to (base, head).
  if (payload.action === "edited" && !(payload as { changes?: { base?: unknown } }).changes?.base) return;
  const { repo, defaultBranch } = repoOf(payload);
  const pr = toPullRef(payload.pull_request);
  const args = { octokit, repo, defaultBranch, pr, log, deps };
  if (reopened) {
    // Its own kind: a later event that would be skipped as a duplicate (ready_for_review, a
    // redelivery) must not supersede it while it waits; a redelivered reopen decides afresh again.
    deps.queue.push(() => handlePullRequest({ ...args, force: true }), prKey(repo, pr), {
      coalesce: "reopened",
      release: () => releasePull({ ...args, keepResult: false }),
    });
    return;
  }
  // A newer event for the same pull request supersedes one still waiting (an older head).
  deps.queue.push(() => handlePullRequest(args), prKey(repo, pr), {
    coalesce: "pull_request",
    release: () => releasePull({ ...args, keepResult: true }),
  });
}

export function onReview({ octokit, payload, log, deps }: Args<"pull_request_review">): void {
  const { repo, defaultBranch } = repoOf(payload);
  const pr = toPullRef(payload.pull_request);
  const args = { octokit, repo, defaultBranch, pr, log, deps };
  deps.queue.push(() => handleReview(args), prKey(repo, pr), {
    coalesce: "review",
    // A lost re-decision could be a dismissal: the standing result is not kept.
    release: () => releasePull({ ...args, keepResult: false }),
  });
}

/** A re-run asked for on our check (button or "Re-run"): analyse every PR of that head again. */
export async function onCheckRun({ octokit, payload, log, deps }: Args<"check_run">): Promise<void> {
  if (payload.check_run.name !== CHECK_NAME) return;
  await rerunFor(octokit, payload, payload.check_run.head_sha, log, deps);
}

export async function onCheckSuite({ octokit, payload, log, deps }: Args<"check_suite">): Promise<void> {
  await rerunFor(octokit, payload, payload.check_suite.head_sha, log, deps);
}

async function rerunFor(
  octokit: Octokit,
  payload: EventPayloads["check_run"] | EventPayloads["check_suite"],
  headSha: string,
  log: Logger,
  deps: AppDeps,
): Promise<void> {
  const { repo, defaultBranch } = repoOf(payload);
  // The payload lists the PRs only for same-repository branches; ask the API for the rest.
  for (const pr of await openPullsAt(octokit, repo, headSha)) {
    const args = { octokit, repo, defaultBranch, pr, log, deps };
    deps.queue.push(() => handlePullRequest({ ...args, force: true }), prKey(repo, pr), {
      coalesce: "rerun",
      release: () => releasePull({ ...args, keepResult: false }),
    });
  }
}

/** A merge queue asks for our check on a merge group's commit. */
export function onMergeGroup({ octokit, payload, log, deps }: Args<"merge_group">): void {
  const { repository } = payload;
  if (!repository) {
    log.warn("mcp-guard: a merge_group event without a repository ignored");
    return;
  }
  const { repo, defaultBranch } = repoOf({ repository });
  const g = payload.merge_group;
  const baseBranch = g.base_ref.replace(/^refs\/heads\//, "");
  const group = {
    headSha: g.head_sha,
    baseSha: g.base_sha,
    baseBranch,
    queuedPull: queuedPullOf(g.head_ref, baseBranch),
  };
  const args = { octokit, repo, defaultBranch, group, log, deps };
  deps.queue.push(() => handleMergeGroup(args), `${repo.owner}/${repo.repo}@${g.head_sha}`, {
    release: () => releaseGroup(args),
  });
}
