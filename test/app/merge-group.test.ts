import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { changeSetFingerprint, DEPENDENCY_FILES, findChanges } from "../../src/gate/changes.js";
import { encodeCheckState } from "../../src/github/check-state.js";
import { BASE, configReads, contents, lockfile, mergeBaseReads, OUR_APP, R } from "../helpers/github.js";
import { appUnderTest, GH } from "../helpers/probot.js";

/** The merge group's commit, and the heads of the two pull requests queued into it. */
const GROUP = "9".repeat(40);
const HEAD7 = "7".repeat(40);
const HEAD8 = "8".repeat(40);
/** The commit #7's queue branch points at: #8's group is built on it when #7 is ahead in the queue. */
const QUEUED7 = "6".repeat(40);
/** Queue branches: #7 built on the base; #8 built on the base alone, or stacked on #7. */
const QUEUE7 = `refs/heads/gh-readonly-queue/main/pr-7-${BASE}`;
const ALONE8 = `refs/heads/gh-readonly-queue/main/pr-8-${BASE}`;
const STACK8 = `refs/heads/gh-readonly-queue/main/pr-8-${QUEUED7}`;
const CONFIG = 'reviewers:\n  users: [alice]\npackages:\n  include: ["*-mcp"]\n';

/** The lockfile of each commit: postmark-mcp (#7 bumps it) and mail-mcp (#8 bumps it), and an unguarded zod. */
const lock = (postmark: string, mail: string, zod = "3.25.0") =>
  lockfile({ "node_modules/postmark-mcp": postmark, "node_modules/mail-mcp": mail, "node_modules/zod": zod });
const BASE_LOCK = lock("1.0.15", "1.0.0");
const LOCK7 = lock("1.0.16", "1.0.0");
const LOCK8 = lock("1.0.15", "1.0.1");
const GROUP_LOCK = lock("1.0.16", "1.0.1");

// biome-ignore lint/suspicious/noExplicitAny: a real webhook payload, re-pointed field by field
type Payload = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: request bodies as GitHub receives them
type Writes = Record<string, any>;

/** The real merge_group.checks_requested example payload, re-pointed at acme/service and our commits. */
function groupPayload(headRef = ALONE8) {
  const list = (examples as unknown as { name: string; examples: Record<string, unknown>[] }[]).find(
    (e) => e.name === "merge_group",
  )!;
  const real = structuredClone(list.examples.find((e) => e.action === "checks_requested")!) as Payload;
  real.installation = { id: 2 };
  real.repository.name = "service";
  real.repository.owner.login = "acme";
  real.repository.default_branch = "main";
  real.merge_group.head_sha = GROUP;
  real.merge_group.base_sha = BASE;
  real.merge_group.head_ref = headRef;
  real.merge_group.base_ref = "refs/heads/main";
  return real;
}

const approval = (user: string, commit: string) => ({
  id: 1,
  user: { login: user, type: "User" },
  state: "APPROVED",
  commit_id: commit,
  submitted_at: "2026-11-23T10:00:00Z",
  body: "",
  html_url: "u",
});

/** A tree as GitHub's git/trees API lists it: the lockfile's blob id changes with its text. */
function tree(scope: nock.Scope, sha: string, lockText: string, extra: object = {}) {
  scope
    .get(`${R}/git/trees/${sha}`)
    .query({ recursive: "true" })
    .reply(200, {
      sha,
      truncated: false,
      tree: [
        { path: "README.md", mode: "100644", type: "blob", sha: "a".repeat(40) },
        { path: "package-lock.json", mode: "100644", type: "blob", sha: sha1ish(lockText) },
      ],
      ...extra,
    });
}
const sha1ish = (text: string) => createHash("sha1").update(text).digest("hex");

function rootFiles(scope: nock.Scope, sha: string, lockText: string | null) {
  for (const name of DEPENDENCY_FILES)
    contents(scope, name, sha, name === "package-lock.json" ? lockText : null);
}

