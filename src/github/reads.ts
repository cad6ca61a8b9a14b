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
import { CONFIG_PATHS, type ParsedConfig, parseConfigText } from "../gate/config.js";
import { missingMembers, workspaceRoots } from "../gate/install/index.js";
import type { QueueRef } from "../gate/merge-group.js";
import {
  boundFingerprint,
  type ExistingCheck,
  type PullFacts,
  type PullRef,
  type PullReview,
} from "../gate/pull.js";
import { COOLDOWN_FILES, type Cooldown, repositoryCooldown } from "../gate/release-age.js";
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
  base: { sha: string; ref?: string };
}): PullRef {
  return {
    number: p.number,
    author: p.user?.login ?? "",
    headSha: p.head.sha,
    baseSha: p.base.sha,
    baseRef: typeof p.base.ref === "string" ? p.base.ref : "",
  };
}

/**
 * The base branch's tip now and its merge base with the head, from GitHub's compare API (the tip is
 * resolved from the branch name at this moment: a pull request's `base.sha` may be stale). What a
 * merge applies is the head's changes since the merge base.
 */
export async function readMergeBase(
  octokit: Octokit,
  r: Repo,
  pr: Pick<PullRef, "baseRef" | "baseSha" | "headSha">,
): Promise<{ baseTip: string; mergeBase: string }> {
  const res = await octokit.rest.repos.compareCommitsWithBasehead({
    ...r,
    basehead: `${pr.baseRef || pr.baseSha}...${pr.headSha}`,
    per_page: 1,
  });
  const baseTip = res.data.base_commit?.sha;
  const mergeBase = res.data.merge_base_commit?.sha;
  if (typeof baseTip !== "string" || typeof mergeBase !== "string" || !baseTip || !mergeBase) {
    // Uncoded: GitHub may answer on a second try, and the check offers it.
    throw new Error(
      `GitHub did not say where ${pr.baseRef || pr.baseSha.slice(0, 7)} and ${pr.headSha.slice(0, 7)} meet: what a merge would apply is unknown`,
    );
  }
  return { baseTip, mergeBase };
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

/** Where a config was read: the repository's file, pinned to the commit its branch was at. */
export interface ConfigRead {
  parsed: ParsedConfig;
  source?: { file: string; commit: string };
  /**
   * Whether the repository's default branch's classic protection requires the mcp-guard check
   * (false: GitHub says it is unprotected, or lists required checks without it); null when it does
   * not say (rulesets are not read: a ruleset may require it).
   */
  requiredOnDefault?: boolean | null;
  /** The repository's default-branch commit the config was looked for at (its own files are read there). */
  tip?: string;
}

/**
 * The config from the default branch only (a PR cannot weaken its own gate), read at the commit the
 * branch is at now (the check names it). `.github/mcp-guard.yml` or its `.yaml` twin: both at once is
 * refused, never one silently ignored. The organisation's `.github` repository is a fallback only
 * when the operator enabled it (`orgConfig`): otherwise anyone allowed to create that repository
 * would write every repository's rules.
 */
export async function readConfigSource(
  octokit: Octokit,
  r: Repo,
  defaultBranch: string,
  opts: { orgConfig?: boolean } = {},
): Promise<ConfigRead> {
  const here = await configAt(octokit, r, defaultBranch);
  if (here?.source) return here;
  const requiredOnDefault = here?.requiredOnDefault ?? null;
  const tip = here?.tip ? { tip: here.tip } : {};
  if (opts.orgConfig) {
    const org = { owner: r.owner, repo: ".github" };
    const branch = await defaultBranchOf(octokit, org);
    const there = branch === null ? null : await configAt(octokit, org, branch);
    if (there?.source) return { ...there, requiredOnDefault, ...tip };
  }
  return { parsed: parseConfigText(null), requiredOnDefault, ...tip };
}

/** The config without where it came from (the CLI and the merge queue's reads). */
export async function readConfig(
  octokit: Octokit,
  r: Repo,
  defaultBranch: string,
  opts: { orgConfig?: boolean } = {},
): Promise<ParsedConfig> {
  return (await readConfigSource(octokit, r, defaultBranch, opts)).parsed;
}

async function configAt(octokit: Octokit, r: Repo, branch: string): Promise<ConfigRead | null> {
  const tip = await branchOf(octokit, r, branch);
  if (tip === null) return null;
  const commit = tip.sha;
  const found: [string, string][] = [];
  for (const path of CONFIG_PATHS) {
    const text = await readFile(octokit, r, path, commit);
    if (text !== null) found.push([path, text]);
  }
  const where = `${r.owner}/${r.repo}`;
  if (found.length > 1) {
    return {
      parsed: {
        config: parseConfigText(null).config,
        problems: [
          `${where}: both ${CONFIG_PATHS.join(" and ")} exist on ${branch}; keep one (mcp-guard will not guess which one holds your rules)`,
        ],
      },
      source: { file: `${where}:${CONFIG_PATHS[0]}`, commit },
      requiredOnDefault: tip.required,
      tip: commit,
    };
  }
  const [hit] = found;
  if (!hit) return { parsed: parseConfigText(null), requiredOnDefault: tip.required, tip: commit };
  const file = `${where}:${hit[0]}`;
  return {
    parsed: parseConfigText(hit[1], file),
    source: { file, commit },
    requiredOnDefault: tip.required,
    tip: commit,
  };
}

/**
 * A branch's commit and whether its classic protection requires the mcp-guard check (null: it does
 * not say, as when protection is off or hidden from the app).
 */
async function branchOf(
  octokit: Octokit,
  r: Repo,
  branch: string,
): Promise<{ sha: string; required: boolean | null } | null> {
  let data: { commit: { sha: string }; protected?: boolean; protection?: unknown };
  try {
    data = (await octokit.rest.repos.getBranch({ ...r, branch })).data;
  } catch (e) {
    if (status(e) === 404) return null;
    throw e;
  }
  const checks = (data.protection as { required_status_checks?: { contexts?: unknown; checks?: unknown } })
    ?.required_status_checks;
  const contexts = [
    ...(Array.isArray(checks?.contexts) ? checks.contexts : []),
    ...(Array.isArray(checks?.checks) ? checks.checks.map((c: { context?: unknown }) => c?.context) : []),
  ];
  const required = contexts.includes(CHECK_NAME) ? true : checks || data.protected === false ? false : null;
  return { sha: data.commit.sha, required };
}

async function defaultBranchOf(octokit: Octokit, r: Repo): Promise<string | null> {
  try {
    return (await octokit.rest.repos.get({ ...r })).data.default_branch;
  } catch (e) {
    if (status(e) === 404) return null;
    throw e;
  }
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
 * Everything the gate needs for one pull request: config, reviews, the approvers' standing and the
 * change sets their approvals were given for, where the base branch is now and its merge base with
 * the head, and (`head: true`, when the change set is to be analysed) the changed paths and the
 * dependency files at the merge base, the base tip and the head. Under an invalid config no file is
 * read (the check fails with the config's problems).
 */
export async function readPullFacts(
  octokit: Octokit,
  repo: Repo,
  pr: PullRef,
  defaultBranch: string,
  opts: { head: boolean; appId?: number; orgConfig?: boolean; now?: () => number },
): Promise<PullFacts> {
  const {
    parsed: config,
    source,
    requiredOnDefault,
    tip,
  } = await readConfigSource(octokit, repo, defaultBranch, opts);
  // The repository's own files, at this repository's default-branch commit (not the org's).
  const cooldown = config.problems.length
    ? null
    : (config.config.minReleaseAge ?? (tip ? await readCooldown(octokit, repo, tip) : null));
  const reviews = await listReviews(octokit, repo, pr.number);
  const standing = await readStanding(octokit, repo, reviews, config.config.reviewers.teams);
  // The base as it is now, not as the event said: a result belongs to (base tip, merge base, head).
  const { baseTip, mergeBase } = await readMergeBase(octokit, repo, pr);
  const facts: PullFacts = {
    pr: { ...pr, baseSha: baseTip },
    config,
    ...(source ? { configSource: source } : {}),
    // Said only of pull requests into the default branch (the branch whose protection was read).
    ...(requiredOnDefault === false && (pr.baseRef || defaultBranch) === defaultBranch
      ? { notRequired: defaultBranch }
      : {}),
    mergeBaseSha: mergeBase,
    changedFiles: [],
    filesAt: new Map(),
    reviews,
    standing,
    basesAtHead: [baseTip],
    pushers: { logins: new Set(), unattributed: [] },
    approvedSets: await readApprovedSets(octokit, repo, reviews, opts.appId),
    cooldown,
    now: (opts.now ?? Date.now)(),
  };
  // Who pushed matters only when someone approves (two-person rule).
  const approvers = [...latestReviews(reviews).values()].filter((v) => v.state === "APPROVED" && !v.isBot);
  if (approvers.length) facts.pushers = await readPushers(octokit, repo, pr.number);
  if (config.problems.length || !opts.head) return facts;
  const open = await openPullsAt(octokit, repo, pr.headSha);
  // Another base: another branch name, or (where a name is missing) another base commit.
  const elsewhere = open.filter((p) =>
    p.baseRef && pr.baseRef ? p.baseRef !== pr.baseRef : p.baseSha !== pr.baseSha,
  );
  facts.basesAtHead = [...new Set([pr.baseRef || baseTip, ...elsewhere.map((p) => p.baseRef || p.baseSha)])];
  const files = await listPullFiles(octokit, repo, pr.number);
  facts.changedFiles = files.paths;
  facts.listedFiles = files.listed;
  // Enclosing folders too: a workspace's dependencies are pinned by the lockfile above it.
  const touched = facts.changedFiles.filter(isDependencyFile).map(folderOf);
  const dirs = new Set(touched.flatMap((d) => [d, ...ancestors(d)]));
  const shas = new Set([mergeBase, baseTip, pr.headSha]);
  if (dirs.size > RUNTIME_LIMITS.maxDependencyFolders) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `this pull request needs dependency files from ${dirs.size} folders (at most ${RUNTIME_LIMITS.maxDependencyFolders} are read); split the pull request`,
    );
  }
  for (const sha of shas) {
    facts.filesAt.set(sha, await dependencyFiles(octokit, repo, sha, dirs));
  }
  await readWorkspaceMembers(octokit, repo, pr.headSha, facts.filesAt.get(pr.headSha)!);
  return facts;
}

/**
 * The repository's own release-age setting (pnpm, npm, yarn, bun, Dependabot), from the root of its
 * default branch at the commit the config was looked for at.
 */
async function readCooldown(octokit: Octokit, r: Repo, at: string): Promise<Cooldown | null> {
  const files: CommitFiles = new Map();
  for (const path of COOLDOWN_FILES) {
    const text = await readFile(octokit, r, path, at);
    if (text !== null) files.set(path, text);
  }
  return repositoryCooldown(files);
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
  return run ? toExistingCheck(run) : null;
}

function toExistingCheck(run: {
  id: number;
  status: string;
  conclusion: string | null;
  started_at?: string | null;
  completed_at?: string | null;
  output: { title: string | null; summary: string | null; text?: string | null };
}): ExistingCheck {
  return {
    id: run.id,
    status: run.status,
    conclusion: run.conclusion,
    title: run.output.title,
    summary: run.output.summary,
    startedAt: run.started_at ?? null,
    completedAt: run.completed_at ?? null,
    state: decodeCheckState(run.output.text),
  };
}

/** Check runs read at most, per commit, to tell which change set an approval was given for. */
export const MAX_CHECK_HISTORY = 500;

/**
 * Every `mcp-guard` check run of this app on a commit (each retarget, base move and re-run adds one);
 * null when there are more than MAX_CHECK_HISTORY or the app id is unknown (nothing can be trusted).
 */
export async function checkHistory(
  octokit: Octokit,
  r: Repo,
  sha: string,
  appId: number | undefined,
): Promise<ExistingCheck[] | null> {
  if (appId === undefined) return null;
  const out: ExistingCheck[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.checks.listForRef, {
    ...r,
    ref: sha,
    check_name: CHECK_NAME,
    app_id: appId,
    filter: "all",
    per_page: 100,
  })) {
    for (const run of page.data) {
      if (run.app?.id !== appId) continue;
      if (out.length >= MAX_CHECK_HISTORY) return null;
      out.push(toExistingCheck(run));
    }
  }
  return out;
}

