/**
 * An in-memory, stateful GitHub for tests that run the real app in-process. One org (`acme`) with its
 * repositories, commits, branches, pull requests, reviews, permissions, teams and check runs is served
 * to every request for https://api.github.com through nock, by ONE dispatcher over that state. Tests act
 * as people do (push, open, review, retarget, change a permission) and deliver the webhooks GitHub would
 * send; the app reads and writes the same state, so an assertion sees what a run leaves on GitHub rather
 * than which mocks it consumed. A route the world does not know answers 404 and lands in `unknown`.
 */
import { createHash } from "node:crypto";
import nock from "nock";
import type { Probot } from "probot";

/** GitHub's API origin (as test/helpers/probot.ts `GH`; not imported so this file loads no app code). */
const GH = "https://api.github.com";
/** This app as GitHub names it on its check runs and reviews (the test Probot's app id). */
export const WORLD_APP = { id: 123, slug: "mcp-guard" } as const;
export const APP_LOGIN = "mcp-guard[bot]";
export const INSTALLATION_ID = 2;
export const ORG = "acme";
export const SERVICE = "acme/service";
export const ORG_CONFIG_REPO = "acme/.github";

export type Permission = "admin" | "write" | "read" | "none";
/** path → new text, or null to delete the file. */
export type Changes = Record<string, string | null>;
/** A webhook as `probot.receive` takes it (minus the delivery id, which `deliver` makes up). */
// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are GitHub's JSON, read field by field
export type Webhook = { name: string; payload: Record<string, any> };
/** Who makes a commit or a push: null is an e-mail GitHub links to no account. */
export interface Who {
  author?: string | null;
  committer?: string | null;
  /** The account that pushes (the webhook's sender); default the author, else "octocat". */
  by?: string;
  message?: string;
}

export interface WorldCommit {
  sha: string;
  repo: string;
  parents: string[];
  files: ReadonlyMap<string, string>;
  author: string | null;
  committer: string | null;
  message: string;
  date: string;
  /** Creation order: GitHub lists a pull request's commits oldest first. */
  seq: number;
}

export interface WorldRepo {
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  branches: Map<string, string>;
  /** Branch protection by branch; a branch not listed has `defaultProtection`. */
  protection: Map<string, { enabled: boolean; contexts: string[] }>;
  /** Rulesets by branch (`rules/branches/:branch`); none by default. */
  rules: Map<string, object[]>;
  /** Listed by `installation/repositories` (the app is installed on it). */
  installed: boolean;
  permissions: Map<string, Permission>;
}

export interface WorldPull {
  repo: string;
  number: number;
  title: string;
  author: string;
  headRef: string;
  /** The head branch's tip while open; frozen when closed. */
  headSha: string;
  baseRef: string;
  state: "open" | "closed";
  draft: boolean;
  created_at: string;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
export interface WorldReview {
  id: number;
  repo: string;
  pull: number;
  user: string;
  type: "User" | "Bot";
  state: ReviewState;
  commit_id: string;
  submitted_at: string;
  body: string;
  html_url: string;
}

export interface WorldCheckRun {
  id: number;
  repo: string;
  app: { id: number; slug: string };
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  details_url: string | null;
  external_id: string | null;
  actions: object[];
}

/** Everything the world holds, for tests to read (and, sparingly, to set up what no action covers). */
export interface WorldState {
  repos: Map<string, WorldRepo>;
  commits: Map<string, WorldCommit>;
  pulls: WorldPull[];
  /** Reviews of people and of the app, in submission order. */
  reviews: WorldReview[];
  checks: WorldCheckRun[];
  /** "acme/security" → its active members. */
  teams: Map<string, Set<string>>;
  /** Issue comments the app posted. */
  comments: { id: number; repo: string; issue: number; body: string; created_at: string }[];
  /** Reviewer requests GitHub accepted from the app. */
  requested: { repo: string; pull: number; reviewers: string[]; team_reviewers: string[] }[];
}

export interface WorldOptions {
  /** Files of acme/service's first commit on `main`. */
  files?: Record<string, string>;
  /** acme/.github (the org-wide config) with these files on `main`; absent: the org has no such repo. */
  orgFiles?: Record<string, string>;
  /** The clock's start (default 2026-12-01T00:00:00Z). */
  start?: string;
}

interface Req {
  method: string;
  /** Encoded path, as sent (for links). */
  rawPath: string;
  query: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: a request body is the app's JSON
  body: Record<string, any>;
  headers: Record<string, string>;
}
type Params = Record<string, string>;
type Res = readonly [number, nock.ReplyBody?, Record<string, string>?];
type Handler = (req: Req, p: Params) => Res;

/** An answer other than 2xx, thrown from anywhere in a handler. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: object = { message: "Not Found" },
  ) {
    super(`HTTP ${status}`);
  }
}

const notFound = (): never => {
  throw new HttpError(404);
};
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
/** A file's blob id as git computes it. */
export const blobSha = (text: string) => sha1(`blob ${Buffer.byteLength(text)}\0${text}`);
const isBot = (login: string) => login.endsWith("[bot]");
const account = (login: string) => ({ login, type: isBot(login) ? "Bot" : "User" });
const ZERO = "0".repeat(40);
/** The folders a path is in: "a/b/c" → "a", "a/b". */
const foldersOf = (path: string) => {
  const parts = path.split("/");
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("/"));
};

/**
 * The world. Every mutating call advances the clock one second first and stamps with the new `now`,
 * so every timestamp is distinct and ordered; app writes (any non-GET but a token) do the same.
 */
export class GitHubWorld {
  readonly state: WorldState = {
    repos: new Map(),
    commits: new Map(),
    pulls: [],
    reviews: [],
    checks: [],
    teams: new Map(),
    comments: [],
    requested: [],
  };
  /** Every request the world answered (paths decoded). */
  readonly log: { method: string; path: string; query: Record<string, string> }[] = [];
  /**
   * "METHOD path" of requests no route knows (answered 404), and of any a route failed on (500):
   * tests assert it stays empty.
   */
  readonly unknown: string[] = [];
  /** Webhooks GitHub sends in answer to the app's own writes (check_run, pull_request_review). */
  readonly outbox: Webhook[] = [];
  /** Protection of a branch no `protect()` call named. */
  defaultProtection = { enabled: true, contexts: ["mcp-guard"] };
  private clock: number;
  /** The first commits are dated at the start: the clock starts when the test does. */
  private settingUp = true;
  private seq = 0;
  private ids = { check: 0, review: 1000, comment: 5000, delivery: 0 };
  private faults: { method: string; path: RegExp | string; times: number; res: Res }[] = [];
  private readonly routes: { method: string; pattern: string[]; handler: Handler }[] = [];