/** The group run's own reads and writes (config, trees, dependency files, the check). */
function mockGroup(
  config: string | null = CONFIG,
  existing: object | null = null,
): { scope: nock.Scope; writes: Writes } {
  const writes: Writes = {};
  const scope = nock(GH)
    .get(`${R}/commits/${GROUP}/check-runs`)
    .query(true)
    .reply(200, { total_count: existing ? 1 : 0, check_runs: existing ? [existing] : [] })
    .post("/app/installations/2/access_tokens")
    .optionally()
    .reply(200, { token: "t" })
    .post(`${R}/check-runs`, (b) => {
      writes.start = b;
      return true;
    })
    .reply(201, { id: 20, app: OUR_APP })
    .patch(`${R}/check-runs/20`, (b) => {
      writes.done = b;
      return true;
    })
    .reply(200, {});
  // From the default branch's tip (the organisation's fallback is off in these tests).
  configReads(scope, config);
  return { scope, writes };
}

/**
 * The merge queue's branches into main as the matching-refs API lists them: read once a group has
 * guarded changes, to tell which pull requests are in it.
 */
function queueBranches(scope: nock.Scope, refs: { ref: string; sha: string }[]) {
  scope
    .get((uri) => decodeURIComponent(uri).startsWith(`${R}/git/matching-refs/heads/gh-readonly-queue/main/`))
    .reply(
      200,
      refs.map(({ ref, sha }) => ({
        ref,
        node_id: "n",
        url: "u",
        object: { sha, type: "commit", url: "u" },
      })),
    );
}

function groupFiles(scope: nock.Scope, groupLock: string) {
  tree(scope, BASE, BASE_LOCK);
  tree(scope, GROUP, groupLock);
  rootFiles(scope, BASE, BASE_LOCK);
  rootFiles(scope, GROUP, groupLock);
}

/**
 * The check this app left on a pull request's head after analysing it: the change set found by the
 * gate's own code, with the risk the review gave, for the base tip and merge base the compare API
 * reports (both BASE). Completed before the approvals' `submitted_at`, so it is the result an
 * approval was given under. `stale`: a state written before merge bases were read (never fresh).
 */
function storedCheck(head: string, headLock: string, o: { stale?: boolean } = {}) {
  const files = (text: string) => new Map([["package-lock.json", text]]);
  const changes = findChanges(files(BASE_LOCK), files(headLock)).filter((c) => c.name.endsWith("-mcp"));
  const state = {
    headSha: head,
    baseSha: BASE,
    ...(o.stale ? {} : { mergeBaseSha: BASE }),
    fingerprint: changeSetFingerprint(changes),
    changes: changes.map((c) => ({
      dir: c.dir,
      name: c.name,
      from: c.from,
      to: c.to,
      risk: "high" as const,
      complete: true,
      findings: 1,
    })),
  };
  return {
    id: 30,
    app: OUR_APP,
    status: "completed",
    conclusion: "action_required",
    started_at: "2026-11-23T09:00:00Z",
    completed_at: "2026-11-23T09:01:00Z",
    output: { title: "Risk high", summary: "…", text: encodeCheckState(state) },
  };
}

/**
 * What deciding a pull request's gate afresh reads: the pull request, our check on its head, config,
 * reviews and the approvers' standing, where its base is (compare), our check runs on the approved
 * commit (`history`, default: the check itself, shown before the approval), its commits, the pull
 * requests at its head, its files and its dependency files at base (tip and merge base) and head.
 */
