/**
 * Every read the app makes from GitHub, translated into plain data. No decision is made here and no
 * text is built: `readPullFacts` gathers what the gate needs for one pull request, and the plan
 * (src/plan/) decides from it.
 */
import { McpGuardError } from "../common/errors.js";
import { RUNTIME_LIMITS } from "../common/limits.js";
import {
  latestReviews,
  type Permission,
  type Pushers,
  type ReviewState,
  type Standing,
} from "../gate/approval.js";
import {
  ancestors,
  type CommitFiles,
  DEPENDENCY_FILES,
  folderOf,
  isDependencyFile,
} from "../gate/changes.js";
import { Commit } from "../gate/commit.js";
import { CONFIG_PATH, type ParsedConfig, parseConfigText } from "../gate/config.js";
import { missingMembers, workspaceRoots } from "../gate/install/index.js";
import type { ExistingCheck, PullFacts, PullRef, PullReview } from "../gate/pull.js";
import { CHECK_NAME } from "../render/check.js";
import { decodeCheckState } from "./check-state.js";
import type { Octokit, Repo } from "./octokit.js";

function status(e: unknown): number | undefined {
  return (e as { status?: number }).status;
}

/** The one mapper from GitHub's pull request objects (webhook payloads and API answers) to PullRef. */
export function toPullRef(p: {
  number: number;
  user: { login: string } | null;
  head: { sha: string };
  base: { sha: string };
}): PullRef {
  return { number: p.number, author: p.user?.login ?? "", headSha: p.head.sha, baseSha: p.base.sha };
}

/**
 * Text of a file at a ref, or null when it does not exist there (404). Asked in GitHub's raw media type,
 * so files over 1 MB (which the JSON form answers with `encoding: "none"`) come whole. Anything else
 * at that path (a folder, a symlink, a submodule) is not "absent": we cannot tell what it holds.
 */
export async function readFile(
  octokit: Octokit,
  r: Repo,
  path: string,
  ref?: string,
): Promise<string | null> {
  let data: unknown;
  try {
    const res = await octokit.rest.repos.getContent({
      ...r,
      path,
      ...(ref ? { ref } : {}),
      mediaType: { format: "raw" },
    });
    data = res.data;
  } catch (e) {
    if (status(e) === 404) return null;
    throw e;
  }
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data))
    return Buffer.from(data as ArrayBuffer).toString("utf8");
  const d = data as { type?: string; content?: string; encoding?: string };
  if (d && d.type === "file" && typeof d.content === "string" && d.encoding === "base64")
    return Buffer.from(d.content, "base64").toString("utf8");
  const what = Array.isArray(data) ? "a folder" : d?.type ? `a ${d.type}` : "not a readable file";
  throw new McpGuardError(
    "E_MCPGUARD_UNSUPPORTED",
    `${path}${ref ? ` at ${ref.slice(0, 7)}` : ""} is ${what}, not a file GitHub returns whole: cannot tell which packages changed`,
  );
}

/**
 * The config from the default branch only (a PR cannot weaken its own gate), falling back to the
 * organisation's `.github` repository.
 */
export async function readConfig(octokit: Octokit, r: Repo, defaultBranch: string): Promise<ParsedConfig> {
  const sources: [Repo, string | undefined, string][] = [
    [r, defaultBranch, `${r.owner}/${r.repo}:${CONFIG_PATH}`],
    [{ owner: r.owner, repo: ".github" }, undefined, `${r.owner}/.github:${CONFIG_PATH}`],
  ];
  for (const [repo, ref, file] of sources) {
    const text = await readFile(octokit, repo, CONFIG_PATH, ref);
    if (text !== null) return parseConfigText(text, file);
  }
  return parseConfigText(null);
}

/** The paths a pull request changes (renames with both names), and how many files GitHub listed. */
export async function listPullFiles(
  octokit: Octokit,
  r: Repo,
  pull: number,
): Promise<{ paths: string[]; listed: number }> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    ...r,
    pull_number: pull,
    per_page: 100,
  });
  const paths = files.flatMap((f) =>
    f.previous_filename ? [f.filename, f.previous_filename] : [f.filename],
  );
  return { paths, listed: files.length };
}

