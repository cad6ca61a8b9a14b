import assert from "node:assert/strict";
import { describe, it } from "node:test";
import nock from "nock";
import { DEPENDENCY_FILES } from "../../src/gate/changes.js";
import { decodeCheckState, encodeCheckState } from "../../src/github/check-state.js";
import {
  ALICE_REVIEWS,
  approvalReads,
  BASE,
  configReads,
  contents,
  DEPENDABOT_COMMIT,
  dropMocksOfStepsNotReached,
  HEAD,
  lockfile,
  mergeBaseReads,
  mockPullRequestRun,
  OUR_APP,
  POSTMARK_BUMP,
  postmarkLock,
  prPayload,
  pullAt,
  R,
  type Scenario,
} from "../helpers/github.js";
import { appUnderTest, GH } from "../helpers/probot.js";

const CONFIG = ALICE_REVIEWS;
const OLD = "d".repeat(40);
const pm = postmarkLock;
const approvalBy = (user: string, commit = HEAD) => ({
  id: 1,
  user: { login: user, type: "User" },
  state: "APPROVED",
  commit_id: commit,
  submitted_at: "2026-11-23T10:00:00Z",
  body: "",
  html_url: "u",
});

/** A check's PATCH body as this app wrote it: the result, and the state in its text. */
interface Done {
  conclusion: string;
  output: { title: string; summary: string; text: string };
}

/**
 * `done` as GitHub lists it among this app's check runs on `commit` (its state re-pointed there):
 * completed at 09:01, before the approvals (`approvalBy`, 10:00) were given, so it is the result
 * shown when they were.
 */
const shownOn = (commit: string, done: Done) => {
  const state = decodeCheckState(done.output.text);
  assert.ok(state && !state.pending, "the run holds a result's state");
  return {
    id: 5,
    app: OUR_APP,
    head_sha: commit,
    status: "completed",
    conclusion: done.conclusion,
    started_at: "2026-11-23T09:00:00Z",
    completed_at: "2026-11-23T09:01:00Z",
    output: { ...done.output, text: encodeCheckState({ ...state, headSha: commit }) },
  };
};