function mockPull(
  scope: nock.Scope,
  n: number,
  head: string,
  headLock: string,
  reviews: { commit_id: string }[],
  check: object | null = storedCheck(head, headLock),
  o: { history?: object[] } = {},
) {
  const pull = {
    number: n,
    state: "open",
    user: { login: "dependabot[bot]" },
    head: { sha: head },
    base: { sha: BASE, ref: "main" },
    changed_files: 1,
  };
  scope
    .get(`${R}/pulls/${n}`)
    .reply(200, pull)
    .get(`${R}/commits/${head}/check-runs`)
    .query((q) => q.filter !== "all")
    .reply(200, { total_count: check ? 1 : 0, check_runs: check ? [check] : [] });
  if (!check) return;
  configReads(scope, CONFIG);
  mergeBaseReads(scope, { head });
  scope
    .get(`${R}/pulls/${n}/reviews`)
    .query(true)
    .reply(200, reviews)
    .get(`${R}/commits/${head}/pulls`)
    .query(true)
    .reply(200, [pull])
    .get(`${R}/pulls/${n}/files`)
    .query(true)
    .reply(200, [{ filename: "package-lock.json" }]);
  if (reviews.length) {
    const history = o.history ?? [check];
    for (const sha of new Set(reviews.map((r) => r.commit_id)))
      scope
        .get(`${R}/commits/${sha}/check-runs`)
        .query((q) => q.filter === "all")
        .reply(200, { total_count: history.length, check_runs: history });
    scope
      .get(`${R}/collaborators/alice/permission`)
      .reply(200, { permission: "write" })
      .get(`${R}/pulls/${n}/commits`)
      .query(true)
      .reply(200, [{ sha: head, author: { login: "dependabot[bot]" }, committer: { login: "web-flow" } }]);
  }
  rootFiles(scope, BASE, BASE_LOCK);
  rootFiles(scope, head, headLock);
}