/** The pull request as it is now (a payload may be stale). */
export async function getPull(
  octokit: Octokit,
  r: Repo,
  pull: number,
): Promise<PullRef & { open: boolean; changedFiles: number | null; baseRef?: string }> {
  const res = await octokit.rest.pulls.get({ ...r, pull_number: pull });
  const changed = (res.data as { changed_files?: unknown }).changed_files;
  const baseRef = (res.data.base as { ref?: unknown }).ref;
  return {
    ...toPullRef(res.data),
    open: res.data.state === "open",
    ...(typeof baseRef === "string" ? { baseRef } : {}),
    changedFiles: typeof changed === "number" ? changed : null,
  };
}

export async function listReviews(octokit: Octokit, r: Repo, pull: number): Promise<PullReview[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    ...r,
    pull_number: pull,
    per_page: 100,
  });
  return reviews
    .map((v) => ({
      id: v.id,
      body: v.body ?? "",
      url: v.html_url,
      user: v.user?.login ?? "",
      isBot: v.user?.type === "Bot",
      state: v.state as ReviewState,
      commitId: v.commit_id ?? "",
      submittedAt: v.submitted_at ?? "",
    }))
    .filter((v) => v.user);
}

async function permissionOf(octokit: Octokit, r: Repo, user: string): Promise<Permission> {
  try {
    const res = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username: user });
    return res.data.permission as Permission;
  } catch (e) {
    if (status(e) === 404) return "none";
    throw e;
  }
}

/** Whether `user` is an active (not pending) member of org/team. */
async function isActiveTeamMember(octokit: Octokit, orgTeam: string, user: string): Promise<boolean> {
  const [org, team_slug] = orgTeam.split("/") as [string, string];
  try {
    const res = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug, username: user });
    return res.data.state === "active";
  } catch (e) {
    if (status(e) === 404) return false;
    throw e;
  }
}

/** Standing matters only for people whose latest review is an approval (and never for bots). */
async function readStanding(
  octokit: Octokit,
  r: Repo,
  reviews: PullReview[],
  teams: string[],
): Promise<Map<string, Standing>> {
  const standing = new Map<string, Standing>();
  for (const v of latestReviews(reviews).values()) {
    if (v.state !== "APPROVED" || v.isBot || /\[bot\]$/.test(v.user)) continue;
    const activeTeams: string[] = [];
    for (const team of teams) if (await isActiveTeamMember(octokit, team, v.user)) activeTeams.push(team);
    standing.set(v.user.toLowerCase(), { permission: await permissionOf(octokit, r, v.user), activeTeams });
  }
  return standing;
}

/** GitHub lists at most 250 commits of a pull request. */
const MAX_LISTED_COMMITS = 250;

/**
 * Authors and committers of the pull request's commits, lower-cased (GitHub's own commits through the
 * web UI are committed by "web-flow", which is not a person), and the commits whose author or
 * committer GitHub links to no account (`author: null` or `committer: null`: an e-mail no account
 * claims), which nobody can be shown not to have pushed. null when GitHub cannot list them all.
 */
async function readPushers(octokit: Octokit, r: Repo, pull: number): Promise<Pushers | null> {
  const commits = await octokit.paginate(octokit.rest.pulls.listCommits, {
    ...r,
    pull_number: pull,
    per_page: 100,
  });
  if (commits.length >= MAX_LISTED_COMMITS) return null;
  const logins = new Set<string>();
  const unattributed: string[] = [];
  for (const c of commits) {
    const [author, committer] = [c.author?.login, c.committer?.login];
    if (!author || !committer) unattributed.push(c.sha);
    for (const login of [author, committer]) {
      if (login && login !== "web-flow") logins.add(login.toLowerCase());
    }
  }
  return { logins, unattributed };
}

