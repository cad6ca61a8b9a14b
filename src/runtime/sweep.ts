/**
 * At start and then periodically: find checks left in progress by a crash, or ended as interrupted by
 * a process that stopped, and analyse their pull requests again, so no PR is left without a verdict.
 * A left-over check blocks (it is not a success) until then; re-requesting the check suite does the
 * same for one commit at any time.
 */
import type { Logger } from "probot";
import type { AppDeps } from "../app/deps.js";
import { prKey } from "../app/events.js";
import { releasePull } from "../app/interrupted.js";
import { handlePullRequest, retireAbandoned } from "../app/pull-request.js";
import { handleReview, newMalware } from "../app/review.js";
import type { ExistingCheck, PullRef } from "../gate/pull.js";
import type { Octokit, Repo } from "../github/octokit.js";
import {
  findCheck,
  findOurIssue,
  listInstallationRepos,
  listInstallations,
  listMergedPulls,
  listOpenPulls,
} from "../github/reads.js";
import { writeIssue } from "../github/writes.js";
import { isAbandoned, isInterrupted } from "../plan/claim.js";
import { type MergedRevocation, planRevokedIssue, REVOKED_MARKER } from "../plan/revoked.js";

export interface SweepArgs {
  /** Octokit for the app (no id) or for one installation. */
  auth(installationId?: number): Promise<Octokit>;
  log: Logger;
  deps: AppDeps;
  now?: () => number;
  /** Asked between pull requests: a sweep stops early when the process is stopping. */
  stopped?: () => boolean;
}

type Visit = (
  args: { octokit: Octokit; repo: Repo; defaultBranch: string; pr: PullRef },
  check: ExistingCheck,
) => Promise<string | null>;

/**
 * Every open pull request of every installation with this app's check on its head, visited one at a
 * time; returns what the visits queued ("owner/repo#n"). One installation's failure does not stop the
 * others (its checks stay as they are: blocking ones blocking, and they are visited next time).
 */
async function eachOpenPull({ auth, log, deps, stopped = () => false }: SweepArgs, visit: Visit) {
  const queued: string[] = [];
  for (const id of await listInstallations(await auth())) {
    if (stopped()) break;
    try {
      const octokit = await auth(id);
      for (const { repo, defaultBranch } of await listInstallationRepos(octokit)) {
        for (const pr of await listOpenPulls(octokit, repo)) {
          if (stopped()) return queued;
          const check = await findCheck(octokit, repo, pr.headSha, deps.appId);
          if (!check || stopped()) continue;
          const key = await visit({ octokit, repo, defaultBranch, pr }, check);
          if (key) queued.push(key);
        }
      }
    } catch (e) {
      log.error({ err: e, installation: id }, "mcp-guard: sweep of an installation failed");
    }
  }
  return queued;
}

/**
 * Queues a re-run for every open PR whose mcp-guard check was abandoned in progress or interrupted;
 * returns them ("owner/repo#n").
 */
export function sweepAbandonedChecks(sweep: SweepArgs): Promise<string[]> {
  const { log, deps, now = Date.now } = sweep;
  return eachOpenPull(sweep, async (at, check) => {
    const interrupted = isInterrupted(check);
    if (!interrupted && !isAbandoned(check, now(), deps.limits)) return null;
    const key = prKey(at.repo, at.pr);
    log.warn(
      { pr: key, head: at.pr.headSha },
      interrupted
        ? "mcp-guard: check interrupted by a stopped process; analysing again"
        : "mcp-guard: check abandoned in progress; analysing again",
    );
    const args = { ...at, log, deps };
    deps.queue.push(
      async () => {
        if (!interrupted) await retireAbandoned(at.octokit, at.repo, check.id, log);
        await handlePullRequest({ ...args, force: true });
      },
      key,
      { coalesce: "rerun", release: () => releasePull({ ...args, keepResult: false }) },
    );
    return key;
  });
}