describe("the GitHub App: pull request scenarios", () => {
  const t = appUnderTest();

  async function run(s: Scenario, author = "dependabot[bot]", more?: (scope: nock.Scope) => void) {
    const { scope, writes } = mockPullRequestRun(s);
    more?.(scope);
    await t.probot.receive({
      id: "1",
      name: "pull_request",
      payload: prPayload("synchronize", author) as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "every GitHub call was expected");
    return writes;
  }

  const bump: Omit<Scenario, "expectReview"> = {
    files: ["package.json", "package-lock.json"],
    base: { "package-lock.json": pm("1.0.15") },
    head: { "package-lock.json": pm("1.0.16") },
    config: CONFIG,
  };

  it("a Renovate PR is blocked with a review", async () => {
    const w = await run({ ...bump, expectReview: true, expectRequest: true }, "renovate[bot]");
    assert.equal(w.done.conclusion, "action_required");
    assert.match(w.review.body, /postmark-mcp 1\.0\.15 → 1\.0\.16/);
  });

  it("a human's PR is guarded the same, and the author's own approval does not count", async () => {
    const w = await run(
      {
        ...bump,
        expectReview: true,
        expectRequest: true,
        reviews: [approvalBy("carol")],
        permissions: { carol: "admin" },
      },
      "carol",
    );
    assert.equal(w.done.conclusion, "action_required");
    assert.match(w.done.output.summary, /@carol: approval does not count: is the author of the pull request/);
  });

  it("a PR touching only non-MCP packages passes with no review", async () => {
    const w = await run({
      files: ["package-lock.json"],
      base: { "package-lock.json": lockfile({ "node_modules/zod": "3.24.0" }) },
      head: { "package-lock.json": lockfile({ "node_modules/zod": "3.25.0" }) },
      config: CONFIG,
      expectReview: false,
    });
    assert.equal(w.done.conclusion, "success");
    assert.equal(w.done.output.title, "No MCP package changes");
    assert.deepEqual(t.deps.analysed, []);
  });

  it("detection reads the manifests of 30 changed packages in two batches, new versions then old ones", async () => {
    const many = (v: string) =>
      lockfile(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`node_modules/lib-${i}`, v])));
    const batches: string[][] = [];
    const manifests = t.deps.manifests;
    t.deps.manifests = (specs, registry) => {
      batches.push(specs);
      return manifests(specs, registry);
    };
    const w = await run({
      files: ["package-lock.json"],
      base: { "package-lock.json": many("1.0.0") },
      head: { "package-lock.json": many("1.1.0") },
      config: CONFIG,
      expectReview: false,
    });
    assert.equal(w.done.conclusion, "success");
    // One batch of the new versions (detection and the source check), one of the old ones (was any MCP?).
    assert.deepEqual(
      batches.map((b) => b.length),
      [30, 30],
    );
  });

  it("a transitive-only MCP change is guarded", async () => {
    const nested = (v: string) =>
      lockfile({ "node_modules/mail-kit": "2.0.0", "node_modules/mail-kit/node_modules/postmark-mcp": v });
    const w = await run({
      files: ["package-lock.json"],
      base: { "package-lock.json": nested("1.0.15") },
      head: { "package-lock.json": nested("1.0.16") },
      config: CONFIG,
      expectReview: true,
      expectRequest: true,
    });
    assert.equal(w.done.conclusion, "action_required");
    assert.deepEqual(t.deps.analysed, ["postmark-mcp@1.0.15→1.0.16"]);
  });

  it("a monorepo: every folder with a package.json is read", async () => {
    const w = await run({
      files: ["apps/mail/package-lock.json", "apps/web/package-lock.json"],
      base: {
        "apps/mail/package-lock.json": pm("1.0.15"),
        "apps/web/package-lock.json": lockfile({ "node_modules/zod": "3.24.0" }),
      },
      head: {
        "apps/mail/package-lock.json": pm("1.0.16"),
        "apps/web/package-lock.json": lockfile({ "node_modules/zod": "3.25.0" }),
      },
      config: CONFIG,
      expectReview: true,
      expectRequest: true,
    });
    assert.equal(w.done.conclusion, "action_required");
    assert.match(w.done.output.summary, /`apps\/mail: postmark-mcp`/);
  });

  it("a PR that edits .github/mcp-guard.yml to weaken its own gate changes nothing", async () => {
    const w = await run(
      { ...bump, files: [...bump.files, ".github/mcp-guard.yml"], expectReview: true, expectRequest: true },
      "mallory",
    );
    assert.equal(w.done.conclusion, "action_required", "the config is read from the default branch only");
  });

  it("an invalid config fails the check with every problem", async () => {
    const w = await run(
      {
        ...bump,
        config: "reviewers:\n  teams: [security]\nrequired_approvals: 0\n",
        readsFiles: false,
        expectReview: false,
      },
      undefined,
      // Where the base is, asked again after the (empty) analysis: no file of the PR is read.
      (scope) => mergeBaseReads(scope, { times: 0, optional: 1 }),
    );
    assert.equal(w.done.conclusion, "failure");
    assert.equal(w.done.output.title, "Invalid .github/mcp-guard.yml");
    assert.match(w.done.output.summary, /reviewers\.teams\.0: "security" is not valid here/);
    assert.match(w.done.output.summary, /required\\_approvals: must be &gt;= 1/);
    assert.deepEqual(w.done.actions, [
      { label: "Re-run", description: "Run the mcp-guard analysis again", identifier: "rerun" },
    ]);
  });

  it("without a config, it blocks and says how to name reviewers", async () => {
    const w = await run({ ...bump, config: null, expectReview: true });
    assert.equal(w.done.conclusion, "action_required");
    assert.match(w.done.output.summary, /Waiting for approval from a repository admin/);
    assert.match(w.done.output.summary, /Name reviewers with `reviewers:/);
  });

  /** Run 1: the bump to 1.0.16 analysed and shown, before anyone approves. */
  async function shownBump(): Promise<Done> {
    const w = await run({ ...bump, expectReview: true, expectRequest: true });
    assert.equal(w.done.conclusion, "action_required");
    assert.match(decodeCheckState(w.done.output.text)?.fingerprint ?? "", /^v2:/);
    return w.done;
  }

  it("a new push changing the package version again voids the earlier approval", async () => {
    // alice approved OLD while its check showed the bump to 1.0.16; the new head bumps to 1.0.17.
    const shown = shownOn(OLD, await shownBump());
    const w = await run({
      ...bump,
      head: { "package-lock.json": pm("1.0.17") },
      reviews: [approvalBy("alice", OLD)],
      history: [shown],
      permissions: { alice: "write" },
      expectReview: true,
      expectRequest: true,
    });
    assert.equal(w.done.conclusion, "action_required");
    assert.match(
      w.done.output.summary,
      /@alice: approval does not count: approved a different set of package changes/,
    );
  });

  it("an approval survives a rebase that keeps the same change set", async () => {
    // alice approved OLD while its check showed the bump to 1.0.16; the rebased head brings the same.
    const shown = shownOn(OLD, await shownBump());
    const w = await run({
      ...bump,
      reviews: [approvalBy("alice", OLD)],
      history: [shown],
      permissions: { alice: "write" },
      expectReview: true,
      expectRequest: true,
    });
    assert.equal(w.done.conclusion, "success");
    assert.equal(w.done.output.title, "Approved by @alice for postmark-mcp 1.0.15 → 1.0.16 (risk: critical)");
  });

  it("an approval given while the reviewed commit showed no mcp-guard result does not count, even for the same change set", async () => {
    // OLD's check never completed before alice approved (its run was still in progress).
    const running = {
      ...shownOn(OLD, await shownBump()),
      status: "in_progress",
      conclusion: null,
      completed_at: null,
    };
    const w = await run({
      ...bump,
      reviews: [approvalBy("alice", OLD)],
      history: [running],
      permissions: { alice: "write" },
      expectReview: true,
      expectRequest: true,
    });
    assert.equal(w.done.conclusion, "action_required");
    assert.match(
      w.done.output.summary,
      /@alice: approval does not count: was given while no mcp-guard result was shown for commit ddddddd \(approve again once the check has a result\)/,
    );
  });

  it("an approval of the head commit itself counts only for a result its check showed: given before any, it does not count", async () => {
    const w = await run({
      ...bump,
      reviews: [approvalBy("alice")],
      history: [],
      permissions: { alice: "write" },
      expectReview: true,
      expectRequest: true,
    });
    assert.equal(w.done.conclusion, "action_required");
    assert.match(
      w.done.output.summary,
      /@alice: approval does not count: was given while no mcp-guard result was shown for commit ccccccc/,
    );
  });

  it("a base move changes what the same head brings: an approval of that head for the earlier change set does not count", async () => {
    // alice approved HEAD while its check showed the bump 1.0.15 → 1.0.16 against BASE.
    const shown = shownOn(HEAD, await shownBump());
    // Then main moved to TIP, which pins 1.0.17: merging HEAD now also takes 1.0.17 back to 1.0.16.
    const TIP = "f".repeat(40);
    const w = await run({
      ...bump,
      tip: TIP,
      mergeBase: BASE,
      other: { [TIP]: { "package-lock.json": pm("1.0.17") } },
      reviews: [approvalBy("alice")],
      history: [shown],
      permissions: { alice: "write" },
      expectReview: true,
      expectRequest: true,
    });
    assert.equal(w.done.conclusion, "action_required");
    assert.match(
      w.done.output.summary,
      /@alice: approval does not count: approved a different set of package changes/,
    );
    assert.match(w.done.output.summary, /The base branch moved since this branch left it/);
    assert.equal(decodeCheckState(w.done.output.text)?.baseSha, TIP);
  });
});

describe("the GitHub App: fail-open paths an attacker tried", () => {
  const t = appUnderTest();

  async function run(s: Scenario) {
    const { writes } = mockPullRequestRun(s);
    await t.probot.receive({ id: "1", name: "pull_request", payload: prPayload("synchronize") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "every GitHub call was expected");
    dropMocksOfStepsNotReached(writes.done);
    return writes;
  }
  /** The base lockfile with one entry edited the way an attacker with push access would. */
  const tamper = (edit: (entry: Record<string, unknown>) => void) => {
    const lock = JSON.parse(pm("1.0.15"));
    edit(lock.packages["node_modules/zod"]);
    return JSON.stringify(lock);
  };

  for (const [label, edit, reason] of [
    [
      "zod keeps its version while resolved and integrity point at another package",
      (e: Record<string, unknown>) => {
        e.resolved = "https://registry.npmjs.org/evil/-/evil-1.0.0.tgz";
        e.integrity = `sha512-${Buffer.alloc(64, 7).toString("base64")}`;
      },
      /node\\?_modules\/zod .*not the registry's tarball/,
    ],
    [
      "zod installs from git",
      (e: Record<string, unknown>) => {
        e.resolved = "git+https://example.com/evil.git#0123456";
      },
      /installs from "git\\?\+https:\/\/example\.com\/evil\.git.*not from the registry/,
    ],
    ["zod loses its version", (e: Record<string, unknown>) => delete e.version, /has no version/],
  ] as const) {
    it(`a lockfile whose ${label} fails the check, though no MCP package changed`, async () => {
      const w = await run({
        files: ["package-lock.json"],
        base: { "package-lock.json": pm("1.0.15") },
        head: { "package-lock.json": tamper(edit) },
        config: CONFIG,
        expectReview: false,
      });
      assert.equal(w.done.conclusion, "failure");
      assert.match(w.done.output.summary, reason);
      assert.match(w.done.output.summary, /Re-running alone will not change this result/);
    });
  }

  it("two-person rule: a designated reviewer who pushed a commit into the Dependabot branch cannot approve it", async () => {
    const w = await run({
      ...POSTMARK_BUMP,
      reviews: [approvalBy("alice")],
      permissions: { alice: "write" },
      commits: [DEPENDABOT_COMMIT, { sha: HEAD, author: { login: "Alice" }, committer: { login: "alice" } }],
      expectReview: true,
      expectRequest: true,
    });
    assert.equal(w.done.conclusion, "action_required");
    assert.match(
      w.done.output.summary,
      /@alice: approval does not count: pushed a commit to this pull request/,
    );
  });

  // A commit whose e-mail no account is linked to: GitHub lists it with `author: null` (or `committer: null`).
  const unlinked = "e".repeat(40);
  const git = (name: string, email: string) => ({ name, email, date: "2026-11-23T09:30:00Z" });
  for (const [label, commit] of [
    [
      "author",
      {
        sha: unlinked,
        author: null,
        committer: null,
        commit: { author: git("Alice", "alice@laptop.local"), committer: git("Alice", "alice@laptop.local") },
      },
    ],
    [
      "committer (its author is Dependabot's)",
      {
        sha: unlinked,
        author: { login: "dependabot[bot]" },
        committer: null,
        commit: {
          author: git("dependabot[bot]", "support@github.com"),
          committer: git("A", "a@laptop.local"),
        },
      },
    ],
  ] as const) {
    it(`two-person rule: a commit whose ${label} is linked to no GitHub account voids a designated reviewer's approval, and the check names it`, async () => {
      const w = await run({
        ...POSTMARK_BUMP,
        reviews: [approvalBy("alice")],
        permissions: { alice: "write" },
        commits: [DEPENDABOT_COMMIT, commit],
        expectReview: true,
        expectRequest: true,
      });
      assert.equal(w.done.conclusion, "action_required");
      assert.match(
        w.done.output.summary,
        /@alice: approval does not count: who pushed commit eeeeeee is unknown \(two-person rule\)/,
      );
      assert.match(
        w.done.output.summary,
        /Commit eeeeeee has an author or committer e-mail linked to no GitHub account/,
      );
      assert.match(w.done.output.summary, /re-push it from an e-mail linked to a GitHub account/);
      assert.doesNotMatch(w.done.output.summary, /more commits than GitHub lists/);
    });
  }

  it("a pull request with more files than GitHub lists (3,000) fails: a lockfile past the list is unread", async () => {
    const w = await run({
      files: ["README.md"],
      base: {},
      head: {},
      config: CONFIG,
      changedFiles: 3_500,
      expectReview: false,
    });
    assert.equal(w.done.conclusion, "failure");
    assert.match(w.done.output.summary, /GitHub listed 1 of the 3500 files/);
  });

  it("reads per pull request are bounded: dependency files in more than 40 folders fail with 'split the pull request'", async () => {
    const w = await run({
      files: Array.from({ length: 41 }, (_, i) => `packages/p${i}/package.json`),
      base: {},
      head: {},
      config: CONFIG,
      expectReview: false,
      noFileReads: true,
    });
    assert.equal(w.done.conclusion, "failure");
    // 41 packages, their parent folder and the root (a workspace is pinned by the lockfile above it).
    assert.match(
      w.done.output.summary,
      /needs dependency files from 43 folders \\\(at most 40 are read\\\); split the pull request/,
    );
  });

  it("the same head opened as a second pull request against another base fails: one check cannot hold both results", async () => {
    const w = await run({
      ...POSTMARK_BUMP,
      pullsAtHead: [pullAt(7, BASE), pullAt(8, "e".repeat(40))],
      expectReview: false,
    });
    assert.equal(w.done.conclusion, "failure");
    assert.match(w.done.output.summary, /heads 2 open pull requests with different bases/);
  });

  it("a retarget (edited with a base change) analyses again; an edit of the title does nothing", async () => {
    const { writes } = mockPullRequestRun({
      ...POSTMARK_BUMP,
      expectReview: true,
      expectRequest: true,
    });
    const retarget = {
      ...prPayload("edited"),
      changes: { base: { ref: { from: "release" }, sha: { from: "e".repeat(40) } } },
    };
    await t.probot.receive({ id: "2", name: "pull_request", payload: retarget as never });
    await t.deps.queue.idle();
    assert.equal(writes.done.conclusion, "action_required");
    const title = { ...prPayload("edited"), changes: { title: { from: "old" } } };
    await t.probot.receive({ id: "3", name: "pull_request", payload: title as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "a title edit makes no GitHub call");
  });

  it("a PR that deletes the lockfile and bumps an MCP package in package.json fails: the version is not pinned", async () => {
    const pj = (range: string) =>
      JSON.stringify({ name: "service", dependencies: { "postmark-mcp": range } });
    const w = await run({
      files: ["package.json", "package-lock.json"],
      base: { "package.json": pj("1.0.15"), "package-lock.json": pm("1.0.15") },
      head: { "package.json": pj("1.0.16") },
      config: CONFIG,
      expectReview: false,
    });
    assert.equal(w.done.conclusion, "failure");
    assert.match(w.done.output.summary, /postmark-mcp changed to "1\.0\.16" without a lockfile/);
  });
});