/**
 * For each latest approval (bots aside): the change set this app showed on the reviewed commit when
 * it was given (gate/pull.ts `boundFingerprint`). Each commit's runs are read once.
 */
async function readApprovedSets(
  octokit: Octokit,
  r: Repo,
  reviews: PullReview[],
  appId: number | undefined,
): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>();
  const runsAt = new Map<string, ExistingCheck[] | null>();
  for (const v of latestReviews(reviews).values()) {
    if (v.state !== "APPROVED" || v.isBot || v.id === undefined) continue;
    if (!runsAt.has(v.commitId))
      runsAt.set(v.commitId, v.commitId ? await checkHistory(octokit, r, v.commitId, appId) : null);
    const runs = runsAt.get(v.commitId);
    out.set(v.id, runs ? boundFingerprint(runs, v.submittedAt) : null);
  }
  return out;
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

/**
 * Pull requests merged since `since` (ms), newest updates first: GitHub lists closed pull requests by
 * update time, so the walk stops at the first page entry updated before `since`.
 */
export async function listMergedPulls(
  octokit: Octokit,
  r: Repo,
  since: number,
): Promise<(PullRef & { mergedAt: string })[]> {
  const out: (PullRef & { mergedAt: string })[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, {
    ...r,
    state: "closed",
    sort: "updated",
    direction: "desc",
    per_page: 100,
  })) {
    for (const p of page.data) {
      if (Date.parse(p.updated_at) < since) return out;
      if (p.merged_at && Date.parse(p.merged_at) >= since)
        out.push({ ...toPullRef(p), mergedAt: p.merged_at });
    }
  }
  return out;
}