describe("the GitHub App: merge queues", () => {
  const t = appUnderTest();

  async function receive(payload = groupPayload()) {
    await t.probot.receive({ id: "g1", name: "merge_group", payload: payload as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "every GitHub call was expected");
  }

  it("two approved pull requests stacked in one group: success on the group's commit, naming who approved what", async () => {
    // #8's queue branch was built on #7's (QUEUED7, not the group's base): both are in the group.
    const { scope, writes } = mockGroup();
    groupFiles(scope, GROUP_LOCK);
    queueBranches(scope, [
      { ref: QUEUE7, sha: QUEUED7 },
      { ref: STACK8, sha: GROUP },
    ]);
    mockPull(scope, 8, HEAD8, LOCK8, [approval("alice", HEAD8)]);
    mockPull(scope, 7, HEAD7, LOCK7, [approval("alice", HEAD7)]);
    await receive(groupPayload(STACK8));
    assert.deepEqual(
      [writes.start.head_sha, writes.start.status, writes.start.name],
      [GROUP, "in_progress", "mcp-guard"],
    );
    assert.equal(writes.done.conclusion, "success");
    assert.equal(
      writes.done.output.title,
      "Approved in the merge group's pull requests: mail-mcp 1.0.0 → 1.0.1, postmark-mcp 1.0.15 → 1.0.16",
    );
    assert.match(writes.done.output.summary, /`mail-mcp 1\.0\.0 → 1\.0\.1`: #8, approved by @alice/);
    assert.match(writes.done.output.summary, /`postmark-mcp 1\.0\.15 → 1\.0\.16`: #7, approved by @alice/);
    assert.equal(writes.done.actions, undefined);
    assert.deepEqual(
      t.deps.analysed,
      [],
      "no package is fetched: the pull requests' checks hold the analyses",
    );
  });

  it("a group that includes an unapproved guarded change fails, naming the change and why its pull request does not cover it", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, GROUP_LOCK);
    queueBranches(scope, [
      { ref: QUEUE7, sha: QUEUED7 },
      { ref: STACK8, sha: GROUP },
    ]);
    mockPull(scope, 8, HEAD8, LOCK8, []);
    mockPull(scope, 7, HEAD7, LOCK7, [approval("alice", HEAD7)]);
    await receive(groupPayload(STACK8));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: mail-mcp 1.0.0 → 1.0.1");
    assert.match(writes.done.output.summary, /- `mail-mcp 1\.0\.0 → 1\.0\.1`\n/);
    assert.match(writes.done.output.summary, /- #8: waiting for approval \(risk: high\)/);
    assert.match(
      writes.done.output.summary,
      /Covered:\n\n- `postmark-mcp 1\.0\.15 → 1\.0\.16`: #7, approved by @alice/,
    );
  });

  it("an approved, passing pull request into the same branch that is not in the group covers nothing", async () => {
    // The group is #8 alone (built on the base): #7 also bumps postmark-mcp 1.0.15 → 1.0.16 and is
    // approved with a passing check, but only the group's own pull requests are read. Nothing of #7
    // is mocked, and no list of open pull requests: reading either would be an unexpected call.
    const { scope, writes } = mockGroup();
    groupFiles(scope, GROUP_LOCK);
    queueBranches(scope, [{ ref: ALONE8, sha: GROUP }]);
    mockPull(scope, 8, HEAD8, LOCK8, [approval("alice", HEAD8)]);
    await receive(groupPayload(ALONE8));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: postmark-mcp 1.0.15 → 1.0.16");
    assert.match(writes.done.output.summary, /- `postmark-mcp 1\.0\.15 → 1\.0\.16`\n/);
    assert.match(
      writes.done.output.summary,
      /Covered:\n\n- `mail-mcp 1\.0\.0 → 1\.0\.1`: #8, approved by @alice/,
    );
    assert.doesNotMatch(writes.done.output.summary, /#7/);
  });

  it("an approval given before the pull request's check showed a result covers nothing", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, LOCK7);
    queueBranches(scope, [{ ref: QUEUE7, sha: GROUP }]);
    // Our only run on the approved commit completed after the review was submitted (10:00).
    const check = storedCheck(HEAD7, LOCK7);
    mockPull(scope, 7, HEAD7, LOCK7, [approval("alice", HEAD7)], check, {
      history: [{ ...check, started_at: "2026-11-23T09:59:00Z", completed_at: "2026-11-23T10:02:00Z" }],
    });
    await receive(groupPayload(QUEUE7));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: postmark-mcp 1.0.15 → 1.0.16");
    assert.match(writes.done.output.summary, /- #7: waiting for approval \(risk: high\)/);
  });

  it("an approval of a different change covers nothing: #7 approved postmark-mcp → 1.0.16, the group installs 1.0.17", async () => {
    const lock17 = lock("1.0.17", "1.0.0");
    const { scope, writes } = mockGroup();
    groupFiles(scope, lock17);
    queueBranches(scope, [{ ref: QUEUE7, sha: GROUP }]);
    mockPull(scope, 7, HEAD7, LOCK7, [approval("alice", HEAD7)]);
    await receive(groupPayload(QUEUE7));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: postmark-mcp 1.0.15 → 1.0.17");
  });

  it("a pull request whose head no longer holds the change set its check analysed covers nothing", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, LOCK7);
    queueBranches(scope, [{ ref: QUEUE7, sha: GROUP }]);
    // The check analysed #7 when it bumped mail-mcp; its head now bumps postmark-mcp (same head sha).
    mockPull(scope, 7, HEAD7, LOCK7, [approval("alice", HEAD7)], storedCheck(HEAD7, LOCK8));
    await receive(groupPayload(QUEUE7));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: postmark-mcp 1.0.15 → 1.0.16");
    assert.match(
      writes.done.output.summary,
      /#7: its changes differ from those its mcp-guard check analysed/,
    );
  });

  it("a pull request whose check is not fresh (no merge base in its state) covers nothing", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, LOCK7);
    queueBranches(scope, [{ ref: QUEUE7, sha: GROUP }]);
    mockPull(scope, 7, HEAD7, LOCK7, [approval("alice", HEAD7)], storedCheck(HEAD7, LOCK7, { stale: true }));
    await receive(groupPayload(QUEUE7));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: postmark-mcp 1.0.15 → 1.0.16");
    assert.match(
      writes.done.output.summary,
      /- #7: its mcp-guard result is for another base or merge base; it is decided again/,
    );
  });

  it("nothing guarded changed in the group: success, and no pull request is read", async () => {
    const zodOnly = lock("1.0.15", "1.0.0", "3.26.0");
    const { scope, writes } = mockGroup();
    groupFiles(scope, zodOnly);
    await receive();
    assert.equal(writes.done.conclusion, "success");
    assert.equal(writes.done.output.title, "No MCP package changes in this merge group");
  });

  for (const [label, status, started] of [
    ["a result", "completed", "2026-11-23T09:00:00Z"],
    ["a live run", "in_progress", new Date().toISOString()],
  ] as const) {
    it(`a redelivered event makes no writes when the group's commit has ${label}`, async () => {
      nock(GH)
        .post("/app/installations/2/access_tokens")
        .optionally()
        .reply(200, { token: "t" })
        .get(`${R}/commits/${GROUP}/check-runs`)
        .query((q) => q.app_id === "123" && q.check_name === "mcp-guard")
        .reply(200, {
          total_count: 1,
          check_runs: [{ id: 20, app: OUR_APP, status, conclusion: null, started_at: started, output: {} }],
        });
      await receive();
    });
  }

  it("a group's check left in progress by a stopped process is ended and the group decided again on redelivery", async () => {
    const { scope, writes } = mockGroup(CONFIG, {
      id: 19,
      app: OUR_APP,
      status: "in_progress",
      conclusion: null,
      started_at: "2026-11-23T09:00:00Z",
      output: {},
    });
    scope
      .patch(`${R}/check-runs/19`, (b) => {
        writes.retired = b;
        return true;
      })
      .reply(200, {});
    tree(scope, BASE, BASE_LOCK);
    tree(scope, GROUP, BASE_LOCK);
    await receive();
    assert.equal(writes.retired.conclusion, "cancelled");
    assert.equal(writes.done.conclusion, "success");
  });

  it("no dependency file changed: success, with only the two trees read", async () => {
    const { scope, writes } = mockGroup();
    tree(scope, BASE, BASE_LOCK);
    tree(scope, GROUP, BASE_LOCK);
    await receive();
    assert.equal(writes.done.conclusion, "success");
    assert.equal(writes.done.output.title, "No MCP package changes in this merge group");
  });
});