/**
 * The safety net under the event subscriptions: every open pull request whose mcp-guard check is
 * green, or held for release age past its end, is decided again (as on a review event: from its stored change set when that is still what it
 * brings, analysed afresh otherwise), so a fact that changed without an event reaching us (a lost
 * delivery, a base moved while we were down, a reviewer's standing) cannot keep a green check
 * forever. Returns the pull requests queued ("owner/repo#n"), and logs them.
 */
export async function revalidateGreenChecks(sweep: SweepArgs): Promise<string[]> {
  const { log, deps, now = deps.now ?? Date.now } = sweep;
  const queued = await eachOpenPull(sweep, async (at, check) => {
    if (check.status !== "completed") return null;
    // A release-age hold whose time has come is decided again too: the time lives in the check, so a
    // restart loses nothing.
    const until = check.state?.heldUntil ? Date.parse(check.state.heldUntil) : Number.NaN;
    const due = check.conclusion === "action_required" && until <= now();
    if (check.conclusion !== "success" && !due) return null;
    const key = prKey(at.repo, at.pr);
    const args = { ...at, log, deps };
    deps.queue.push(() => handleReview(args), key, {
      coalesce: "review",
      release: () => releasePull({ ...args, keepResult: false }),
    });
    return key;
  });
  log.info({ pulls: queued }, `mcp-guard: re-validating ${queued.length} green checks`);
  return queued;
}

/** How far back merged pull requests are re-checked against malware intelligence. */
export const MERGED_RECHECK_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Merged pull requests of the last 30 days whose green check holds a change set: the versions it
 * installs are looked up again, and records newer than the analysis are written to one issue per
 * repository (created, or updated in place). Returns the repositories written ("owner/repo").
 */
export async function recheckMerged(sweep: SweepArgs): Promise<string[]> {
  const { auth, log, deps, stopped = () => false, now = deps.now ?? Date.now } = sweep;
  const written: string[] = [];
  if (!deps.advisories) return written;
  for (const id of await listInstallations(await auth())) {
    if (stopped()) break;
    try {
      const octokit = await auth(id);
      for (const { repo } of await listInstallationRepos(octokit)) {
        const found: MergedRevocation[] = [];
        for (const pr of await listMergedPulls(octokit, repo, now() - MERGED_RECHECK_MS)) {
          if (stopped()) return written;
          const check = await findCheck(octokit, repo, pr.headSha, deps.appId);
          if (check?.conclusion !== "success" || !check.state?.installs?.length) continue;
          const matches = await newMalware(deps, check.state);
          if (matches.length)
            found.push({
              pr: pr.number,
              mergedAt: pr.mergedAt,
              approvedBy: check.state.approvedBy ?? [],
              matches,
            });
        }
        const issue = planRevokedIssue(
          found,
          found.length ? await findOurIssue(octokit, repo, REVOKED_MARKER) : null,
        );
        if (!issue) continue;
        const n = await writeIssue(octokit, repo, issue);
        log.warn(
          { repo: `${repo.owner}/${repo.repo}`, issue: n },
          "mcp-guard: merged versions are now known malware",
        );
        written.push(`${repo.owner}/${repo.repo}`);
      }
    } catch (e) {
      log.error({ err: e, installation: id }, "mcp-guard: re-check of merged changes failed");
    }
  }
  return written;
}

export interface Sweeper {
  /** Stops sweeping; resolves when a sweep under way has ended. */
  stop(): Promise<void>;
}

/**
 * Sweeps now and then every `intervalMs` after the previous sweep ended: never two at once. A failed
 * sweep is logged and the next one comes as planned.
 */
export function sweepEvery(
  intervalMs: number,
  sweep: (stopped: () => boolean) => Promise<unknown>,
  log: Logger,
  opts: { delayFirst?: boolean } = {},
): Sweeper {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = sweep(() => stopped)
      .then(
        () => undefined,
        (e) => log.error({ err: e }, "mcp-guard: a periodic sweep failed"),
      )
      .finally(() => {
        if (!stopped && intervalMs > 0) {
          timer = setTimeout(run, intervalMs);
          timer.unref();
        }
      });
  };
  if (opts.delayFirst && intervalMs > 0) {
    timer = setTimeout(run, intervalMs);
    timer.unref();
  } else run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
