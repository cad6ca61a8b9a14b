/**
 * On start: find checks left in progress by a crash or restart and analyse their pull requests
 * again, so no PR is left without a verdict. A left-over check blocks (it is not a success) until
 * then; re-requesting the check suite does the same for one commit at any time.
 */
import type { Logger } from "probot";
import type { AppDeps } from "../app/deps.js";
import { prKey } from "../app/events.js";
import { handlePullRequest, retireAbandoned } from "../app/pull-request.js";
import type { Octokit } from "../github/octokit.js";
import { findCheck, listInstallationRepos, listInstallations, listOpenPulls } from "../github/reads.js";
import { isAbandoned } from "../plan/claim.js";

export interface SweepArgs {
  /** Octokit for the app (no id) or for one installation. */
  auth(installationId?: number): Promise<Octokit>;
  log: Logger;
  deps: AppDeps;
  now?: () => number;
}

/** Queues a re-run for every open PR whose mcp-guard check was abandoned; returns them ("owner/repo#n"). */
export async function sweepAbandonedChecks({
  auth,
  log,
  deps,
  now = Date.now,
}: SweepArgs): Promise<string[]> {
  const queued: string[] = [];
  for (const id of await listInstallations(await auth())) {
    try {
      const octokit = await auth(id);
      for (const { repo, defaultBranch } of await listInstallationRepos(octokit)) {
        for (const pr of await listOpenPulls(octokit, repo)) {
          const check = await findCheck(octokit, repo, pr.headSha, deps.appId);
          if (!check || !isAbandoned(check, now(), deps.limits)) continue;
          const key = prKey(repo, pr);
          log.warn({ pr: key, head: pr.headSha }, "mcp-guard: check abandoned in progress; analysing again");
          deps.queue.push(
            async () => {
              await retireAbandoned(octokit, repo, check.id, log);
              await handlePullRequest({ octokit, repo, defaultBranch, pr, log, deps, force: true });
            },
            key,
            { coalesce: "rerun" },
          );
          queued.push(key);
        }
      }
    } catch (e) {
      // One installation's failure does not stop the others; its checks stay blocking.
      log.error({ err: e, installation: id }, "mcp-guard: sweep of an installation failed");
    }
  }
  return queued;
}