describe("the GitHub App: re-runs and updates", () => {
  const t = appUnderTest();

  const bumpScenario = {
    files: ["package-lock.json"],
    base: { "package-lock.json": pm("1.0.15") },
    head: { "package-lock.json": pm("1.0.16") },
  };

  const open7 = {
    number: 7,
    state: "open",
    user: { login: "dependabot[bot]" },
    head: { sha: HEAD },
    base: { sha: "b".repeat(40) },
    changed_files: 1,
  };
  const closed8 = { ...open7, number: 8, state: "closed" };
  for (const [label, name, target] of [
    ["a Re-run on the check", "check_run", { check_run: { name: "mcp-guard", head_sha: HEAD } }],
    ["a re-requested check suite", "check_suite", { check_suite: { head_sha: HEAD } }],
  ] as const) {
    it(`${label} analyses the open PRs of that commit again`, async () => {
      const { scope, writes } = mockPullRequestRun({
        rerun: true,
        ...bumpScenario,
        config: CONFIG,
        expectReview: true,
        expectRequest: true,
      });
      const pulls = nock("https://api.github.com")
        .get(`/repos/acme/service/commits/${HEAD}/pulls`)
        .reply(200, [open7, closed8]);
      const pr = prPayload("opened");
      const payload = {
        action: "rerequested",
        ...target,
        repository: pr.repository,
        installation: pr.installation,
      };
      await t.probot.receive({ id: "9", name, payload: payload as never });
      await t.deps.queue.idle();
      assert.deepEqual(t.unmatched, []);
      assert.deepEqual([...scope.pendingMocks(), ...pulls.pendingMocks()], []);
      assert.equal(writes.done.conclusion, "action_required");
    });
  }

  it("when the PR no longer changes a guarded package, the review says so", async () => {
    const ours = {
      id: 55,
      user: { login: "mcp-guard[bot]", type: "Bot" },
      state: "COMMENTED",
      commit_id: HEAD,
      submitted_at: "2026-11-23T09:00:00Z",
      body: "<!-- mcp-guard:review -->\nold",
      html_url: "r",
    };
    const { scope, writes } = mockPullRequestRun({
      files: ["package-lock.json"],
      base: { "package-lock.json": lockfile({ "node_modules/zod": "3.24.0" }) },
      head: { "package-lock.json": lockfile({ "node_modules/zod": "3.25.0" }) },
      config: CONFIG,
      reviews: [ours],
      expectReview: false,
    });
    scope
      .put("/repos/acme/service/pulls/7/reviews/55", (b) => {
        writes.updated = b;
        return true;
      })
      .reply(200, { id: 55, html_url: "https://github.com/acme/service/pull/7#pullrequestreview-55" })
      .post("/repos/acme/service/issues/7/comments", (b) => {
        writes.notice = b;
        return true;
      })
      .reply(201, { id: 1 });
    await t.probot.receive({ id: "10", name: "pull_request", payload: prPayload("synchronize") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
    assert.match(writes.updated.body, /no longer changes a guarded package/);
    assert.match(writes.notice.body, /updated \[its review\]\(r\) .*no longer changes a guarded package/);
    assert.equal(writes.done.conclusion, "success");
  });

  it("a re-push that changes the review: the review is updated in place and one short comment notifies", async () => {
    // Our review of the earlier push (1.0.15 → 1.0.16); the new head bumps to 1.0.17.
    const ours = {
      id: 55,
      user: { login: "mcp-guard[bot]", type: "Bot" },
      state: "COMMENTED",
      commit_id: OLD,
      submitted_at: "2026-11-23T09:00:00Z",
      body: "<!-- mcp-guard:review -->\n## mcp-guard: 🔴 critical risk — postmark-mcp 1.0.15 → 1.0.16\n",
      html_url: "https://github.com/acme/service/pull/7#pullrequestreview-55",
    };
    const { scope, writes } = mockPullRequestRun({
      files: ["package-lock.json"],
      base: { "package-lock.json": pm("1.0.15") },
      head: { "package-lock.json": pm("1.0.17") },
      config: "reviewers:\n  users: [alice]\n  teams: [acme/mcp-security]\n",
      reviews: [ours],
      expectReview: false,
      expectRequest: true,
    });
    scope
      .put("/repos/acme/service/pulls/7/reviews/55", (b) => {
        writes.updated = b;
        return true;
      })
      .reply(200, { id: 55, html_url: ours.html_url })
      .post("/repos/acme/service/issues/7/comments", (b) => {
        writes.notice = b;
        return true;
      })
      .reply(201, { id: 1 });
    await t.probot.receive({ id: "14", name: "pull_request", payload: prPayload("synchronize") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "no second review is created");
    assert.deepEqual(scope.pendingMocks(), []);
    assert.match(
      writes.updated.body,
      /^<!-- mcp-guard:review -->\n## mcp-guard: .* postmark-mcp 1\.0\.15 → 1\.0\.17\n/,
    );
    assert.match(writes.updated.body, /Merge needs approval from @alice or @acme\/mcp-security\./);
    assert.equal(
      writes.notice.body,
      `<!-- mcp-guard:review-updated -->\nmcp-guard updated [its review](${ours.html_url}) for commit ${HEAD.slice(0, 7)}: 🔴 critical risk — postmark-mcp 1.0.15 → 1.0.17. Merge needs approval from @alice or @acme/mcp-security.\n`,
    );
    assert.equal(writes.done.conclusion, "action_required");
  });

  it("a notice GitHub refuses (500) never costs the check its verdict", async () => {
    const ours = {
      id: 55,
      user: { login: "mcp-guard[bot]", type: "Bot" },
      state: "COMMENTED",
      commit_id: OLD,
      submitted_at: "2026-11-23T09:00:00Z",
      body: "<!-- mcp-guard:review -->\nan older review\n",
      html_url: "https://github.com/acme/service/pull/7#pullrequestreview-55",
    };
    const { scope, writes } = mockPullRequestRun({
      ...bumpScenario,
      config: CONFIG,
      reviews: [ours],
      expectReview: false,
      expectRequest: true,
    });
    scope
      .put("/repos/acme/service/pulls/7/reviews/55")
      .reply(200, { id: 55, html_url: ours.html_url })
      .post("/repos/acme/service/issues/7/comments")
      .times(3) // a 500 is retried twice
      .reply(500, { message: "Server Error" });
    await t.probot.receive({ id: "15", name: "pull_request", payload: prPayload("synchronize") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
    assert.equal(writes.done.conclusion, "action_required");
    assert.equal(writes.done.details_url, ours.html_url);
  });

  it("asks the designated users and teams for a review", async () => {
    const { writes } = mockPullRequestRun({
      ...bumpScenario,
      config: "reviewers:\n  users: [alice, dependabot]\n  teams: [acme/security]\n",
      expectReview: true,
      expectRequest: true,
    });
    await t.probot.receive({ id: "11", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(writes.requested, { reviewers: ["alice", "dependabot"], team_reviewers: ["security"] });
  });

  it("logins compare case-insensitively (the author is not asked); another organisation's team is named, not asked", async () => {
    const { writes } = mockPullRequestRun({
      ...bumpScenario,
      config: "reviewers:\n  users: [alice, carol]\n  teams: [acme/security, other/security]\n",
      expectReview: true,
      expectRequest: true,
    });
    await t.probot.receive({
      id: "12",
      name: "pull_request",
      payload: prPayload("opened", "Carol") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(writes.requested, { reviewers: ["alice"], team_reviewers: ["security"] });
    assert.match(writes.done.output.summary, /Could not ask @other\/security for a review/);
  });

  it("a reviewer who is not a collaborator (422): the check names the login in a note that the app's own review event and a later approval keep", async () => {
    // 1. The run: GitHub refuses the request (422) without saying who; each user is checked, the
    //    collaborator is asked again, and the check names the one who could not be asked.
    const { scope, writes } = mockPullRequestRun({
      ...bumpScenario,
      config: "reviewers:\n  users: [alice, outsider]\n",
      expectReview: true,
      requestStatus: 422,
    });
    scope
      .get(`${R}/collaborators/alice`)
      .reply(204)
      .get(`${R}/collaborators/outsider`)
      .reply(404, { message: "Not Found" })
      .post(`${R}/pulls/7/requested_reviewers`, (b) => {
        writes.retried = b;
        return true;
      })
      .reply(201, {});
    await t.probot.receive({ id: "13", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(writes.retried, { reviewers: ["alice"], team_reviewers: [] }, "alice is still asked");
    assert.equal(writes.done.conclusion, "action_required");
    const NOTE =
      "- Could not ask @outsider for a review: is not a collaborator of acme/service. Add them to the repository, or fix `reviewers` in .github/mcp-guard.yml.";
    assert.ok(writes.done.output.summary.includes(NOTE), writes.done.output.summary);
    assert.ok(!writes.done.output.summary.includes("@alice for a review"), "alice was asked");

    // 2. 100 ms later the app's own review event arrives (its bot posted the review): the gate's
    //    decision is unchanged, so nothing is written and the check keeps the note.
    const ours = {
      id: 99,
      user: { login: "mcp-guard[bot]", type: "Bot" },
      state: "COMMENTED",
      commit_id: HEAD,
      submitted_at: "2026-11-23T09:00:00Z",
      body: writes.review.body,
      html_url: "https://github.com/acme/service/pull/7#pullrequestreview-99",
    };
    // The check as GitHub lists it: completed at 08:59, before anyone reviewed.
    const checkNow = {
      id: 10,
      app: OUR_APP,
      status: "completed",
      conclusion: writes.done.conclusion,
      started_at: "2026-11-23T08:58:00Z",
      completed_at: "2026-11-23T08:59:00Z",
      output: writes.done.output,
    };
    const config = "reviewers:\n  users: [alice, outsider]\n";
    const reviewEvent = (user: string, type: string, id: string) =>
      t.probot.receive({
        id,
        name: "pull_request_review",
        payload: {
          ...prPayload("opened"),
          action: "submitted",
          review: { id: 99, state: "commented", user: { login: user, type } },
        } as never,
      });
    const s2 = nock(GH)
      .get(`${R}/pulls/7`)
      .reply(200, { ...open7, changed_files: 1 })
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [checkNow] })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [ours]);
    configReads(s2, config);
    mergeBaseReads(s2);
    await reviewEvent("mcp-guard[bot]", "Bot", "14");
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "no write: the check still holds the note");
    assert.deepEqual(s2.pendingMocks(), []);

    // 3. alice approves (10:00, after the check showed its result): the check passes, and still
    //    names who could not be asked.
    approvalReads(nock(GH), { ...open7, changed_files: 1 }, checkNow, [ours, approvalBy("alice")], { config })
      .patch(`${R}/check-runs/10`, (b) => {
        writes.approved = b;
        return true;
      })
      .reply(200, {});
    await reviewEvent("alice", "User", "15");
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(writes.approved.conclusion, "success");
    assert.ok(writes.approved.output.summary.includes(NOTE), writes.approved.output.summary);
    // The change set on display is unchanged: the check keeps the time it was first shown at.
    assert.equal(writes.approved.completed_at, checkNow.completed_at);
  });

  it("a reviewer request GitHub refuses though every user is a collaborator (a team without access) names everyone asked and GitHub's words", async () => {
    const { scope, writes } = mockPullRequestRun({
      ...bumpScenario,
      config: "reviewers:\n  users: [alice]\n  teams: [acme/security]\n",
      expectReview: true,
      requestStatus: 422,
    });
    scope.get(`${R}/collaborators/alice`).reply(204);
    await t.probot.receive({ id: "16", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(writes.done.conclusion, "action_required");
    assert.match(
      writes.done.output.summary,
      /Could not ask @alice, @acme\/security for a review \(GitHub: Reviews may only be requested from collaborators\.\); check `reviewers`/,
    );
  });
});

describe("the GitHub App: where config and reviewers come from", () => {
  const t = appUnderTest();
  const bump = {
    files: ["package-lock.json"],
    base: { "package-lock.json": pm("1.0.15") },
    head: { "package-lock.json": pm("1.0.16") },
  };

  const ALICE_ONLY = "reviewers:\n  users: [alice]\n";

  it("without the operator's opt-in, the organisation's .github repository is never read: the defaults apply and the check says there is no config", async () => {
    let orgAsked = 0;
    // Would answer a read of acme/.github (its default branch, its config): none may be made.
    nock(GH)
      .get((uri) => uri.startsWith("/repos/acme/.github"))
      .optionally()
      .times(10)
      .reply(() => {
        orgAsked++;
        return [200, { default_branch: "main" }];
      });
    const { writes } = mockPullRequestRun({ ...bump, config: null, expectReview: true });
    assert.equal(t.deps.orgConfig, undefined, "off unless the operator enables it");
    await t.probot.receive({
      id: "12",
      name: "pull_request",
      payload: prPayload("opened", "Carol") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(orgAsked, 0, "acme/.github was not read");
    assert.equal(writes.done.conclusion, "action_required");
    assert.match(writes.done.output.summary, /Waiting for approval from a repository admin/);
    assert.match(writes.done.output.summary, /Name reviewers with `reviewers:/);
    assert.doesNotMatch(writes.done.output.summary, /Rules:/);
    assert.doesNotMatch(writes.done.output.summary, /@alice/);
  });

  it("with the operator's opt-in (deps.orgConfig), falls back to the organisation's .github repository, and the check names the file and commit", async () => {
    t.deps.orgConfig = true;
    const { writes } = mockPullRequestRun({
      ...bump,
      config: null,
      orgConfig: ALICE_ONLY,
      expectReview: true,
      expectRequest: true,
    });
    await t.probot.receive({
      id: "12",
      name: "pull_request",
      payload: prPayload("opened", "Carol") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(writes.requested, { reviewers: ["alice"], team_reviewers: [] });
    assert.match(writes.done.output.summary, /Waiting for approval from @alice/);
    assert.match(
      writes.done.output.summary,
      /Rules: `acme\/\.github:\.github\/mcp-guard\.yml` at `aaaaaaa`\./,
    );
  });

  /**
   * A run of the bump whose config is `.github/mcp-guard.yml` and `.github/mcp-guard.yaml` on the
   * default branch (null: absent). `valid`: the run reads the PR's files, posts a review and asks alice.
   */
  function configFilesRun(yml: string | null, yaml: string | null, valid: boolean) {
    // biome-ignore lint/suspicious/noExplicitAny: request bodies as GitHub receives them
    const writes: Record<string, any> = {};
    const scope = nock(GH)
      .post("/app/installations/2/access_tokens")
      .optionally()
      .reply(200, { token: "t" })
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${R}/check-runs`)
      .reply(201, { id: 10, app: OUR_APP })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [])
      .get(`${R}/pulls/7`)
      .reply(200, {
        number: 7,
        state: "open",
        user: { login: "dependabot[bot]" },
        head: { sha: HEAD },
        base: { sha: BASE, ref: "main" },
        changed_files: 1,
      })
      .patch(`${R}/check-runs/10`, (b) => {
        writes.done = b;
        return true;
      })
      .reply(200, {});
    configReads(scope, yml, { yaml });
    // Where the base is: with the facts, and again after the analysis.
    mergeBaseReads(scope, valid ? { times: 2 } : { times: 1, optional: 1 });
    if (valid) {
      scope
        .get(`${R}/commits/${HEAD}/pulls`)
        .query(true)
        .reply(200, [pullAt(7, BASE)])
        .get(`${R}/pulls/7/files`)
        .query(true)
        .reply(200, [{ filename: "package-lock.json" }]);
      for (const path of DEPENDENCY_FILES) {
        contents(scope, path, BASE, (bump.base as Record<string, string>)[path] ?? null);
        contents(scope, path, HEAD, (bump.head as Record<string, string>)[path] ?? null);
      }
      scope
        .post(`${R}/pulls/7/reviews`)
        .reply(200, { id: 99, html_url: "https://github.com/acme/service/pull/7#pullrequestreview-99" })
        .post(`${R}/pulls/7/requested_reviewers`, (b) => {
          writes.requested = b;
          return true;
        })
        .reply(201, {});
    }
    return writes;
  }

  it("reads .github/mcp-guard.yaml when it is the repository's only config, and the check names it", async () => {
    const writes = configFilesRun(null, ALICE_ONLY, true);
    await t.probot.receive({ id: "12", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(writes.done.conclusion, "action_required");
    assert.deepEqual(writes.requested, { reviewers: ["alice"], team_reviewers: [] });
    assert.match(writes.done.output.summary, /Waiting for approval from @alice/);
    assert.match(
      writes.done.output.summary,
      /Rules: `acme\/service:\.github\/mcp-guard\.yaml` at `aaaaaaa`\./,
    );
  });

  it("both .github/mcp-guard.yml and .github/mcp-guard.yaml on the default branch fail the check as an invalid config naming both", async () => {
    const writes = configFilesRun(ALICE_ONLY, "reviewers:\n  users: [mallory]\n", false);
    await t.probot.receive({ id: "12", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(writes.done.conclusion, "failure");
    assert.match(writes.done.output.title, /^Invalid /);
    assert.match(writes.done.output.summary, /\.github\/mcp-guard\.yml/);
    assert.match(writes.done.output.summary, /\.github\/mcp-guard\.yaml/);
    assert.match(writes.done.output.summary, /both .* exist/);
    // Neither file's rules were taken: nobody was asked, no review posted (no mock for either).
    assert.doesNotMatch(writes.done.output.summary, /@alice|@mallory/);
    assert.equal(writes.requested, undefined);
  });

  it("counts an active member of a designated team, read from the API", async () => {
    const teams = "reviewers:\n  teams: [acme/security]\n";
    // 1. The run shows its result (no approval yet).
    const { writes } = mockPullRequestRun({
      ...bump,
      config: teams,
      expectReview: true,
      expectRequest: true,
    });
    await t.probot.receive({ id: "13", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(writes.done.conclusion, "action_required");
    // 2. bob, a member of acme/security, approves after it was shown: the review event re-decides.
    const check = {
      id: 10,
      app: OUR_APP,
      status: "completed",
      conclusion: writes.done.conclusion,
      started_at: "2026-11-23T09:00:00Z",
      completed_at: "2026-11-23T09:01:00Z",
      output: writes.done.output,
    };
    const bob = {
      id: 2,
      user: { login: "bob", type: "User" },
      state: "APPROVED",
      commit_id: HEAD,
      submitted_at: "2026-11-23T10:00:00Z",
      body: "",
      html_url: "u",
    };
    const s2 = nock(GH)
      .get(`${R}/pulls/7`)
      .reply(200, {
        number: 7,
        state: "open",
        user: { login: "dependabot[bot]" },
        head: { sha: HEAD },
        base: { sha: BASE, ref: "main" },
      })
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query((q) => q.filter !== "all")
      .reply(200, { total_count: 1, check_runs: [check] })
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query((q) => q.filter === "all")
      .reply(200, { total_count: 1, check_runs: [check] })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [bob])
      .get("/orgs/acme/teams/security/memberships/bob")
      .reply(200, { state: "active", role: "member" })
      .get(`${R}/collaborators/bob/permission`)
      .reply(200, { permission: "write" })
      .get(`${R}/pulls/7/commits`)
      .query(true)
      .reply(200, [DEPENDABOT_COMMIT])
      .patch(`${R}/check-runs/10`, (b) => {
        writes.approved = b;
        return true;
      })
      .reply(200, {});
    configReads(s2, teams);
    mergeBaseReads(s2);
    await t.probot.receive({
      id: "14",
      name: "pull_request_review",
      payload: {
        ...prPayload("opened"),
        action: "submitted",
        review: { id: 2, state: "approved", user: { login: "bob", type: "User" } },
      } as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(writes.approved.conclusion, "success");
    assert.equal(
      writes.approved.output.title,
      "Approved by @bob for postmark-mcp 1.0.15 → 1.0.16 (risk: critical)",
    );
  });
});

describe("the GitHub App: fail closed on what it cannot read", () => {
  const t = appUnderTest();

  it("a lockfile over 1 MB is read whole (raw media type), not refused as 'Unknown encoding'", async () => {
    const big = (v: string) => {
      const lock = JSON.parse(pm(v));
      for (let i = 0; i < 30_000; i++) lock.packages[`node_modules/pad-${i}`] = { version: "1.0.0" };
      return JSON.stringify(lock);
    };
    assert.ok(big("1.0.16").length > 1_000_000);
    const { writes } = mockPullRequestRun({
      files: ["package-lock.json"],
      base: { "package-lock.json": big("1.0.15") },
      head: { "package-lock.json": big("1.0.16") },
      config: CONFIG,
      raw: true,
      expectReview: true,
      expectRequest: true,
    });
    await t.probot.receive({ id: "15", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.equal(writes.done.conclusion, "action_required");
    assert.deepEqual(t.deps.analysed, ["postmark-mcp@1.0.15→1.0.16"]);
  });

  it("a lockfile path that is a folder (or a symlink) is not 'absent': the check fails naming it", async () => {
    const { writes } = mockPullRequestRun({
      files: ["package-lock.json"],
      base: { "package-lock.json": pm("1.0.15") },
      head: { "package-lock.json": { body: [{ type: "file", name: "x" }] } },
      config: CONFIG,
      expectReview: false,
    });
    await t.probot.receive({ id: "16", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.equal(writes.done.conclusion, "failure");
    assert.match(writes.done.output.summary, /package-lock\.json at c{7} is a folder/);
    dropMocksOfStepsNotReached(writes.done);
  });

  it("a PR touching bun's binary lockfile fails, saying how to switch to the text lockfile", async () => {
    const { writes } = mockPullRequestRun({
      files: ["bun.lockb"],
      base: {},
      head: {},
      config: CONFIG,
      expectReview: false,
    });
    await t.probot.receive({ id: "14", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.equal(writes.done.conclusion, "failure");
    assert.match(
      writes.done.output.summary,
      /bun\.lockb: bun's binary lockfile cannot be read; switch to the text lockfile/,
    );
    assert.match(writes.done.output.summary, /bun install --save-text-lockfile/);
    dropMocksOfStepsNotReached(writes.done);
  });
});

describe("the GitHub App: stale results and failed posts", () => {
  const t = appUnderTest();
  const bump = {
    files: ["package-lock.json"],
    base: { "package-lock.json": pm("1.0.15") },
    head: { "package-lock.json": pm("1.0.16") },
  };

  it("a push during the analysis drops the older result: no review, the old check cancelled", async () => {
    const { scope, writes } = mockPullRequestRun({
      ...bump,
      config: CONFIG,
      headNow: "e".repeat(40),
      expectReview: false,
    });
    // Where the base is, read again after the analysis for the head GitHub reports now.
    mergeBaseReads(scope, { head: "e".repeat(40) });
    await t.probot.receive({ id: "16", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "no review was posted for the stale head");
    assert.equal(writes.done.conclusion, "cancelled");
    assert.equal(writes.done.output.title, "Superseded by a newer push");
    assert.equal(writes.review, undefined);
  });

  it("a review rejected by GitHub never blocks the check update, and never turns it green", async () => {
    const { scope, writes } = mockPullRequestRun({
      ...bump,
      config: CONFIG,
      expectReview: false,
      expectRequest: true,
    });
    scope
      .post("/repos/acme/service/pulls/7/reviews")
      .reply(422, { message: "Validation Failed: body is too long" });
    await t.probot.receive({ id: "17", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(writes.done.conclusion, "action_required");
    assert.match(
      writes.done.output.summary,
      /The review could not be posted \(Validation Failed: body is too long/,
    );
  });
});

describe("the GitHub App: per-PR cap", () => {
  const t = appUnderTest();
  it("a 50-package group fails with 'split the PR' before any analysis", async () => {
    const pkgs = (v: string) =>
      Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`node_modules/p${i}-mcp`, v]));
    const { writes } = mockPullRequestRun({
      files: ["package-lock.json"],
      base: { "package-lock.json": lockfile(pkgs("1.0.0")) },
      head: { "package-lock.json": lockfile(pkgs("1.0.1")) },
      config: 'packages:\n  include: ["*-mcp"]\n',
      expectReview: false,
    });
    await t.probot.receive({ id: "18", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.equal(writes.done.conclusion, "failure");
    assert.match(
      writes.done.output.summary,
      /50 guarded package changes exceed the per-PR limit of 25; split the PR/,
    );
    // The reason is the title, and no Re-run is offered where the summary says re-running will not help.
    assert.match(writes.done.output.title, /^Analysis failed: 50 guarded package changes exceed/);
    assert.equal(writes.done.actions, undefined);
    dropMocksOfStepsNotReached(writes.done);
    assert.deepEqual(t.deps.analysed, []);
  });
});

describe("the GitHub App: redelivered events", () => {
  const t = appUnderTest();
  const stateText = encodeCheckState({
    headSha: HEAD,
    baseSha: BASE,
    mergeBaseSha: BASE,
    fingerprint: "f",
    changes: [],
  });
  // What a claim writes on the check it starts: the (base, head) being decided, nothing decided yet.
  const pendingText = encodeCheckState({
    headSha: HEAD,
    baseSha: BASE,
    fingerprint: "",
    changes: [],
    pending: true,
  });

  for (const [label, check] of [
    [
      "a completed result",
      {
        id: 10,
        app: OUR_APP,
        status: "completed",
        conclusion: "action_required",
        started_at: "2026-11-23T10:00:00Z",
        output: { title: "t", summary: "s", text: stateText },
      },
    ],
    [
      "a run still in progress",
      {
        id: 10,
        app: OUR_APP,
        status: "in_progress",
        conclusion: null,
        started_at: new Date().toISOString(),
        output: { title: "t", summary: "s", text: pendingText },
      },
    ],
  ] as const) {
    it(`the same delivery again makes no writes when the head has ${label}`, async () => {
      nock("https://api.github.com")
        .post("/app/installations/2/access_tokens")
        .optionally()
        .reply(200, { token: "t" })
        .get(`/repos/acme/service/commits/${HEAD}/check-runs`)
        .query(true)
        .reply(200, { total_count: 1, check_runs: [check] });
      await t.probot.receive({ id: "20", name: "pull_request", payload: prPayload("synchronize") as never });
      await t.deps.queue.idle();
      assert.deepEqual(t.unmatched, [], "no write was attempted");
      assert.deepEqual(t.deps.analysed, []);
    });
  }

  it("another app's check named mcp-guard is not this app's result: the head is analysed (and the API asked for ours only)", async () => {
    const impostor = {
      id: 77,
      app: { id: 999, slug: "impostor" },
      status: "completed",
      conclusion: "success",
      started_at: "2026-11-23T10:00:00Z",
      output: { title: "No MCP package changes", summary: "s", text: stateText },
    };
    let asked = "";
    const { writes } = mockPullRequestRun({
      files: ["package-lock.json"],
      base: { "package-lock.json": postmarkLock("1.0.15") },
      head: { "package-lock.json": postmarkLock("1.0.16") },
      config: CONFIG,
      existingCheck: impostor,
      onCheckQuery: (q) => {
        asked = q;
      },
      expectReview: true,
      expectRequest: true,
    });
    await t.probot.receive({ id: "21", name: "pull_request", payload: prPayload("synchronize") as never });
    await t.deps.queue.idle();
    assert.match(asked, /app_id=123/);
    assert.equal(writes.done.conclusion, "action_required");
    assert.deepEqual(t.deps.analysed, ["postmark-mcp@1.0.15→1.0.16"]);
  });

  for (const retireStatus of [200, 500]) {
    it(`a check left in progress by a crash is analysed again on redelivery (ending the old one answers ${retireStatus})`, async () => {
      const crashed = {
        id: 9,
        app: OUR_APP,
        status: "in_progress",
        conclusion: null,
        started_at: "2026-11-23T09:00:00Z",
        output: { title: "t", summary: "s", text: null },
      };
      const { scope, writes } = mockPullRequestRun({
        files: ["package-lock.json"],
        base: { "package-lock.json": pm("1.0.15") },
        head: { "package-lock.json": pm("1.0.16") },
        config: CONFIG,
        existingCheck: crashed,
        expectReview: true,
        expectRequest: true,
      });
      let retired: { conclusion?: string; output?: { title: string } } | undefined;
      scope
        .patch("/repos/acme/service/check-runs/9", (b) => {
          retired = b;
          return true;
        })
        .times(retireStatus === 200 ? 1 : 3) // a 500 is retried twice
        .reply(retireStatus, {});
      await t.probot.receive({ id: "21", name: "pull_request", payload: prPayload("synchronize") as never });
      await t.deps.queue.idle();
      assert.deepEqual(t.unmatched, []);
      // Ending the old check is cosmetic: the new run decides the PR either way.
      assert.equal(writes.done.conclusion, "action_required");
      assert.equal(retired?.conclusion, "cancelled");
      assert.equal(retired?.output?.title, "Abandoned by a stopped process");
    });
  }
});
