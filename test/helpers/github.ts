/** nock scenarios for the app: one call mocks what a whole pull-request run reads and writes. */
import { afterEach, beforeEach } from "node:test";
import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { ancestors, DEPENDENCY_FILES, folderOf, isDependencyFile } from "../../src/gate/changes.js";
import { Commit } from "../../src/gate/commit.js";
import { missingMembers, workspaceRoots } from "../../src/gate/install/index.js";
import { COOLDOWN_FILES } from "../../src/gate/release-age.js";
import { fixtureIntegrity } from "./fixtures.js";
import { GH } from "./probot.js";

export const R = "/repos/acme/service";
/** This app as GitHub names it on its check runs (the test Probot's app id). */
export const OUR_APP = { id: 123, slug: "mcp-guard" };
export const BASE = "b".repeat(40);
export const HEAD = "c".repeat(40);
/** The default branch's tip when the config is read. */
export const MAIN_TIP = "a".repeat(40);
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** The real "pull_request.opened" example payload, re-pointed at acme/service and our commits. */
export function prPayload(action: string, author = "dependabot[bot]", head = HEAD) {
  const list = (examples as unknown as { name: string; examples: Record<string, unknown>[] }[]).find(
    (e) => e.name === "pull_request",
  )!;
  // biome-ignore lint/suspicious/noExplicitAny: a real webhook payload, re-pointed field by field
  const real = structuredClone(list.examples.find((e) => e.action === "opened")!) as Record<string, any>;
  real.action = action;
  real.installation = { id: 2 };
  real.repository.name = "service";
  real.repository.owner.login = "acme";
  real.repository.default_branch = "main";
  real.pull_request.number = 7;
  real.pull_request.draft = false;
  real.pull_request.user.login = author;
  real.pull_request.head.sha = head;
  real.pull_request.base.sha = BASE;
  real.pull_request.base.ref = "main";
  return real;
}

/**
 * The config read on `scope`: the default branch's tip, then `.github/mcp-guard.yml` and its `.yaml`
 * twin at that commit (null: absent).
 */
export function configReads(
  scope: nock.Scope,
  text: string | null,
  opts: { yaml?: string | null; repo?: string; times?: number } = {},
) {
  const repo = opts.repo ?? R;
  for (let i = 0; i < (opts.times ?? 1); i++) {
    scope
      .get(`${repo}/branches/main`)
      .reply(200, { name: "main", commit: { sha: MAIN_TIP }, protected: true });
    contents(scope, ".github/mcp-guard.yml", MAIN_TIP, text, repo);
    contents(scope, ".github/mcp-guard.yaml", MAIN_TIP, opts.yaml ?? null, repo);
    // The repository's own release-age settings, read beside the config when it sets none (absent here).
    for (const path of COOLDOWN_FILES)
      scope
        .get(
          (uri) =>
            decodeURIComponent(uri).startsWith(`${repo}/contents/${path}`) && uri.includes(`ref=${MAIN_TIP}`),
        )
        .optionally()
        .reply(404, { message: "Not Found" });
  }
}

/**
 * Where the base branch is and where it meets `head`, on `scope` (the compare API), `times` times;
 * `optional` more may be asked for (the re-read after an analysis that a failure never reaches).
 */
export function mergeBaseReads(
  scope: nock.Scope,
  o: { tip?: string; mergeBase?: string; head?: string; times?: number; optional?: number } = {},
) {
  const head = o.head ?? HEAD;
  const tip = o.tip ?? BASE;
  const body = { base_commit: { sha: tip }, merge_base_commit: { sha: o.mergeBase ?? tip } };
  const match = (uri: string) =>
    decodeURIComponent(uri).startsWith(`${R}/compare/`) && decodeURIComponent(uri).includes(`...${head}`);
  for (let i = 0; i < (o.times ?? 1); i++) scope.get(match).reply(200, body);
  for (let i = 0; i < (o.optional ?? 0); i++) scope.get(match).optionally().reply(200, body);
}

export function lockfile(pkgs: Record<string, string>) {
  return JSON.stringify({
    name: "service",
    lockfileVersion: 3,
    packages: {
      "": { name: "service" },
      ...Object.fromEntries(
        Object.entries(pkgs).map(([path, version]) => [
          path,
          {
            version,
            integrity: fixtureIntegrity(path.slice(path.lastIndexOf("node_modules/") + 13), version),
          },
        ]),
      ),
    },
  });
}