/**
 * The package.json of every workspace member at a commit, added to `files`: the manager installs
 * what each asks for from the root's lockfile, whether or not the pull request touched it.
 */
export async function readWorkspaceMembers(octokit: Octokit, r: Repo, sha: string, files: CommitFiles) {
  const commit = new Commit(files);
  if (!workspaceRoots(commit).length) return;
  const res = await octokit.rest.git.getTree({ ...r, tree_sha: sha, recursive: "true" });
  if (res.data.truncated) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `the file tree of ${sha.slice(0, 7)} is larger than GitHub lists in one answer: the workspaces whose dependencies the lockfile installs cannot all be read`,
    );
  }
  const paths = res.data.tree.filter((e) => e.type === "blob" && e.path).map((e) => e.path!);
  const members = missingMembers(commit, paths);
  if (members.length > RUNTIME_LIMITS.maxWorkspaceMembers) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `${members.length} workspace folders would have to be read (at most ${RUNTIME_LIMITS.maxWorkspaceMembers}): what their package.json files ask the lockfile for cannot all be checked`,
    );
  }
  for (const folder of members) {
    const path = `${folder}/package.json`;
    const text = await readFile(octokit, r, path, sha);
    if (text !== null) files.set(path, text);
  }
}

/** package.json and lockfiles of the given folders at a commit. */
export async function dependencyFiles(
  octokit: Octokit,
  r: Repo,
  sha: string,
  dirs: Set<string>,
): Promise<CommitFiles> {
  const out: CommitFiles = new Map();
  for (const dir of dirs) {
    for (const name of DEPENDENCY_FILES) {
      const path = dir ? `${dir}/${name}` : name;
      const text = await readFile(octokit, r, path, sha);
      if (text !== null) out.set(path, text);
    }
  }
  return out;
}

/**
 * Everything the gate needs for one pull request: config, reviews and the approvers' standing, the
 * changed paths, and the dependency files at the base, the head (`head: true`, when the change set is
 * to be analysed) and every other commit an approval was given on. Under an invalid config no file is
 * read (the check fails with the config's problems).
 */
export async function readPullFacts(
  octokit: Octokit,
  repo: Repo,
  pr: PullRef,
  defaultBranch: string,
  opts: { head: boolean },
): Promise<PullFacts> {
  const config = await readConfig(octokit, repo, defaultBranch);
  const reviews = await listReviews(octokit, repo, pr.number);
  const standing = await readStanding(octokit, repo, reviews, config.config.reviewers.teams);
  const facts: PullFacts = {
    pr,
    config,
    changedFiles: [],
    filesAt: new Map(),
    reviews,
    standing,
    basesAtHead: [pr.baseSha],
    pushers: { logins: new Set(), unattributed: [] },
  };
  // Who pushed matters only when someone approves (two-person rule).
  const approvers = [...latestReviews(reviews).values()].filter((v) => v.state === "APPROVED" && !v.isBot);
  if (approvers.length) facts.pushers = await readPushers(octokit, repo, pr.number);
  if (config.problems.length) return facts;
  if (opts.head) {
    const open = await openPullsAt(octokit, repo, pr.headSha);
    facts.basesAtHead = [...new Set([pr.baseSha, ...open.map((p) => p.baseSha)])];
  }
  const approved = [...latestReviews(reviews).values()].filter((v) => v.state === "APPROVED");
  const others = approved.map((v) => v.commitId).filter((sha) => sha !== pr.headSha);
  if (!opts.head && others.length === 0) return facts;
  const files = await listPullFiles(octokit, repo, pr.number);
  facts.changedFiles = files.paths;
  facts.listedFiles = files.listed;
  // Enclosing folders too: a workspace's dependencies are pinned by the lockfile above it.
  const touched = facts.changedFiles.filter(isDependencyFile).map(folderOf);
  const dirs = new Set(touched.flatMap((d) => [d, ...ancestors(d)]));
  const shas = new Set([pr.baseSha, ...(opts.head ? [pr.headSha] : []), ...others]);
  if (dirs.size > RUNTIME_LIMITS.maxDependencyFolders || shas.size > RUNTIME_LIMITS.maxCommitsRead) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `this pull request needs dependency files from ${dirs.size} folders at ${shas.size} commits (at most ${RUNTIME_LIMITS.maxDependencyFolders} folders and ${RUNTIME_LIMITS.maxCommitsRead} commits are read); split the pull request, or dismiss approvals given on older commits`,
    );
  }
  for (const sha of shas) {
    facts.filesAt.set(sha, await dependencyFiles(octokit, repo, sha, dirs));
  }
  if (opts.head) await readWorkspaceMembers(octokit, repo, pr.headSha, facts.filesAt.get(pr.headSha)!);
  return facts;
}

