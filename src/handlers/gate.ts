/** Re-reads reviews and reviewer standing from the API and decides the gate. Shared by all handlers. */
import { type CommitFiles, changeSetFingerprint, findChanges, type VersionChange } from "../core/changes.js";
import type { GuardConfig } from "../core/config.js";
import { decide, type GateDecision, latestReviews, type Standing } from "../core/gate.js";
import { isActiveTeamMember, listReviews, type Octokit, permissionOf, type Repo } from "../github/api.js";
import type { CheckState } from "../render/check.js";

export interface PullRef {
  number: number;
  author: string;
  headSha: string;
  baseSha: string;
}

export async function decideGate(
  octokit: Octokit,
  repo: Repo,
  pr: PullRef,
  config: GuardConfig,
  configProblems: string[],
  state: CheckState,
  changesAt: (sha: string) => Promise<VersionChange[] | null>,
  failure?: string,
): Promise<GateDecision> {
  const reviews = (await listReviews(octokit, repo, pr.number)).filter((r) => r.user);
  // Standing matters only for people whose latest review is an approval (and never for bots).
  const standing = new Map<string, Standing>();
  for (const r of latestReviews(reviews).values()) {
    if (r.state !== "APPROVED" || r.isBot || /\[bot\]$/.test(r.user)) continue;
    const activeTeams: string[] = [];
    for (const team of config.reviewers.teams)
      if (await isActiveTeamMember(octokit, team, r.user)) activeTeams.push(team);
    standing.set(r.user.toLowerCase(), {
      permission: await permissionOf(octokit, repo, r.user),
      activeTeams,
    });
  }
  // Fingerprints of the commits reviews were given on (a rebase keeps the change set; a bump does not).
  const prints = new Map<string, string | null>();
  const approvals = [...latestReviews(reviews).values()].filter((r) => r.state === "APPROVED");
  for (const sha of new Set(approvals.map((r) => r.commitId))) {
    if (sha === pr.headSha) continue;
    const changes = await changesAt(sha);
    prints.set(sha, changes ? changeSetFingerprint(changes) : null);
  }
  return decide({
    config,
    configProblems,
    failure,
    prAuthor: pr.author,
    headSha: pr.headSha,
    changes: state.changes,
    fingerprint: state.fingerprint,
    fingerprintAt: (sha) => prints.get(sha) ?? null,
    reviews,
    standing,
  });
}

export { type CommitFiles, findChanges };