/**
 * A file at a ref as GitHub's contents API answers it: 404 (null), the JSON form with base64 content,
 * the raw media type (`raw: true`: the text itself, as GitHub sends files over 1 MB), or any other
 * JSON body (`{ body }`: a folder listing, a symlink, a submodule).
 */
export function contents(
  scope: nock.Scope,
  path: string,
  ref: string | null,
  text: string | null | { body: unknown },
  repo = R,
  raw = false,
) {
  const interceptor = scope.get(
    (uri) =>
      decodeURIComponent(uri).startsWith(`${repo}/contents/${path}`) &&
      (ref === null || uri.includes(`ref=${ref}`)),
  );
  if (text === null) interceptor.reply(404, { message: "Not Found" });
  else if (typeof text === "object") interceptor.reply(200, text.body as object);
  else if (raw) interceptor.reply(200, text, { "content-type": "application/vnd.github.raw; charset=utf-8" });
  else interceptor.reply(200, { type: "file", encoding: "base64", content: b64(text) });
}

/** A commit as pulls/{n}/commits lists it: Dependabot's, committed through GitHub. */
export const DEPENDABOT_COMMIT = {
  sha: HEAD,
  author: { login: "dependabot[bot]" },
  committer: { login: "web-flow" },
};

/** An open pull request at HEAD as the commits/{sha}/pulls API lists it. */
export const pullAt = (number: number, base: string) => ({
  number,
  state: "open",
  user: { login: "dependabot[bot]" },
  head: { sha: HEAD },
  base: { sha: base },
});

export interface Scenario {
  /** Files the PR changes. */
  files: string[];
  /** Dependency files at base and head: path → text (or another answer of the contents API). */
  base: Record<string, string>;
  head: Record<string, string | { body: unknown }>;
  /** GitHub refuses the reviewer request with this status. */
  requestStatus?: number;
  /** The pull request's commits (default: one by Dependabot). */
  commits?: object[];
  /** `changed_files` GitHub reports (default: as many as listed). */
  changedFiles?: number;
  /** Open pull requests whose head is HEAD (default: this one). */
  pullsAtHead?: object[];
  /** Files come in GitHub's raw media type (as files over 1 MB do). */
  raw?: boolean;
  /** .github/mcp-guard.yml on the default branch (null: none). */
  config: string | null;
  /** The org-wide fallback in acme/.github (when config is null). */
  orgConfig?: string | null;
  reviews?: object[];
  /** Whether a review is posted and reviewers requested. */
  expectReview: boolean;
  expectRequest?: boolean;
  permissions?: Record<string, string>;
  /** The mcp-guard check already on the head (default none: a first delivery). */
  existingCheck?: object | null;
  /**
   * This app's check runs on the commit approvals were given on (HEAD), listed to tell which change
   * set each approval was given for (default: none, so no approval counts).
   */
  history?: object[];
  /** The base tip and merge base the compare API reports (default: both BASE). */
  tip?: string;
  mergeBase?: string;
  /** Sees the query of the check-runs read (which app's runs were asked for). */
  onCheckQuery?: (query: string) => void;
  /** A re-run asked for by a person: the existing check is not consulted. */
  rerun?: boolean;
  /** The head the API reports when the handler re-checks (a newer push moves it). */
  headNow?: string;
  /** The file list is read, but no dependency file (a bound is hit first). */
  noFileReads?: boolean;
  /** False when the run must read no PR files (an invalid config). */
  readsFiles?: boolean;
  /** Dependency files at other commits reviews were given on: sha → path → text. */
  other?: Record<string, Record<string, string>>;
}