/** The latest `mcp-guard` check run of this app on a commit, with the state it holds. */
export async function findCheck(
  octokit: Octokit,
  r: Repo,
  sha: string,
  appId: number | undefined,
): Promise<ExistingCheck | null> {
  // Only this app's check runs are its state: another app may name a check "mcp-guard" too. Without
  // our app id nothing found can be trusted as ours, so nothing is read (every run analyses afresh).
  if (appId === undefined) return null;
  const res = await octokit.rest.checks.listForRef({
    ...r,
    ref: sha,
    check_name: CHECK_NAME,
    app_id: appId,
    filter: "latest",
  });
  const run = res.data.check_runs.find((c) => c.app?.id === appId);
  if (!run) return null;
  return {
    id: run.id,
    status: run.status,
    conclusion: run.conclusion,
    title: run.output.title,
    summary: run.output.summary,
    startedAt: run.started_at ?? null,
    state: decodeCheckState(run.output.text),
  };
}

/** Open pull requests whose head is `sha` (forks included, which check payloads leave out). */
export async function openPullsAt(octokit: Octokit, r: Repo, sha: string): Promise<PullRef[]> {
  const res = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...r, commit_sha: sha });
  return res.data.filter((p) => p.state === "open" && p.head.sha === sha).map(toPullRef);
}

/** Every open pull request of a repository. */
export async function listOpenPulls(octokit: Octokit, r: Repo): Promise<PullRef[]> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, { ...r, state: "open", per_page: 100 });
  return pulls.map(toPullRef);
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

/** Blob ids of the dependency files (package.json, lockfiles, in any folder) in a commit's tree. */
async function dependencyBlobs(octokit: Octokit, r: Repo, sha: string): Promise<Map<string, string>> {
  const res = await octokit.rest.git.getTree({ ...r, tree_sha: sha, recursive: "true" });
  if (res.data.truncated) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `the file tree of ${sha.slice(0, 7)} is larger than GitHub lists in one answer: a dependency file past the list could not be compared`,
    );
  }
  const out = new Map<string, string>();
  for (const e of res.data.tree) {
    if (!e.path || !isDependencyFile(e.path)) continue;
    // A link or a submodule at a dependency path is compared by its id too, and read (and refused) later.
    out.set(e.path, `${e.type}:${e.mode}:${e.sha}`);
  }
  return out;
}

/**
 * The dependency files that differ between two commits (added, removed or changed), from both full
 * trees: exact at any number of changed files (the compare API lists at most 300).
 */
export async function changedDependencyFiles(
  octokit: Octokit,
  r: Repo,
  base: string,
  head: string,
): Promise<string[]> {
  const [before, after] = [await dependencyBlobs(octokit, r, base), await dependencyBlobs(octokit, r, head)];
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

/** Open pull requests into a branch, oldest first, at most `max` (and whether there were more). */
export async function openPullsInto(
  octokit: Octokit,
  r: Repo,
  branch: string,
  max: number,
): Promise<{ pulls: number[]; more: boolean }> {
  const out: number[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, {
    ...r,
    state: "open",
    base: branch,
    sort: "created",
    direction: "asc",
    per_page: 100,
  })) {
    for (const p of page.data) {
      if (out.length >= max) return { pulls: out, more: true };
      out.push(p.number);
    }
  }
  return { pulls: out, more: false };
}