  constructor(options: WorldOptions = {}) {
    this.clock = Date.parse(options.start ?? "2026-12-01T00:00:00Z");
    this.addRepo(SERVICE, options.files ?? {}, true);
    if (options.orgFiles) this.addRepo(ORG_CONFIG_REPO, options.orgFiles, false);
    this.settingUp = false;
    this.appRoutes();
    this.contentRoutes();
    this.pullRoutes();
    this.checkRoutes();
  }

  // ---- Clock --------------------------------------------------------------------------------------

  /** The world's time, ISO to the second. */
  get now(): string {
    return new Date(this.clock).toISOString().replace(".000Z", "Z");
  }

  /** Advances the clock (time passing between events) and returns the new `now`. */
  tick(seconds = 1): string {
    if (!this.settingUp) this.clock += seconds * 1000;
    return this.now;
  }

  // ---- Repositories, commits, branches ------------------------------------------------------------

  /** A repository with one commit on `main` holding `files`. */
  addRepo(fullName: string, files: Record<string, string>, installed: boolean): WorldRepo {
    const [owner, name] = fullName.split("/") as [string, string];
    const repo: WorldRepo = {
      owner,
      name,
      fullName,
      defaultBranch: "main",
      branches: new Map(),
      protection: new Map(),
      rules: new Map(),
      installed,
      permissions: new Map(),
    };
    this.state.repos.set(fullName, repo);
    repo.branches.set("main", this.commit(fullName, [], files, { author: "octocat", message: "initial" }));
    return repo;
  }

  repo(fullName = SERVICE): WorldRepo {
    const r = this.state.repos.get(fullName);
    if (!r) throw new Error(`world: no repository ${fullName}`);
    return r;
  }