// biome-ignore lint/suspicious/noExplicitAny: request bodies as GitHub receives them
export function mockPullRequestRun(s: Scenario): { scope: nock.Scope; writes: Record<string, any> } {
  // biome-ignore lint/suspicious/noExplicitAny: request bodies as GitHub receives them
  const writes: Record<string, any> = {};
  const record = (k: string) => (b: unknown) => {
    writes[k] = b;
    return true;
  };
  const scope = nock(GH);
  if (!s.rerun) {
    scope
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query((q) => {
        s.onCheckQuery?.(new URLSearchParams(q as Record<string, string>).toString());
        return true;
      })
      .reply(200, {
        total_count: s.existingCheck ? 1 : 0,
        check_runs: s.existingCheck ? [s.existingCheck] : [],
      });
  }
  scope
    .post("/app/installations/2/access_tokens")
    .optionally()
    .reply(200, { token: "t", permissions: { checks: "write", pull_requests: "write", contents: "read" } })
    .post(`${R}/check-runs`, record("start"))
    .reply(201, { id: 10, app: OUR_APP })
    .get(`${R}/pulls/7/reviews`)
    .query(true)
    .reply(200, s.reviews ?? [])
    .patch(`${R}/check-runs/10`, record("done"))
    .reply(200, {});
  // The handler re-reads the PR before posting: a moved head makes its result stale.
  scope.get(`${R}/pulls/7`).reply(200, {
    number: 7,
    state: "open",
    user: { login: "dependabot[bot]" },
    head: { sha: s.headNow ?? HEAD },
    base: { sha: BASE },
    changed_files: s.changedFiles ?? s.files.length,
  });
  configReads(scope, s.config);
  if (s.config === null && s.orgConfig !== undefined) {
    // Only when the operator enabled the organisation fallback (deps.orgConfig).
    scope.get("/repos/acme/.github").reply(200, { default_branch: "main" });
    configReads(scope, s.orgConfig, { repo: "/repos/acme/.github" });
  }
  // Where the base is now: read with the facts, and again after the analysis.
  mergeBaseReads(scope, {
    ...(s.tip ? { tip: s.tip } : {}),
    ...(s.mergeBase ? { mergeBase: s.mergeBase } : {}),
    optional: s.readsFiles === false ? 0 : 1,
  });
  if (s.readsFiles !== false) {
    // The open pull requests with this head (one base per commit).
    scope
      .get(`${R}/commits/${HEAD}/pulls`)
      .query(true)
      .reply(200, s.pullsAtHead ?? [pullAt(7, BASE)]);
    scope
      .get(`${R}/pulls/7/files`)
      .query(true)
      .reply(
        200,
        s.files.map((filename) => ({ filename })),
      );
  }
  const dirs = new Set(
    s.files
      .filter(isDependencyFile)
      .map(folderOf)
      .flatMap((d) => [d, ...ancestors(d)]),
  );
  for (const dir of s.readsFiles === false || s.noFileReads ? [] : dirs) {
    for (const name of DEPENDENCY_FILES) {
      const path = dir ? `${dir}/${name}` : name;
      contents(scope, path, BASE, s.base[path] ?? null, R, s.raw);
      contents(scope, path, HEAD, s.head[path] ?? null, R, s.raw);
      for (const [sha, files] of Object.entries(s.other ?? {}))
        contents(scope, path, sha, files[path] ?? null);
    }
  }
  // Workspace members the pull request did not touch: listed from the head's tree, their package.json read.
  if (s.readsFiles !== false && !s.noFileReads) {
    const read = new Map<string, string>();
    for (const dir of dirs)
      for (const name of DEPENDENCY_FILES) {
        const path = dir ? `${dir}/${name}` : name;
        const text = s.head[path];
        if (typeof text === "string") read.set(path, text);
      }
    const commit = new Commit(read);
    if (workspaceRoots(commit).length) {
      const paths = Object.keys(s.head);
      scope
        .get(`${R}/git/trees/${HEAD}`)
        .query(true)
        .reply(200, { truncated: false, tree: paths.map((path) => ({ path, type: "blob" })) });
      for (const folder of missingMembers(commit, paths)) {
        const path = `${folder}/package.json`;
        contents(scope, path, HEAD, (s.head[path] as string | undefined) ?? null, R, s.raw);
      }
    }
  }
  if (s.expectReview) {
    scope
      .post(`${R}/pulls/7/reviews`, record("review"))
      .reply(200, { id: 99, html_url: "https://github.com/acme/service/pull/7#pullrequestreview-99" });
  }
  if (s.expectRequest) scope.post(`${R}/pulls/7/requested_reviewers`, record("requested")).reply(201, {});
  if (s.requestStatus)
    scope
      .post(`${R}/pulls/7/requested_reviewers`)
      .reply(s.requestStatus, { message: "Reviews may only be requested from collaborators." });
  // Commits are read only when someone approves (two-person rule), and the check runs on the
  // reviewed commit tell which change set the approval was given for.
  const approvals = (s.reviews ?? []) as { state?: string; user?: { type?: string }; commit_id?: string }[];
  const approved = approvals.filter((r) => r.state === "APPROVED" && r.user?.type !== "Bot");
  for (const sha of new Set(approved.map((r) => r.commit_id ?? HEAD))) {
    scope
      .get(`${R}/commits/${sha}/check-runs`)
      .query((q) => q.filter === "all")
      .reply(200, { total_count: (s.history ?? []).length, check_runs: s.history ?? [] });
  }
  if (approved.length) {
    scope
      .get(`${R}/pulls/7/commits`)
      .query(true)
      .reply(200, s.commits ?? [DEPENDABOT_COMMIT]);
  }
  for (const [user, permission] of Object.entries(s.permissions ?? {})) {
    scope.get(`${R}/collaborators/${user}/permission`).reply(200, { permission });
  }
  return { scope, writes };
}

