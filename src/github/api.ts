/**
 * Every Octokit call of the app. Thin: read or write one thing, translate GitHub's answers into
 * plain data. No markdown is built here and no decision is made here.
 */
import { load as loadYaml } from "js-yaml";
import type { ProbotOctokit } from "probot";
import type { Permission, ReviewRecord, ReviewState } from "../core/gate.js";

export type Octokit = ProbotOctokit;

export interface Repo {
  owner: string;
  repo: string;
}

export const CONFIG_PATH = ".github/mcp-guard.yml";

function status(e: unknown): number | undefined {
  return (e as { status?: number }).status;
}

/** Text of a file at a ref, or null when it does not exist there. */
export async function readFile(
  octokit: Octokit,
  r: Repo,
  path: string,
  ref?: string,
): Promise<string | null> {
  try {
    const res = await octokit.rest.repos.getContent({ ...r, path, ...(ref ? { ref } : {}) });
    const data = res.data as { type?: string; content?: string; encoding?: string };
    if (data.type !== "file" || typeof data.content !== "string") return null;
    return Buffer.from(data.content, (data.encoding as BufferEncoding) ?? "base64").toString("utf8");
  } catch (e) {
    if (status(e) === 404) return null;
    throw e;
  }
}

/**
 * The config document from the default branch only (a PR cannot weaken its own gate), falling back
 * to the organisation's `.github` repository. `file` names where it came from.
 */
export async function loadConfigDocument(
  octokit: Octokit,
  r: Repo,
  defaultBranch: string,
): Promise<{ doc: unknown; file: string; problem?: string }> {
  const sources: [Repo, string | undefined, string][] = [
    [r, defaultBranch, `${r.owner}/${r.repo}:${CONFIG_PATH}`],
    [{ owner: r.owner, repo: ".github" }, undefined, `${r.owner}/.github:${CONFIG_PATH}`],
  ];
  for (const [repo, ref, file] of sources) {
    const text = await readFile(octokit, repo, CONFIG_PATH, ref);
    if (text === null) continue;
    try {
      return { doc: loadYaml(text) ?? {}, file };
    } catch (e) {
      return {
        doc: undefined,
        file,
        problem: `${file}: invalid YAML (${(e as Error).message.split("\n")[0]})`,
      };
    }
  }
  return { doc: undefined, file: "" };
}

export async function listPullFiles(octokit: Octokit, r: Repo, pull: number): Promise<string[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    ...r,
    pull_number: pull,
    per_page: 100,
  });
  return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
}

/** The pull request as it is now: head, base and author (a payload may be stale). */
export async function getPull(
  octokit: Octokit,
  r: Repo,
  pull: number,
): Promise<{ number: number; author: string; headSha: string; baseSha: string; open: boolean }> {
  const res = await octokit.rest.pulls.get({ ...r, pull_number: pull });
  const p = res.data;
  return {
    number: p.number,
    author: p.user?.login ?? "",
    headSha: p.head.sha,
    baseSha: p.base.sha,
    open: p.state === "open",
  };
}

export async function listReviews(
  octokit: Octokit,
  r: Repo,
  pull: number,
): Promise<(ReviewRecord & { id: number; body: string; url: string })[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    ...r,
    pull_number: pull,
    per_page: 100,
  });
  return reviews.map((v) => ({
    id: v.id,
    body: v.body ?? "",
    url: v.html_url,
    user: v.user?.login ?? "",
    isBot: v.user?.type === "Bot",
    state: v.state as ReviewState,
    commitId: v.commit_id ?? "",
    submittedAt: v.submitted_at ?? "",
  }));
}

export async function createReview(
  octokit: Octokit,
  r: Repo,
  pull: number,
  sha: string,
  body: string,
): Promise<string> {
  const res = await octokit.rest.pulls.createReview({
    ...r,
    pull_number: pull,
    commit_id: sha,
    event: "COMMENT",
    body,
  });
  return res.data.html_url;
}

export async function updateReview(
  octokit: Octokit,
  r: Repo,
  pull: number,
  id: number,
  body: string,
): Promise<string> {
  const res = await octokit.rest.pulls.updateReview({ ...r, pull_number: pull, review_id: id, body });
  return res.data.html_url;
}