describe("the GitHub App: merge queues fail closed", () => {
  const t = appUnderTest();

  async function receive(payload = groupPayload()) {
    await t.probot.receive({ id: "g2", name: "merge_group", payload: payload as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "every GitHub call was expected");
  }

  it("the queued pull request is not found: failure naming the change (no other pull request is looked for)", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, LOCK8);
    queueBranches(scope, [{ ref: ALONE8, sha: GROUP }]);
    scope.get(`${R}/pulls/8`).reply(404, { message: "Not Found" });
    await receive();
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: mail-mcp 1.0.0 → 1.0.1");
    assert.match(writes.done.output.summary, /- #8: not found/);
  });

  it("a queue branch name that names no pull request: failure, and no pull request is read", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, LOCK8);
    queueBranches(scope, [{ ref: ALONE8, sha: GROUP }]);
    await receive(groupPayload("refs/heads/some-other-queue"));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: mail-mcp 1.0.0 → 1.0.1");
    assert.match(
      writes.done.output.summary,
      /- the merge group's branch names no pull request, so none can cover it/,
    );
  });

  it("a stack that cannot be followed to the base (no queue branch at the parent): what lies below stays uncovered", async () => {
    // #8 was built on QUEUED7, but no queue branch points there any more: #7 is not read, its change
    // is not covered, however its own check stands.
    const { scope, writes } = mockGroup();
    groupFiles(scope, GROUP_LOCK);
    queueBranches(scope, [{ ref: STACK8, sha: GROUP }]);
    mockPull(scope, 8, HEAD8, LOCK8, [approval("alice", HEAD8)]);
    await receive(groupPayload(STACK8));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: postmark-mcp 1.0.15 → 1.0.16");
    assert.match(
      writes.done.output.summary,
      /Covered:\n\n- `mail-mcp 1\.0\.0 → 1\.0\.1`: #8, approved by @alice/,
    );
  });

  it("two queue branches at the parent (which one is below cannot be told): neither is read, failure", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, GROUP_LOCK);
    queueBranches(scope, [
      { ref: QUEUE7, sha: QUEUED7 },
      { ref: `refs/heads/gh-readonly-queue/main/pr-9-${BASE}`, sha: QUEUED7 },
      { ref: STACK8, sha: GROUP },
    ]);
    mockPull(scope, 8, HEAD8, LOCK8, [approval("alice", HEAD8)]);
    await receive(groupPayload(STACK8));
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Not approved: postmark-mcp 1.0.15 → 1.0.16");
  });

  it("GitHub failing to list the group's tree (500 after the retries): failure with the reason in the title, no Re-run button", async () => {
    const { scope, writes } = mockGroup();
    scope.get(`${R}/git/trees/${BASE}`).query(true).times(3).reply(500, { message: "boom" });
    await receive();
    assert.equal(writes.done.conclusion, "failure");
    assert.match(writes.done.output.title, /^Analysis failed: GitHub answered 500 to GET .*git\/trees/);
    assert.match(writes.done.output.summary, /add the pull request to the merge queue again/);
    assert.equal(writes.done.actions, undefined);
  });

  it("a tree GitHub truncates: failure, a dependency file past the list is not 'unchanged'", async () => {
    const { scope, writes } = mockGroup();
    tree(scope, BASE, BASE_LOCK, { truncated: true });
    await receive();
    assert.equal(writes.done.conclusion, "failure");
    assert.match(
      writes.done.output.title,
      /^Analysis failed: the file tree of bbbbbbb is larger than GitHub lists/,
    );
  });

  it("an unreadable lockfile in the group: failure naming it", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, "{not json");
    await receive();
    assert.equal(writes.done.conclusion, "failure");
    assert.match(
      writes.done.output.title,
      /^Analysis failed: package-lock\.json: .*cannot tell which packages changed/,
    );
  });

  it("an invalid config fails the group with its problems", async () => {
    const { writes } = mockGroup("reviewers: [alice\n");
    await receive();
    assert.equal(writes.done.conclusion, "failure");
    assert.equal(writes.done.output.title, "Invalid .github/mcp-guard.yml");
  });

  it("a pull request's approval read failing (500) fails the group: unknown is never covered", async () => {
    const { scope, writes } = mockGroup();
    groupFiles(scope, LOCK8);
    queueBranches(scope, [{ ref: ALONE8, sha: GROUP }]);
    scope
      .get(`${R}/pulls/8`)
      .reply(200, {
        number: 8,
        state: "open",
        user: { login: "x" },
        head: { sha: HEAD8 },
        base: { sha: BASE, ref: "main" },
      })
      .get(`${R}/commits/${HEAD8}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [storedCheck(HEAD8, LOCK8)] })
      .get(`${R}/pulls/8/reviews`)
      .query(true)
      .times(3)
      .reply(502, { message: "Bad Gateway" });
    configReads(scope, CONFIG);
    await receive();
    assert.equal(writes.done.conclusion, "failure");
    assert.match(writes.done.output.title, /^Analysis failed: GitHub answered 502 to GET .*reviews/);
  });

  it("a merge group still waiting at shutdown: its check ends failing, never left in progress", async () => {
    // Both of the queue's slots are busy with work that never ends, so the group's job waits.
    for (const key of ["busy-1", "busy-2"])
      t.deps.queue.push(() => new Promise<void>(() => {}), key, { release: async () => {} });
    await t.probot.receive({ id: "g2", name: "merge_group", payload: groupPayload() as never });
    const writes: Writes[] = [];
    const record = (b: Writes) => {
      writes.push(b);
      return true;
    };
    nock(GH)
      .post("/app/installations/2/access_tokens")
      .reply(200, { token: "t", permissions: {} })
      .get(`${R}/commits/${GROUP}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${R}/check-runs`, record)
      .reply(201, { id: 12, app: OUR_APP })
      .patch(`${R}/check-runs/12`, record)
      .reply(200, {});
    const drained = await t.deps.queue.drain(20);
    assert.ok(drained.released.includes(`acme/service@${GROUP}`), JSON.stringify(drained));
    assert.deepEqual(t.unmatched, []);
    assert.equal(writes[0]!.head_sha, GROUP);
    assert.equal(writes[1]!.conclusion, "failure");
    assert.match(
      writes[1]!.output.title,
      /stopped \(a deploy or a restart\) before it decided this merge group/,
    );
  });
});