/**
 * A run that fails stops where it fails: the mocks of its later steps (reviews, the head re-read,
 * the review post) are never asked for. Failure tests drop them; every other test must use them all.
 */
export function dropMocksOfStepsNotReached(done: { conclusion?: string } | undefined) {
  if (done?.conclusion !== "failure" && done !== undefined) return;
  nock.cleanAll();
}

/** The config most scenarios use: alice is the designated reviewer. */
export const ALICE_REVIEWS = "reviewers:\n  users: [alice]\n";

/** A lockfile pinning postmark-mcp at `version` (and an unguarded zod). */
export const postmarkLock = (version: string) =>
  lockfile({ "node_modules/postmark-mcp": version, "node_modules/zod": "3.25.0" });

/** The Dependabot bump of the fixtures: postmark-mcp 1.0.15 → 1.0.16 in the root lockfile. */
export const POSTMARK_BUMP = {
  files: ["package-lock.json"],
  base: { "package-lock.json": postmarkLock("1.0.15") },
  head: { "package-lock.json": postmarkLock("1.0.16") },
  config: ALICE_REVIEWS,
};

/** The sweep's walk on `scope`: the app's installations, their repositories, their open PRs. */
export function sweepWalk(scope: nock.Scope, pulls: object[]): nock.Scope {
  return scope
    .get("/app/installations")
    .query(true)
    .reply(200, [{ id: 2, account: { login: "acme" } }])
    .post("/app/installations/2/access_tokens")
    .optionally()
    .reply(200, { token: "t" })
    .get("/installation/repositories")
    .query(true)
    .reply(200, {
      total_count: 1,
      repositories: [{ name: "service", owner: { login: "acme" }, default_branch: "main" }],
    })
    .get(`${R}/pulls`)
    .query((q) => q.state === "open")
    .reply(200, pulls);
}

/** Requests nock could not match in each test of the calling file (registers the hooks). */
export function unmatchedRequests(): string[] {
  const unmatched: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string }) => unmatched.push(`${req.method} ${req.path}`);
  beforeEach(() => {
    unmatched.length = 0;
    nock.emitter.on("no match", onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener("no match", onNoMatch);
  });
  return unmatched;
}

/**
 * A review event's re-decision of PR #7 on `scope`, up to its write: the PR, our check on its head, the
 * config, where the base is, the reviews, the check runs on the reviewed commit (`history`, default:
 * the check itself), alice's permission and the PR's commits. The caller adds what is written.
 */
export function approvalReads(
  scope: nock.Scope,
  pull: object,
  check: object,
  reviews: object[],
  o: { history?: object[]; config?: string | null } = {},
): nock.Scope {
  configReads(scope, o.config === undefined ? ALICE_REVIEWS : o.config);
  mergeBaseReads(scope);
  const history = o.history ?? [check];
  return scope
    .get(`${R}/pulls/7`)
    .reply(200, pull)
    .get(`${R}/commits/${HEAD}/check-runs`)
    .query((q) => q.filter !== "all")
    .reply(200, { total_count: 1, check_runs: [check] })
    .get(`${R}/commits/${HEAD}/check-runs`)
    .query((q) => q.filter === "all")
    .reply(200, { total_count: history.length, check_runs: history })
    .get(`${R}/pulls/7/reviews`)
    .query(true)
    .reply(200, reviews)
    .get(`${R}/collaborators/alice/permission`)
    .reply(200, { permission: "write" })
    .get(`${R}/pulls/7/commits`)
    .query(true)
    .reply(200, [DEPENDABOT_COMMIT]);
}