export async function requestReviewers(
  octokit: Octokit,
  r: Repo,
  pull: number,
  users: string[],
  teams: string[],
): Promise<void> {
  if (users.length === 0 && teams.length === 0) return;
  await octokit.rest.pulls.requestReviewers({
    ...r,
    pull_number: pull,
    reviewers: users,
    team_reviewers: teams,
  });
}

export async function permissionOf(octokit: Octokit, r: Repo, user: string): Promise<Permission> {
  try {
    const res = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username: user });
    return res.data.permission as Permission;
  } catch (e) {
    if (status(e) === 404) return "none";
    throw e;
  }
}

/** Whether `user` is an active (not pending) member of org/team. */
export async function isActiveTeamMember(octokit: Octokit, orgTeam: string, user: string): Promise<boolean> {
  const [org, team_slug] = orgTeam.split("/") as [string, string];
  try {
    const res = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug, username: user });
    return res.data.state === "active";
  } catch (e) {
    if (status(e) === 404) return false;
    throw e;
  }
}

export interface CheckRun {
  id: number;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
  startedAt: string | null;
}

/** The latest `mcp-guard` check run of this app on a commit. */
export async function findCheck(
  octokit: Octokit,
  r: Repo,
  sha: string,
  name: string,
): Promise<CheckRun | null> {
  const res = await octokit.rest.checks.listForRef({ ...r, ref: sha, check_name: name, filter: "latest" });
  const run = res.data.check_runs[0];
  if (!run) return null;
  return {
    id: run.id,
    status: run.status,
    conclusion: run.conclusion,
    title: run.output.title,
    summary: run.output.summary,
    text: run.output.text,
    startedAt: run.started_at ?? null,
  };
}

export async function startCheck(octokit: Octokit, r: Repo, sha: string, name: string): Promise<number> {
  const res = await octokit.rest.checks.create({
    ...r,
    name,
    head_sha: sha,
    status: "in_progress",
    output: {
      title: "Reviewing package changes…",
      summary: "mcp-guard is fetching and diffing the changed packages.",
    },
  });
  return res.data.id;
}

export async function completeCheck(
  octokit: Octokit,
  r: Repo,
  id: number,
  conclusion: "success" | "action_required" | "failure" | "cancelled",
  output: { title: string; summary: string; text: string },
  detailsUrl?: string,
): Promise<void> {
  await octokit.rest.checks.update({
    ...r,
    check_run_id: id,
    status: "completed",
    conclusion,
    output,
    ...(detailsUrl ? { details_url: detailsUrl } : {}),
    ...(conclusion === "failure"
      ? {
          actions: [
            { label: "Re-run", description: "Run the mcp-guard analysis again", identifier: "rerun" },
          ],
        }
      : {}),
  });
}

export interface PullSummary {
  number: number;
  author: string;
  headSha: string;
  baseSha: string;
}

type PullData = {
  number: number;
  user: { login: string } | null;
  head: { sha: string };
  base: { sha: string };
};
const summary = (p: PullData): PullSummary => ({
  number: p.number,
  author: p.user?.login ?? "",
  headSha: p.head.sha,
  baseSha: p.base.sha,
});

/** Open pull requests whose head is `sha` (forks included, which check payloads leave out). */
export async function openPullsAt(octokit: Octokit, r: Repo, sha: string): Promise<PullSummary[]> {
  const res = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...r, commit_sha: sha });
  return res.data.filter((p) => p.state === "open" && p.head.sha === sha).map(summary);
}

/** Every open pull request of a repository. */
export async function listOpenPulls(octokit: Octokit, r: Repo): Promise<PullSummary[]> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, { ...r, state: "open", per_page: 100 });
  return pulls.map(summary);
}

/** Installations of the app (an app-authenticated Octokit). */
export async function listInstallations(octokit: Octokit): Promise<number[]> {
  const all = await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 100 });
  return all.map((i) => i.id);
}

/** Repositories one installation can see, with their default branches. */
export async function listInstallationRepos(
  octokit: Octokit,
): Promise<{ repo: Repo; defaultBranch: string }[]> {
  const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
    per_page: 100,
  });
  return repos.map((x) => ({
    repo: { owner: x.owner.login, repo: x.name },
    defaultBranch: x.default_branch,
  }));
}