  /** A commit on `parents` (its files: the first parent's with `changes` applied); returns its sha. */
  commit(repo: string, parents: string[], changes: Changes, who: Who = {}): string {
    const files = new Map(parents[0] ? this.commitOf(parents[0]).files : []);
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) files.delete(path);
      else files.set(path, text);
    }
    const seq = ++this.seq;
    const date = this.tick();
    const sha = sha1(`commit ${seq}\n${repo}\n${parents.join(" ")}\n${JSON.stringify([...files])}`);
    const author = who.author === undefined ? "octocat" : who.author;
    const committer = who.committer === undefined ? author : who.committer;
    const message = who.message ?? "change";
    this.state.commits.set(sha, { sha, repo, parents, files, author, committer, message, date, seq });
    return sha;
  }

  commitOf(sha: string): WorldCommit {
    const c = this.state.commits.get(sha);
    if (!c) throw new Error(`world: no commit ${sha}`);
    return c;
  }

  /** A branch name, `refs/heads/x`, a sha or a unique sha prefix (7+) in `repo` → the commit's sha. */
  resolve(repo: string, ref: string): string | null {
    const r = this.repo(repo);
    const branch = ref.replace(/^(refs\/)?heads\//, "");
    if (r.branches.has(branch)) return r.branches.get(branch)!;
    if (!/^[0-9a-f]{7,40}$/.test(ref)) return null;
    const hits = [...this.state.commits.values()].filter((c) => c.repo === repo && c.sha.startsWith(ref));
    return hits.length === 1 ? hits[0]!.sha : null;
  }

  /**
   * A push of one commit with `changes` on top of `branch` (created from `from`, default the default
   * branch, when missing). Events: the `push`, then `pull_request.synchronize` for every open pull
   * request whose head is that branch, as GitHub sends them.
   */
  push(repo: string, branch: string, changes: Changes, who: Who & { from?: string } = {}) {
    const r = this.repo(repo);
    const before = r.branches.get(branch);
    const parent = before ?? this.resolve(repo, who.from ?? r.defaultBranch);
    if (!parent) throw new Error(`world: cannot branch ${branch} from ${who.from}`);
    const sha = this.commit(repo, [parent], changes, who);
    return { sha, events: this.moveBranch(repo, branch, sha, who.by ?? who.author ?? "octocat", false) };
  }

  /** A force push: `branch` now points at `sha` (any commit of the repo); same events as `push`. */
  forcePush(repo: string, branch: string, sha: string, by = "octocat"): Webhook[] {
    this.tick();
    return this.moveBranch(repo, branch, this.commitOf(sha).sha, by, true);
  }

  private moveBranch(repo: string, branch: string, after: string, by: string, forced: boolean): Webhook[] {
    const r = this.repo(repo);
    const before = r.branches.get(branch);
    r.branches.set(branch, after);
    const fresh = this.reachable(after, before);
    const commits = fresh.map((c) => {
      const parent = c.parents[0] ? this.commitOf(c.parents[0]).files : new Map<string, string>();
      const d = this.diff(parent, c.files);
      const pick = (s: string) => d.filter((f) => f.status === s).map((f) => f.filename);
      return {
        id: c.sha,
        message: c.message,
        timestamp: c.date,
        author: { name: c.author ?? "Someone", username: c.author ?? undefined },
        added: pick("added"),
        modified: pick("modified"),
        removed: pick("removed"),
      };
    });
    const events: Webhook[] = [
      this.hook("push", undefined, by, repo, {
        ref: `refs/heads/${branch}`,
        before: before ?? ZERO,
        after,
        created: before === undefined,
        deleted: false,
        forced,
        commits,
        head_commit: commits.at(-1) ?? null,
        pusher: { name: by },
      }),
    ];
    for (const p of this.state.pulls.filter((p) => p.repo === repo && p.state === "open")) {
      if (p.headRef !== branch) continue;
      const old = p.headSha;
      p.headSha = after;
      events.push(this.pullHook("synchronize", p, by, { before: old, after }));
    }
    return events;
  }

  /** Commits reachable from `head` and not from `base` (null: none excluded), oldest first. */
  reachable(head: string, base?: string | null): WorldCommit[] {
    const exclude = base ? this.ancestors(base) : new Set<string>();
    return [...this.ancestors(head)]
      .filter((s) => !exclude.has(s))
      .map((s) => this.commitOf(s))
      .sort((a, b) => a.seq - b.seq);
  }

  /** `sha` and every commit it descends from. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length) {
      const s = queue.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...this.commitOf(s).parents);
    }
    return seen;
  }

  /** The best common ancestor of two commits (one no other common ancestor descends from), or null. */
  mergeBase(a: string, b: string): string | null {
    const ofA = this.ancestors(a);
    const common = [...this.ancestors(b)].filter((s) => ofA.has(s));
    const best = common.filter((c) => !common.some((o) => o !== c && this.ancestors(o).has(c)));
    return best.map((s) => this.commitOf(s)).sort((x, y) => y.seq - x.seq)[0]?.sha ?? null;
  }

  /**
   * What merging `head` into `baseTip` yields, file by file against their merge base M: head's file
   * unchanged from M → base's; base's unchanged → head's; both the same → that; else a conflict (null).
   * The oracle of "what a merge would apply". Null too when the histories share no commit.
   */
  merge(baseTip: string, head: string): Map<string, string> | null {
    const m = this.mergeBase(baseTip, head);
    if (!m) return null;
    const [M, B, H] = [m, baseTip, head].map((s) => this.commitOf(s).files);
    const out = new Map<string, string>();
    for (const path of new Set([...M!.keys(), ...B!.keys(), ...H!.keys()])) {
      const [mt, bt, ht] = [M!.get(path), B!.get(path), H!.get(path)];
      const pick = ht === mt ? bt : bt === mt || bt === ht ? ht : null;
      if (pick === null) return null;
      if (pick !== undefined) out.set(path, pick);
    }
    return out;
  }

  /** Paths that differ from `from` to `to`, sorted, with GitHub's status. */
  diff(from: ReadonlyMap<string, string>, to: ReadonlyMap<string, string>) {
    const out: { filename: string; status: "added" | "modified" | "removed" }[] = [];
    for (const path of [...new Set([...from.keys(), ...to.keys()])].sort()) {
      const [a, b] = [from.get(path), to.get(path)];
      if (a === b) continue;
      out.push({
        filename: path,
        status: a === undefined ? "added" : b === undefined ? "removed" : "modified",
      });
    }
    return out;
  }

  /** The files a pull request (or a compare) shows: merge-base(base, head) → head. */
  changedFiles(base: string, head: string) {
    const m = this.mergeBase(base, head);
    return this.diff(m ? this.commitOf(m).files : new Map(), this.commitOf(head).files);
  }

  /** Protection of a branch: GitHub's `protected` and its required status checks. */
  protect(branch: string, p: { enabled?: boolean; contexts?: string[] }, repo = SERVICE) {
    const now = this.repo(repo).protection.get(branch) ?? this.defaultProtection;
    this.repo(repo).protection.set(branch, { ...now, ...p });
  }

  /** The rules `rules/branches/:branch` lists for a branch. */
  setRules(branch: string, rules: object[], repo = SERVICE) {
    this.repo(repo).rules.set(branch, rules);
  }

  // ---- Pull requests and reviews ------------------------------------------------------------------

  pull(n: number, repo = SERVICE): WorldPull {
    const p = this.state.pulls.find((p) => p.repo === repo && p.number === n);
    if (!p) throw new Error(`world: no pull request #${n} in ${repo}`);
    return p;
  }

  /**
   * Opens a pull request from `head` into `base` (default the default branch). With `changes`, first
   * pushes them to `head` (branched from base) as `commitAuthor` (default the author): the events
   * are that push, then `pull_request.opened`.
   */
  openPull(o: {
    author: string;
    head: string;
    base?: string;
    changes?: Changes;
    commitAuthor?: string | null;
    number?: number;
    title?: string;
    draft?: boolean;
    repo?: string;
  }) {
    const repo = o.repo ?? SERVICE;
    const r = this.repo(repo);
    const base = o.base ?? r.defaultBranch;
    if (!r.branches.has(base)) throw new Error(`world: no branch ${base}`);
    const events = o.changes
      ? this.push(repo, o.head, o.changes, {
          author: o.commitAuthor === undefined ? o.author : o.commitAuthor,
          by: o.author,
          from: base,
        }).events
      : [];
    const headSha = r.branches.get(o.head);
    if (!headSha) throw new Error(`world: no branch ${o.head} (pass changes to create it)`);
    const number =
      o.number ?? Math.max(0, ...this.state.pulls.filter((p) => p.repo === repo).map((p) => p.number)) + 1;
    const pull: WorldPull = {
      repo,
      number,
      title: o.title ?? `Change ${o.head}`,
      author: o.author,
      headRef: o.head,
      headSha,
      baseRef: base,
      state: "open",
      draft: o.draft ?? false,
      created_at: this.tick(),
    };
    this.state.pulls.push(pull);
    events.push(this.pullHook("opened", pull, o.author));
    return { number, sha: headSha, events };
  }

  /** A push of `changes` to pull request `n`'s head branch (by default as its author): `push` + `synchronize`. */
  pushHead(n: number, changes: Changes, who: Who = {}, repo = SERVICE) {
    const p = this.pull(n, repo);
    return this.push(repo, p.headRef, changes, { author: p.author, ...who });
  }

  /** Changes the base branch: `pull_request.edited` with `changes.base`. */
  retarget(n: number, base: string, by?: string, repo = SERVICE): Webhook[] {
    const p = this.pull(n, repo);
    const to = this.repo(repo).branches.get(base);
    if (!to) throw new Error(`world: no branch ${base}`);
    const from = { ref: p.baseRef, sha: this.repo(repo).branches.get(p.baseRef) ?? ZERO };
    p.baseRef = base;
    this.tick();
    const changes = { base: { ref: { from: from.ref }, sha: { from: from.sha } } };
    return [this.pullHook("edited", p, by ?? p.author, { changes })];
  }

  close(n: number, by?: string, repo = SERVICE): Webhook[] {
    const p = this.pull(n, repo);
    p.state = "closed";
    this.tick();
    return [this.pullHook("closed", p, by ?? p.author)];
  }

  /** Reopens: the head follows its branch again. */
  reopen(n: number, by?: string, repo = SERVICE): Webhook[] {
    const p = this.pull(n, repo);
    p.state = "open";
    p.headSha = this.repo(repo).branches.get(p.headRef) ?? p.headSha;
    this.tick();
    return [this.pullHook("reopened", p, by ?? p.author)];
  }

  /** A review by `user` on the pull request's head now: `pull_request_review.submitted`. */
  review(
    n: number,
    user: string,
    state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED",
    o: { bot?: boolean; body?: string; repo?: string } = {},
  ) {
    const p = this.pull(n, o.repo ?? SERVICE);
    const r = this.addReview(p, user, o.bot || isBot(user) ? "Bot" : "User", state, o.body ?? "", p.headSha);
    return { id: r.id, events: [this.reviewHook("submitted", r, user)] };
  }

  /** Dismisses a review (by a maintainer): `pull_request_review.dismissed`. */
  dismiss(n: number, reviewId: number, by = "octocat", repo = SERVICE): Webhook[] {
    const r = this.state.reviews.find((r) => r.repo === repo && r.pull === n && r.id === reviewId);
    if (!r) throw new Error(`world: no review ${reviewId} on #${n}`);
    r.state = "DISMISSED";
    this.tick();
    return [this.reviewHook("dismissed", r, by)];
  }

  private addReview(
    p: WorldPull,
    user: string,
    type: "User" | "Bot",
    state: ReviewState,
    body: string,
    sha: string,
  ) {
    const id = ++this.ids.review;
    const review: WorldReview = {
      id,
      repo: p.repo,
      pull: p.number,
      user,
      type,
      state,
      commit_id: sha,
      submitted_at: this.tick(),
      body,
      html_url: `https://github.com/${p.repo}/pull/${p.number}#pullrequestreview-${id}`,
    };
    this.state.reviews.push(review);
    return review;
  }

  // ---- People -------------------------------------------------------------------------------------

  /** A collaborator's permission: `member` added / edited / removed (none when unchanged). */
  setPermission(user: string, permission: Permission, repo = SERVICE): Webhook[] {
    const perms = this.repo(repo).permissions;
    const old = perms.get(user) ?? "none";
    this.tick();
    if (old === permission) return [];
    perms.set(user, permission);
    const action = old === "none" ? "added" : permission === "none" ? "removed" : "edited";
    const changes =
      action === "edited"
        ? { old_permission: { from: old }, permission: { from: old, to: permission } }
        : undefined;
    return [this.hook("member", action, "octocat", repo, { member: account(user), changes })];
  }

  permissionOf(user: string, repo = SERVICE): Permission {
    return this.repo(repo).permissions.get(user) ?? "none";
  }

  /** Team membership ("acme/security"): `membership` added / removed (none when unchanged). */
  setTeam(team: string, user: string, active: boolean): Webhook[] {
    const [org, slug] = team.split("/") as [string, string];
    const members = this.state.teams.get(team) ?? new Set<string>();
    this.state.teams.set(team, members);
    this.tick();
    if (members.has(user) === active) return [];
    if (active) members.add(user);
    else members.delete(user);
    const payload = {
      action: active ? "added" : "removed",
      scope: "team",
      member: account(user),
      team: { slug, name: slug },
      organization: { login: org },
      installation: { id: INSTALLATION_ID },
      sender: account("octocat"),
    };
    return [{ name: "membership", payload }];
  }

  // ---- Check runs ---------------------------------------------------------------------------------

  /** A check run of another app (default id 999, completed successfully) on `head_sha`. */
  addCheck(run: Partial<WorldCheckRun> & { head_sha: string; name: string }): WorldCheckRun {
    const at = this.tick();
    const full: WorldCheckRun = {
      id: ++this.ids.check,
      repo: SERVICE,
      app: { id: 999, slug: "other-ci" },
      status: "completed",
      conclusion: "success",
      started_at: at,
      completed_at: at,
      output: { title: null, summary: null, text: null },
      details_url: null,
      external_id: null,
      actions: [],
      ...run,
    };
    this.state.checks.push(full);
    return full;
  }

  /** Every check run on a commit, newest first. */
  checksOn(sha: string): WorldCheckRun[] {
    return this.state.checks.filter((c) => c.head_sha === sha).sort((a, b) => b.id - a.id);
  }

  /** The newest run of this app named `name` on a commit. */
  latestCheck(sha: string, name = "mcp-guard"): WorldCheckRun | undefined {
    return this.checksOn(sha).find((c) => c.app.id === WORLD_APP.id && c.name === name);
  }

  // ---- Serving ------------------------------------------------------------------------------------

  /**
   * Answers the next `times` requests matching (path decoded, no query: a string is exact) with
   * `status` and `body`, before any route: a fault GitHub may give (a 502, a secondary rate limit), or
   * any answer the state cannot express. The way to do so: while installed, the world's routes come
   * before any nock mock a test adds.
   */
  fail(
    method: string,
    path: RegExp | string,
    status: number,
    o: { times?: number; body?: object; headers?: Record<string, string> } = {},
  ) {
    const res: Res = [status, o.body ?? { message: `world fault ${status}` }, o.headers ?? {}];
    this.faults.push({ method: method.toUpperCase(), path, times: o.times ?? 1, res });
  }

  /**
   * Routes every request for api.github.com to the world, and turns nock on. The interceptors are
   * persistent and optional, so test/setup.ts's pendingMocks() check passes whichever are used; the
   * returned teardown removes exactly them (other mocks a test set stay, and stay checked).
   */
  install(): () => void {
    if (!nock.isActive()) nock.activate();
    const dispatch = (method: string, uri: string, body: nock.Body, headers: Record<string, string>) =>
      this.dispatch(method, uri, body, headers);
    const scope = nock(GH).persist();
    const interceptors = ["GET", "POST", "PATCH", "PUT", "DELETE"].map((method) => {
      const i = scope.intercept(/.*/, method).optionally();
      i.reply(function (uri, body) {
        return dispatch(method, uri, body, this.req.headers) as nock.ReplyFnResult;
      });
      return i;
    });
    return () => {
      for (const i of interceptors) nock.removeInterceptor(i);
    };
  }

  /** Delivers webhooks to the app one after another, each with a fresh delivery id. */
  async deliver(probot: Probot, events: Webhook[]): Promise<void> {
    for (const e of events) {
      await probot.receive({ id: `world-${++this.ids.delivery}`, name: e.name, payload: e.payload } as never);
    }
  }

  private dispatch(method: string, uri: string, raw: nock.Body, headers: Record<string, string>): Res {
    const url = new URL(uri, GH);
    const segs = url.pathname.split("/").slice(1).map(decodeURIComponent);
    const path = `/${segs.join("/")}`;
    const query = Object.fromEntries(url.searchParams);
    this.log.push({ method, path, query });
    const fault = this.faults.find(
      (f) =>
        f.method === method &&
        f.times > 0 &&
        (typeof f.path === "string" ? f.path === path : f.path.test(path)),
    );
    if (fault) {
      fault.times--;
      return fault.res;
    }
    const req: Req = { method, rawPath: url.pathname, query, body: parseBody(raw), headers };
    for (const r of this.routes) {
      const p = r.method === method ? match(r.pattern, segs) : null;
      if (!p) continue;
      if (method !== "GET" && !path.endsWith("/access_tokens")) this.tick();
      try {
        return r.handler(req, p);
      } catch (e) {
        if (e instanceof HttpError) return [e.status, e.body];
        // A bug of the world, not an answer of GitHub's: a 500 the test sees in `unknown`.
        this.unknown.push(`${method} ${path}: ${(e as Error).message}`);
        return [500, { message: (e as Error).message }];
      }
    }
    this.unknown.push(`${method} ${path}`);
    return [404, { message: `world has no route for ${method} ${path}` }];
  }

  private route(spec: string, handler: Handler) {
    const [method, pattern] = spec.split(" ") as [string, string];
    this.routes.push({ method, pattern: pattern.split("/").slice(1), handler });
  }

  /** A list answer paged as GitHub does (per_page ≤ 100, default 30), with a `link` header past one page. */
  private paged<T>(req: Req, items: T[], wrap?: (page: T[]) => object): Res {
    const per = Math.min(100, Math.max(1, Number(req.query.per_page ?? 30)));
    const page = Math.max(1, Number(req.query.page ?? 1));
    const last = Math.max(1, Math.ceil(items.length / per));
    const slice = items.slice((page - 1) * per, page * per);
    const at = (n: number) => {
      const u = new URL(GH + req.rawPath);
      for (const [k, v] of Object.entries({ ...req.query, per_page: String(per), page: String(n) }))
        u.searchParams.set(k, v);
      return `<${u}>`;
    };
    const links = [
      ...(page < last ? [`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`] : []),
      ...(page > 1 ? [`${at(page - 1)}; rel="prev"`, `${at(1)}; rel="first"`] : []),
    ];
    return [
      200,
      (wrap ? wrap(slice) : slice) as nock.ReplyBody,
      links.length ? { link: links.join(", ") } : {},
    ];
  }

  private repoOf(p: Params): WorldRepo {
    return this.state.repos.get(`${p.o}/${p.r}`) ?? notFound();
  }

  private at(repo: WorldRepo, ref: string | undefined): WorldCommit {
    const sha = this.resolve(repo.fullName, ref ?? repo.defaultBranch);
    return sha ? this.commitOf(sha) : notFound();
  }

  private pullOf(p: Params): WorldPull {
    const repo = this.repoOf(p);
    return this.state.pulls.find((x) => x.repo === repo.fullName && x.number === Number(p.n)) ?? notFound();
  }

  // ---- JSON as GitHub writes it ---------------------------------------------------------------------

  private repoJson(fullName: string) {
    const r = this.repo(fullName);
    return {
      name: r.name,
      full_name: r.fullName,
      owner: { login: r.owner, type: "Organization" },
      default_branch: r.defaultBranch,
      private: true,
      html_url: `https://github.com/${r.fullName}`,
    };
  }

  /** A pull request as GitHub answers it (endpoint and webhook): `base.sha` is the base branch's tip now. */
  pullJson(p: WorldPull) {
    const r = this.repo(p.repo);
    const baseSha = r.branches.get(p.baseRef) ?? ZERO;
    const repository = this.repoJson(p.repo);
    const files = baseSha === ZERO ? [] : this.changedFiles(baseSha, p.headSha);
    return {
      number: p.number,
      title: p.title,
      state: p.state,
      draft: p.draft,
      user: account(p.author),
      head: { sha: p.headSha, ref: p.headRef, label: `${r.owner}:${p.headRef}`, repo: repository },
      base: { sha: baseSha, ref: p.baseRef, label: `${r.owner}:${p.baseRef}`, repo: repository },
      changed_files: files.length,
      merged: false,
      merge_commit_sha: null,
      mergeable: baseSha === ZERO ? null : this.merge(baseSha, p.headSha) !== null,
      created_at: p.created_at,
      html_url: `https://github.com/${p.repo}/pull/${p.number}`,
    };
  }

  private reviewJson(r: WorldReview) {
    const { id, state, commit_id, submitted_at, body, html_url } = r;
    return { id, user: { login: r.user, type: r.type }, state, commit_id, submitted_at, body, html_url };
  }

  private commitJson(c: WorldCommit) {
    const person = (login: string | null) => (login ? account(login) : null);
    const sig = (login: string | null) => ({
      name: login ?? "Someone",
      email: login ? `${login}@users.noreply.github.com` : "someone@example.com",
      date: c.date,
    });
    return {
      sha: c.sha,
      commit: { message: c.message, author: sig(c.author), committer: sig(c.committer) },
      author: person(c.author),
      committer: person(c.committer),
      parents: c.parents.map((sha) => ({ sha })),
    };
  }

  private checkJson(c: WorldCheckRun) {
    const { repo: _, ...run } = c;
    const pulls = this.state.pulls.filter(
      (p) => p.repo === c.repo && p.state === "open" && p.headSha === c.head_sha,
    );
    return {
      ...run,
      output: { ...c.output, annotations_count: 0 },
      html_url: `https://github.com/${c.repo}/runs/${c.id}`,
      check_suite: { id: 1 },
      pull_requests: pulls.map((p) => ({ number: p.number, head: { sha: p.headSha, ref: p.headRef } })),
    };
  }

  private hook(name: string, action: string | undefined, by: string, repo: string, extra: object): Webhook {
    const payload = {
      ...(action ? { action } : {}),
      ...extra,
      repository: this.repoJson(repo),
      installation: { id: INSTALLATION_ID },
      sender: account(by),
    };
    return { name, payload };
  }

  private pullHook(action: string, p: WorldPull, by: string, extra: object = {}): Webhook {
    return this.hook("pull_request", action, by, p.repo, {
      number: p.number,
      pull_request: this.pullJson(p),
      ...extra,
    });
  }

  private reviewHook(action: string, r: WorldReview, by: string): Webhook {
    const review = { ...this.reviewJson(r), state: r.state.toLowerCase() };
    return this.hook("pull_request_review", action, by, r.repo, {
      review,
      pull_request: this.pullJson(this.pull(r.pull, r.repo)),
    });
  }

  // ---- Routes -------------------------------------------------------------------------------------

  /** The installation: its token, its listing, its repositories. */
  private appRoutes() {
    this.route("POST /app/installations/:id/access_tokens", (_q, p) => {
      if (Number(p.id) !== INSTALLATION_ID) notFound();
      const permissions = { checks: "write", pull_requests: "write", contents: "read", members: "read" };
      return [201, { token: "t", expires_at: "2999-01-01T00:00:00Z", permissions }];
    });
    this.route("GET /app/installations", (q) =>
      this.paged(q, [
        { id: INSTALLATION_ID, account: { login: ORG, type: "Organization" }, app_id: WORLD_APP.id },
      ]),
    );
    this.route("GET /installation/repositories", (q) => {
      const repos = [...this.state.repos.values()]
        .filter((r) => r.installed)
        .map((r) => this.repoJson(r.fullName));
      return this.paged(q, repos, (page) => ({ total_count: repos.length, repositories: page }));
    });
    this.route("GET /repos/:o/:r", (_q, p) => [200, this.repoJson(this.repoOf(p).fullName)]);
    this.route("GET /repos/:o/:r/collaborators/:u", (_q, p) =>
      (this.repoOf(p).permissions.get(p.u!) ?? "none") !== "none" ? [204] : notFound(),
    );
    this.route("GET /repos/:o/:r/collaborators/:u/permission", (_q, p) => {
      const permission = this.repoOf(p).permissions.get(p.u!) ?? "none";
      if (permission === "none") notFound();
      return [200, { permission, role_name: permission, user: account(p.u!) }];
    });
    this.route("GET /orgs/:org/teams/:slug/memberships/:u", (_q, p) =>
      this.state.teams.get(`${p.org}/${p.slug}`)?.has(p.u!)
        ? [
            200,
            {
              state: "active",
              role: "member",
              url: `${GH}/orgs/${p.org}/teams/${p.slug}/memberships/${p.u}`,
            },
          ]
        : notFound(),
    );
  }

  /** Files, trees, refs, branches and comparisons. */
  private contentRoutes() {
    this.route("GET /repos/:o/:r/contents/*path", (q, p) => {
      const c = this.at(this.repoOf(p), q.query.ref);
      const path = p.path!.replace(/\/$/, "");
      const text = c.files.get(path);
      if (text === undefined) {
        // A folder answers its listing (in either media type); nothing there is a 404.
        const under = [...c.files.keys()].filter((f) => f.startsWith(`${path}/`));
        if (!under.length) notFound();
        const names = new Set(under.map((f) => f.slice(path.length + 1).split("/")[0]!));
        return [200, [...names].sort().map((name) => this.entry(c, `${path}/${name}`))];
      }
      if (/\braw\b|\.raw/.test(q.headers.accept ?? ""))
        return [200, text, { "content-type": "application/vnd.github.raw; charset=utf-8" }];
      // GitHub's base64 is wrapped at 60 characters; over 1 MB the JSON form carries no content.
      if (Buffer.byteLength(text) > 1024 * 1024)
        return [200, { ...this.entry(c, path), encoding: "none", content: "" }];
      const content = Buffer.from(text)
        .toString("base64")
        .replace(/.{60}(?=.)/g, "$&\n");
      return [200, { ...this.entry(c, path), encoding: "base64", content }];
    });
    this.route("GET /repos/:o/:r/git/trees/:sha", (q, p) => {
      const c = this.at(this.repoOf(p), p.sha);
      const paths = [...c.files.keys()].sort();
      const dirs = new Set(paths.flatMap(foldersOf));
      const all = [...paths, ...dirs].sort().filter((e) => q.query.recursive || !e.includes("/"));
      const tree = all.map((path) => {
        const text = c.files.get(path);
        return text === undefined
          ? { path, mode: "040000", type: "tree", sha: sha1(`tree ${c.sha} ${path}`) }
          : { path, mode: "100644", type: "blob", sha: blobSha(text), size: Buffer.byteLength(text) };
      });
      return [200, { sha: sha1(`tree ${c.sha}`), truncated: false, tree }];
    });
    this.route("GET /repos/:o/:r/git/matching-refs/*ref", (q, p) => {
      const repo = this.repoOf(p);
      const prefix = p.ref!.replace(/^heads\//, "");
      if (!p.ref!.startsWith("heads/")) return [200, []];
      const refs = [...repo.branches]
        .filter(([name]) => name.startsWith(prefix))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, sha]) => ({ ref: `refs/heads/${name}`, object: { sha, type: "commit" } }));
      return this.paged(q, refs);
    });
    this.route("GET /repos/:o/:r/branches/*branch", (_q, p) => {
      const repo = this.repoOf(p);
      const sha = repo.branches.get(p.branch!) ?? notFound();
      const prot = repo.protection.get(p.branch!) ?? this.defaultProtection;
      const enforcement_level = prot.enabled && prot.contexts.length ? "everyone" : "off";
      const contexts = prot.enabled ? prot.contexts : [];
      const checks = contexts.map((context) => ({ context, app_id: null }));
      const protection = {
        enabled: prot.enabled,
        required_status_checks: { enforcement_level, contexts, checks },
      };
      return [200, { name: p.branch, commit: { sha }, protected: prot.enabled, protection }];
    });
    this.route("GET /repos/:o/:r/rules/branches/*branch", (q, p) =>
      this.paged(q, this.repoOf(p).rules.get(p.branch!) ?? []),
    );
    this.route("GET /repos/:o/:r/compare/*basehead", (q, p) => this.compare(q, this.repoOf(p), p.basehead!));
    this.route("GET /repos/:o/:r/commits/:ref", (_q, p) => [
      200,
      this.commitJson(this.at(this.repoOf(p), p.ref)),
    ]);
  }

  /** A contents-API entry (without content) for a file or folder of a commit. */
  private entry(c: WorldCommit, path: string) {
    const text = c.files.get(path);
    const name = path.split("/").at(-1)!;
    if (text === undefined) return { type: "dir", name, path, sha: sha1(`tree ${c.sha} ${path}`), size: 0 };
    return { type: "file", name, path, sha: blobSha(text), size: Buffer.byteLength(text) };
  }

  /** `BASE...HEAD`: where they meet, how far apart, what HEAD changed since the merge base. */
  private compare(q: Req, repo: WorldRepo, basehead: string): Res {
    const at = basehead.indexOf("...");
    if (at < 0) notFound();
    const base = this.at(repo, basehead.slice(0, at)).sha;
    const head = this.at(repo, basehead.slice(at + 3)).sha;
    const mb = this.mergeBase(base, head);
    if (!mb) throw new HttpError(404, { message: `No common ancestor between ${base} and ${head}.` });
    const ahead = this.reachable(head, base);
    const behind = this.reachable(base, head);
    const status =
      base === head ? "identical" : !behind.length ? "ahead" : !ahead.length ? "behind" : "diverged";
    const per = Math.min(250, Number(q.query.per_page ?? 250));
    const page = Math.max(1, Number(q.query.page ?? 1));
    return [
      200,
      {
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        base_commit: this.commitJson(this.commitOf(base)),
        merge_base_commit: this.commitJson(this.commitOf(mb)),
        commits: ahead.slice((page - 1) * per, page * per).map((c) => this.commitJson(c)),
        files: this.changedFiles(base, head),
      },
    ];
  }

  /** Pull requests, their files, commits and reviews; the app's reviews, requests and comments. */
  private pullRoutes() {
    this.route("GET /repos/:o/:r/pulls", (q, p) => {
      const repo = this.repoOf(p);
      const state = q.query.state ?? "open";
      const pulls = this.state.pulls
        .filter((x) => x.repo === repo.fullName && (state === "all" || x.state === state))
        .filter((x) => !q.query.base || x.baseRef === q.query.base)
        .filter((x) => !q.query.head || `${repo.owner}:${x.headRef}` === q.query.head)
        .sort((a, b) => b.number - a.number);
      return this.paged(
        q,
        pulls.map((x) => this.pullJson(x)),
      );
    });
    this.route("GET /repos/:o/:r/pulls/:n", (_q, p) => [200, this.pullJson(this.pullOf(p))]);
    this.route("GET /repos/:o/:r/pulls/:n/files", (q, p) => {
      const pr = this.pullOf(p);
      const base = this.repo(pr.repo).branches.get(pr.baseRef) ?? notFound();
      return this.paged(q, this.changedFiles(base, pr.headSha));
    });
    this.route("GET /repos/:o/:r/pulls/:n/commits", (q, p) => {
      const pr = this.pullOf(p);
      const base = this.repo(pr.repo).branches.get(pr.baseRef) ?? notFound();
      return this.paged(
        q,
        this.reachable(pr.headSha, base).map((c) => this.commitJson(c)),
      );
    });
    this.route("GET /repos/:o/:r/pulls/:n/reviews", (q, p) => {
      const pr = this.pullOf(p);
      const reviews = this.state.reviews.filter((r) => r.repo === pr.repo && r.pull === pr.number);
      return this.paged(
        q,
        reviews.map((r) => this.reviewJson(r)),
      );
    });
    this.route("POST /repos/:o/:r/pulls/:n/reviews", (q, p) => this.postReview(q, this.pullOf(p)));
    this.route("PUT /repos/:o/:r/pulls/:n/reviews/:id", (q, p) => {
      const pr = this.pullOf(p);
      const r =
        this.state.reviews.find((r) => r.repo === pr.repo && r.pull === pr.number && r.id === Number(p.id)) ??
        notFound();
      r.body = String(q.body.body ?? "");
      return [200, this.reviewJson(r)];
    });
    this.route("POST /repos/:o/:r/pulls/:n/requested_reviewers", (q, p) =>
      this.requestReviewers(q, this.pullOf(p)),
    );
    this.route("POST /repos/:o/:r/issues/:n/comments", (q, p) => {
      const repo = this.repoOf(p);
      const comment = {
        id: ++this.ids.comment,
        repo: repo.fullName,
        issue: Number(p.n),
        body: String(q.body.body ?? ""),
        created_at: this.now,
      };
      this.state.comments.push(comment);
      const html_url = `https://github.com/${repo.fullName}/pull/${p.n}#issuecomment-${comment.id}`;
      return [201, { id: comment.id, body: comment.body, user: account(APP_LOGIN), html_url }];
    });
    this.route("GET /repos/:o/:r/commits/:sha/pulls", (q, p) => {
      // Pull requests associated with the commit: it is their head, or one of their commits.
      const repo = this.repoOf(p);
      const sha = this.at(repo, p.sha).sha;
      const pulls = this.state.pulls.filter((x) => {
        if (x.repo !== repo.fullName) return false;
        if (x.headSha === sha) return true;
        const base = this.repo(x.repo).branches.get(x.baseRef);
        return this.reachable(x.headSha, base).some((c) => c.sha === sha);
      });
      return this.paged(
        q,
        pulls.map((x) => this.pullJson(x)),
      );
    });
  }

  /** The app's own review: by mcp-guard[bot], on `commit_id` (default the head now). */
  private postReview(q: Req, pr: WorldPull): Res {
    const events: Record<string, ReviewState> = {
      APPROVE: "APPROVED",
      REQUEST_CHANGES: "CHANGES_REQUESTED",
      COMMENT: "COMMENTED",
    };
    const sha = q.body.commit_id ? this.resolve(pr.repo, String(q.body.commit_id)) : pr.headSha;
    if (!sha)
      throw new HttpError(422, {
        message: "Unprocessable Entity: commit_id is not part of the pull request",
      });
    const state = q.body.event ? events[String(q.body.event)] : "PENDING";
    if (!state) throw new HttpError(422, { message: `Unprocessable Entity: event ${q.body.event}` });
    const r = this.addReview(pr, APP_LOGIN, "Bot", state, String(q.body.body ?? ""), sha);
    if (state !== "PENDING") this.outbox.push(this.reviewHook("submitted", r, APP_LOGIN));
    return [200, this.reviewJson(r)];
  }

  /** GitHub refuses reviewers who cannot review (non-collaborators, the author, unknown teams) with 422. */
  private requestReviewers(q: Req, pr: WorldPull): Res {
    const reviewers = ((q.body.reviewers ?? []) as string[]).map(String);
    const teams = ((q.body.team_reviewers ?? []) as string[]).map(String);
    if (reviewers.includes(pr.author))
      throw new HttpError(422, { message: "Review cannot be requested from pull request author." });
    const outsider =
      reviewers.some((u) => this.permissionOf(u, pr.repo) === "none") ||
      teams.some((t) => !this.state.teams.has(`${this.repo(pr.repo).owner}/${t}`));
    if (outsider)
      throw new HttpError(422, {
        message: `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${pr.repo} repository.`,
      });
    this.state.requested.push({ repo: pr.repo, pull: pr.number, reviewers, team_reviewers: teams });
    const json = this.pullJson(pr);
    return [
      201,
      {
        ...json,
        requested_reviewers: reviewers.map(account),
        requested_teams: teams.map((slug) => ({ slug })),
      },
    ];
  }

  /** Check runs: the app creates and updates its own; lists answer everyone's. */
  private checkRoutes() {
    this.route("GET /repos/:o/:r/commits/:ref/check-runs", (q, p) => {
      const repo = this.repoOf(p);
      const sha = this.at(repo, p.ref).sha;
      let runs = this.checksOn(sha).filter((c) => c.repo === repo.fullName);
      if (q.query.check_name) runs = runs.filter((c) => c.name === q.query.check_name);
      if (q.query.app_id) runs = runs.filter((c) => String(c.app.id) === q.query.app_id);
      if (q.query.status) runs = runs.filter((c) => c.status === q.query.status);
      if ((q.query.filter ?? "latest") === "latest") {
        const seen = new Set<string>();
        runs = runs.filter((c) => !seen.has(`${c.app.id}/${c.name}`) && !!seen.add(`${c.app.id}/${c.name}`));
      }
      const json = runs.map((c) => this.checkJson(c));
      return this.paged(q, json, (page) => ({ total_count: json.length, check_runs: page }));
    });
    this.route("POST /repos/:o/:r/check-runs", (q, p) => {
      const repo = this.repoOf(p);
      const sha = /^[0-9a-f]{40}$/.test(String(q.body.head_sha))
        ? this.resolve(repo.fullName, q.body.head_sha)
        : null;
      if (!sha) throw new HttpError(422, { message: `No commit found for SHA: ${q.body.head_sha}` });
      if (!q.body.name) throw new HttpError(422, { message: "Invalid request: name wasn't supplied." });
      const run: WorldCheckRun = {
        id: ++this.ids.check,
        repo: repo.fullName,
        app: { ...WORLD_APP },
        head_sha: sha,
        name: String(q.body.name),
        status: "queued",
        conclusion: null,
        started_at: q.body.started_at ?? this.now,
        completed_at: null,
        output: { title: null, summary: null, text: null },
        details_url: null,
        external_id: null,
        actions: [],
      };
      this.updateCheck(run, q.body);
      this.state.checks.push(run);
      this.outbox.push(
        this.hook("check_run", "created", APP_LOGIN, repo.fullName, { check_run: this.checkJson(run) }),
      );
      return [201, this.checkJson(run)];
    });
    this.route("PATCH /repos/:o/:r/check-runs/:id", (q, p) => {
      const repo = this.repoOf(p);
      const run =
        this.state.checks.find((c) => c.repo === repo.fullName && c.id === Number(p.id)) ?? notFound();
      const was = run.status;
      this.updateCheck({ ...run }, q.body); // validates first: a refused update changes nothing
      this.updateCheck(run, q.body);
      if (run.status === "completed" && was !== "completed")
        this.outbox.push(
          this.hook("check_run", "completed", APP_LOGIN, repo.fullName, { check_run: this.checkJson(run) }),
        );
      return [200, this.checkJson(run)];
    });
  }

  /** Applies a create/update body as GitHub does: a conclusion completes the run, completion is stamped. */
  // biome-ignore lint/suspicious/noExplicitAny: a request body is the app's JSON
  private updateCheck(run: WorldCheckRun, b: Record<string, any>) {
    if (b.name !== undefined) run.name = String(b.name);
    if (b.details_url !== undefined) run.details_url = b.details_url;
    if (b.external_id !== undefined) run.external_id = b.external_id;
    if (b.actions !== undefined) run.actions = b.actions;
    if (b.started_at !== undefined) run.started_at = b.started_at;
    if (b.output !== undefined) {
      if (typeof b.output.title !== "string" || typeof b.output.summary !== "string")
        throw new HttpError(422, { message: "Invalid request: output needs a title and a summary." });
      run.output = {
        title: b.output.title,
        summary: b.output.summary,
        text: b.output.text ?? run.output.text,
      };
    }
    const status =
      b.conclusion !== undefined && b.conclusion !== null ? "completed" : (b.status ?? run.status);
    if (status === "completed") {
      const conclusion = b.conclusion ?? run.conclusion;
      if (!conclusion)
        throw new HttpError(422, { message: "Invalid request: a completed run needs a conclusion." });
      run.completed_at = b.completed_at ?? (run.status === "completed" ? run.completed_at : this.now);
      run.conclusion = conclusion;
    } else {
      run.conclusion = null;
      run.completed_at = null;
    }
    run.status = status;
  }
}

/** A request's JSON body (nock parses JSON it recognises; anything else is kept as `raw`). */
function parseBody(raw: nock.Body): Req["body"] {
  if (typeof raw !== "string") return raw;
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    return { raw };
  }
}

/** A route pattern's parameters for a decoded path, or null: `:x` takes one segment, `*x` the rest. */
function match(pattern: string[], segs: string[]): Params | null {
  const p: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    if (want.startsWith("*")) {
      if (i >= segs.length) return null;
      p[want.slice(1)] = segs.slice(i).join("/");
      return p;
    }
    const got = segs[i];
    if (got === undefined) return null;
    if (want.startsWith(":")) p[want.slice(1)] = got;
    else if (want !== got) return null;
  }
  return segs.length === pattern.length ? p : null;
}
