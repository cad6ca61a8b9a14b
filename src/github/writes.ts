/** Every write the app makes to GitHub. Thin: the texts come from src/render via the plan. */
import type { CheckWrite, ReviewWrite } from "../plan/pull-request.js";
import { CHECK_NAME, IN_PROGRESS, type ReviewerRequestResult } from "../render/check.js";
import { encodeCheckState } from "./check-state.js";
import type { Octokit, Repo } from "./octokit.js";

/** Claims a commit with an in-progress check before any work; returns its id and this app's bot login. */
export async function startCheck(
  octokit: Octokit,
  r: Repo,
  sha: string,
  claim?: { baseSha: string },
): Promise<{ id: number; login?: string }> {
  // The claim names the base it decides for: another event for the same (base, head) is a duplicate.
  const text = claim
    ? encodeCheckState({ headSha: sha, baseSha: claim.baseSha, fingerprint: "", changes: [], pending: true })
    : undefined;
  const res = await octokit.rest.checks.create({
    ...r,
    name: CHECK_NAME,
    head_sha: sha,
    status: "in_progress",
    output: { ...IN_PROGRESS, ...(text ? { text } : {}) },
  });
  // The check names the app that wrote it: its bot login is how this app's own reviews are told apart.
  const slug = (res.data as { app?: { slug?: string } | null }).app?.slug;
  return { id: res.data.id, ...(slug ? { login: `${slug}[bot]` } : {}) };
}

/**
 * Ends a check with its result. `keepCompletedAt`: a re-decision of an unchanged change set keeps the
 * time GitHub first stamped, which tells which change set an approval was given for (gate/pull.ts).
 */
export async function completeCheck(
  octokit: Octokit,
  r: Repo,
  id: number,
  w: CheckWrite,
  opts: { keepCompletedAt?: string | null | undefined } = {},
): Promise<void> {
  await octokit.rest.checks.update({
    ...r,
    check_run_id: id,
    status: "completed",
    ...(opts.keepCompletedAt ? { completed_at: opts.keepCompletedAt } : {}),
    conclusion: w.conclusion,
    output: { ...w.output, text: w.state ? encodeCheckState(w.state) : "" },
    ...(w.detailsUrl ? { details_url: w.detailsUrl } : {}),
    ...(w.rerun
      ? {
          actions: [
            { label: "Re-run", description: "Run the mcp-guard analysis again", identifier: "rerun" },
          ],
        }
      : {}),
  });
}

/** Writes the review; returns its URL. */
export async function writeReview(
  octokit: Octokit,
  r: Repo,
  pull: { number: number; headSha: string },
  w: ReviewWrite,
): Promise<string> {
  if (w.kind === "update") {
    const res = await octokit.rest.pulls.updateReview({
      ...r,
      pull_number: pull.number,
      review_id: w.id,
      body: w.body,
    });
    return res.data.html_url;
  }
  const res = await octokit.rest.pulls.createReview({
    ...r,
    pull_number: pull.number,
    commit_id: pull.headSha,
    event: "COMMENT",
    body: w.body,
  });
  return res.data.html_url;
}

const statusOf = (e: unknown) => (e as { status?: number }).status;

/** Whether `user` is a collaborator of the repository (204), or not (404). */
async function isCollaborator(octokit: Octokit, r: Repo, user: string): Promise<boolean> {
  try {
    await octokit.rest.repos.checkCollaborator({ ...r, username: user });
    return true;
  } catch (e) {
    if (statusOf(e) === 404) return false;
    throw e;
  }
}

/** Posts a comment on the pull request (the short notice that the review was updated). */
/** Opens an issue, or rewrites ours in place (`number`); returns its number. */
export async function writeIssue(
  octokit: Octokit,
  r: Repo,
  issue: { number?: number; title: string; body: string },
): Promise<number> {
  if (issue.number !== undefined) {
    await octokit.rest.issues.update({
      ...r,
      issue_number: issue.number,
      title: issue.title,
      body: issue.body,
    });
    return issue.number;
  }
  const { data } = await octokit.rest.issues.create({ ...r, title: issue.title, body: issue.body });
  return data.number;
}

export async function postComment(octokit: Octokit, r: Repo, pull: number, body: string): Promise<void> {
  await octokit.rest.issues.createComment({ ...r, issue_number: pull, body });
}

/**
 * Asks the designated reviewers for a review; returns who could not be asked. Teams are `org/slug`:
 * GitHub can only ask teams of the repository's organisation, so another organisation's team is not
 * sent as a bare slug (which could name a different team here). GitHub refuses the whole request (422)
 * when one user is not a collaborator, without saying who: each user is then checked, and the others
 * are asked again, so one wrong login neither silences the rest nor goes unnamed.
 */
export async function requestReviewers(
  octokit: Octokit,
  r: Repo,
  pull: number,
  who: { users: string[]; teams: string[] },
): Promise<ReviewerRequestResult> {
  const own = (t: string) => t.split("/")[0]!.toLowerCase() === r.owner.toLowerCase();
  const teams = who.teams.filter(own);
  const result: ReviewerRequestResult = {
    otherOrgTeams: who.teams.filter((t) => !own(t)),
    notCollaborators: [],
    refused: null,
  };
  const ask = (users: string[]) =>
    octokit.rest.pulls.requestReviewers({
      ...r,
      pull_number: pull,
      reviewers: users,
      team_reviewers: teams.map((t) => t.split("/")[1]!),
    });
  if (who.users.length === 0 && teams.length === 0) return result;
  try {
    await ask(who.users);
    return result;
  } catch (e) {
    if (statusOf(e) !== 422) throw e;
    for (const u of who.users) if (!(await isCollaborator(octokit, r, u))) result.notCollaborators.push(u);
    const rest = who.users.filter((u) => !result.notCollaborators.includes(u));
    const refused = (err: unknown) => ({ who: [...rest, ...teams], message: (err as Error).message });
    if (!result.notCollaborators.length) {
      result.refused = refused(e);
      return result;
    }
    if (rest.length === 0 && teams.length === 0) return result;
    try {
      await ask(rest);
    } catch (e2) {
      if (statusOf(e2) !== 422) throw e2;
      result.refused = refused(e2);
    }
    return result;
  }
}