/** This app's open issue holding `marker` (found among the first 100 open issues it opened), or null. */
export async function findOurIssue(
  octokit: Octokit,
  r: Repo,
  marker: string,
): Promise<{ number: number; body: string } | null> {
  const { data } = await octokit.rest.issues.listForRepo({ ...r, state: "open", per_page: 100 });
  const ours = data.find((i) => !i.pull_request && i.user?.type === "Bot" && (i.body ?? "").includes(marker));
  return ours ? { number: ours.number, body: ours.body ?? "" } : null;
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

/** Open pull requests into a branch, at most `max` (and whether there were more). */
export async function openPullsInto(
  octokit: Octokit,
  r: Repo,
  branch: string,
  max: number,
): Promise<{ pulls: PullRef[]; more: boolean }> {
  const out: PullRef[] = [];
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
      out.push(toPullRef(p));
    }
  }
  return { pulls: out, more: false };
}

/** The merge queue's branches into `baseBranch` and the commits they point at. */
export async function queueRefs(octokit: Octokit, r: Repo, baseBranch: string): Promise<QueueRef[]> {
  const res = await octokit.rest.git.listMatchingRefs({
    ...r,
    ref: `heads/gh-readonly-queue/${baseBranch}/`,
  });
  return res.data.map((x) => ({ ref: x.ref, sha: x.object.sha }));
}
