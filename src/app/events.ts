/**
 * Adapters from webhook payloads to the handlers' plain arguments. Each enqueues the work and
 * returns at once, so the webhook is acknowledged fast.
 */
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Logger } from "probot";
import { CONFIG_PATHS } from "../gate/config.js";
import { queuedPullOf } from "../gate/merge-group.js";
import type { PullRef } from "../gate/pull.js";
import type { Octokit, Repo } from "../github/octokit.js";
import {
  findCheck,
  listInstallationRepos,
  listOpenPulls,
  openPullsAt,
  openPullsInto,
  toPullRef,
} from "../github/reads.js";
import { CHECK_NAME } from "../render/check.js";
import type { AppDeps } from "./deps.js";
import { releasePull } from "./interrupted.js";
import { handleMergeGroup, releaseGroup } from "./merge-group.js";
import { claimPull, handlePullRequest, logged, type PullRequestArgs } from "./pull-request.js";
import { handleReview } from "./review.js";

interface Args<E extends keyof EventPayloads> {
  octokit: Octokit;
  payload: EventPayloads[E];
  log: Logger;
  deps: AppDeps;
}

type EventPayloads = {
  push: EmitterWebhookEvent<"push">["payload"];
  member: EmitterWebhookEvent<"member">["payload"];
  membership: EmitterWebhookEvent<"membership">["payload"];
  team: EmitterWebhookEvent<"team">["payload"];
  organization: EmitterWebhookEvent<"organization">["payload"];
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

export async function onPullRequest({ octokit, payload, log, deps }: Args<"pull_request">): Promise<void> {
  // Reopening is never a duplicate of opening: reviews may have been dismissed, or the head or base
  // moved, while the pull request was closed. It decides afresh, as a re-run does, even as a draft
  // (a draft's earlier result would otherwise stand until it is marked ready, and then be "a duplicate").
  const reopened = payload.action === "reopened";
  if (payload.pull_request.draft && !reopened) return; // drafts are reviewed when they become ready_for_review
  // An edit matters only when it retargets the pull request: the result belongs to (base, head).
  if (payload.action === "edited" && !(payload as { changes?: { base?: unknown } }).changes?.base) return;
  const { repo, defaultBranch } = repoOf(payload);
  const pr = toPullRef(payload.pull_request);
  const args = { octokit, repo, defaultBranch, pr, log, deps, force: reopened };
  // Claimed at once, before the job is queued: an old green check never stands while the queue waits.
  const claimed = await claimAtOnce(args);
  if (claimed === null) return; // a duplicate delivery: the head has a result or a live run for this base
  const job = () => handlePullRequest({ ...args, ...(claimed ? { claimed } : {}) });
  if (reopened) {
    // Its own kind: a later event that would be skipped as a duplicate (ready_for_review, a
    // redelivery) must not supersede it while it waits; a redelivered reopen decides afresh again.
    deps.queue.push(job, prKey(repo, pr), {
      coalesce: "reopened",
      release: () => releasePull({ ...args, keepResult: false }),
    });
    return;
  }
  // A newer event for the same pull request supersedes one still waiting (an older head).
  deps.queue.push(job, prKey(repo, pr), {
    coalesce: "pull_request",
    release: () => releasePull({ ...args, keepResult: true }),
  });
}

/**
 * The claim made in the webhook handler: the check (null: a duplicate, nothing to do), or undefined
 * when GitHub failed it: the job then claims when it runs (the event is not lost).
 */
async function claimAtOnce(
  args: PullRequestArgs,
): Promise<{ id: number; login?: string } | null | undefined> {
  try {
    return await claimPull(args);
  } catch (e) {
    args.log.warn(
      logged(e, args.pr),
      "mcp-guard: could not claim the check at once; the queued job claims it",
    );
    return undefined;
  }
}

/** Open pull requests re-decided at most per event (the periodic re-validation covers the rest). */
export const MAX_REDECIDED_PER_EVENT = 100;

/**
 * A fact behind open pull requests' results changed without a pull-request event. `analyse`: what
 * they bring may have changed (their base moved, the config changed): each is analysed afresh, and a
 * check that is green, or may still turn green (a run in progress decided on the old facts), is
 * claimed at once; a blocking result has nothing to lose and is claimed when its job runs (a claim
 * is a write, and GitHub's write spacing would hold the webhook for seconds per pull request).
 * `review`: only who may approve changed (a member, a team, a permission): each is decided again
 * from its stored change set, as on a review event. One pull request after another, in list order.
 */
export async function redecide(
  octokit: Octokit,
  target: { repo: Repo; defaultBranch: string },
  pulls: readonly PullRef[],
  how: "analyse" | "review",
  log: Logger,
  deps: AppDeps,
): Promise<void> {
  const { repo, defaultBranch } = target;
  if (pulls.length > MAX_REDECIDED_PER_EVENT)
    log.warn(
      { repo: `${repo.owner}/${repo.repo}`, pulls: pulls.length },
      `mcp-guard: only ${MAX_REDECIDED_PER_EVENT} open pull requests re-decided at once; the periodic re-validation decides the rest`,
    );
  for (const pr of pulls.slice(0, MAX_REDECIDED_PER_EVENT)) {
    const args = { octokit, repo, defaultBranch, pr, log, deps, force: true };
    const release = () => releasePull({ ...args, keepResult: false });
    if (how === "review") {
      deps.queue.push(() => handleReview(args), prKey(repo, pr), { coalesce: "review", release });
      continue;
    }
    const claimed = (await mayTurnGreen(args)) ? await claimAtOnce(args) : undefined;
    deps.queue.push(() => handlePullRequest({ ...args, ...(claimed ? { claimed } : {}) }), prKey(repo, pr), {
      coalesce: "rerun",
      release,
    });
  }
}

/** Whether the head's check is green or may still turn green (unknown: yes). */
async function mayTurnGreen(args: PullRequestArgs): Promise<boolean> {
  try {
    const check = await findCheck(args.octokit, args.repo, args.pr.headSha, args.deps.appId);
    return check?.status !== "completed" || check.conclusion === "success";
  } catch {
    return true;
  }
}

/**
 * A push to a branch: the pull requests into it have a new base tip (a merge applies their changes
 * to it, and the base may now revert or repeat a bump they make). A push to the default branch that
 * may touch the config re-decides every open pull request of the repository; one to the
 * organisation's `.github` repository (when its config is used) every repository's.
 */
export async function onPush({ octokit, payload, log, deps }: Args<"push">): Promise<void> {
  if (!payload.ref.startsWith("refs/heads/") || payload.deleted) return;
  const branch = payload.ref.slice("refs/heads/".length);
  if (branch.startsWith("gh-readonly-queue/")) return; // the merge queue's own branches
  const { repo, defaultBranch } = repoOf(payload as unknown as Parameters<typeof repoOf>[0]);
  const config = branch === defaultBranch && mayTouchConfig(payload);
  // The organisation's rules (when they are used): every repository's pull requests, its own included.
  if (config && repo.repo === ".github" && deps.orgConfig) {
    for (const target of await listInstallationRepos(octokit))
      await redecide(octokit, target, await listOpenPulls(octokit, target.repo), "analyse", log, deps);
    return;
  }
  const pulls = config
    ? await listOpenPulls(octokit, repo)
    : (await openPullsInto(octokit, repo, branch, MAX_REDECIDED_PER_EVENT + 1)).pulls;
  await redecide(octokit, { repo, defaultBranch }, pulls, "analyse", log, deps);
}

/**
 * Whether a push may change a config file: a commit list GitHub cut short, a forced push or a new
 * branch cannot be read completely, so they may.
 */
function mayTouchConfig(payload: EventPayloads["push"]): boolean {
  const commits = payload.commits ?? [];
  if (payload.forced || payload.created || commits.length === 0 || commits.length >= 20) return true;
  const paths = new Set<string>(CONFIG_PATHS);
  return commits.some((c) =>
    [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].some((p) => paths.has(p)),
  );
}

/** A repository collaborator was added, removed or had their permission changed. */
export async function onMember({ octokit, payload, log, deps }: Args<"member">): Promise<void> {
  const target = repoOf(payload);
  await redecide(octokit, target, await listOpenPulls(octokit, target.repo), "review", log, deps);
}

/** A team's repositories or permissions changed: that repository's pull requests. */
export async function onTeam({ octokit, payload, log, deps }: Args<"team">): Promise<void> {
  const repository = (payload as { repository?: Parameters<typeof repoOf>[0]["repository"] }).repository;
  if (repository) {
    const target = repoOf({ repository });
    await redecide(octokit, target, await listOpenPulls(octokit, target.repo), "review", log, deps);
    return;
  }
  await everyRepository(octokit, log, deps);
}

/** Team membership or organisation membership changed: every repository the app is installed on. */
export async function onOrgMembership({
  octokit,
  log,
  deps,
}: {
  octokit: Octokit;
  log: Logger;
  deps: AppDeps;
}) {
  await everyRepository(octokit, log, deps);
}

async function everyRepository(octokit: Octokit, log: Logger, deps: AppDeps): Promise<void> {
  for (const target of await listInstallationRepos(octokit))
    await redecide(octokit, target, await listOpenPulls(octokit, target.repo), "review", log, deps);
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
    headRef: g.head_ref,
  };
  const args = { octokit, repo, defaultBranch, group, log, deps };
  deps.queue.push(() => handleMergeGroup(args), `${repo.owner}/${repo.repo}@${g.head_sha}`, {
    release: () => releaseGroup(args),
  });
}
