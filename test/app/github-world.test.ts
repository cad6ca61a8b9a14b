/**
 * The in-memory GitHub (test/helpers/github-world.ts) answers as GitHub's REST API does: merge bases
 * and three-way merges, compare and pull request files against the base tip now, check runs with
 * `filter=latest|all`, contents in both media types, an ordered clock, and routes that leave
 * test/setup.ts's pendingMocks() check satisfied whichever of them a test used.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { GitHubWorld, SERVICE, WORLD_APP } from "../helpers/github-world.js";

const R = { owner: "acme", repo: "service" };
const GH = "https://api.github.com";

describe("the GitHub world", () => {
  let world: GitHubWorld;
  let teardown: () => void;
  const octokit = new ProbotOctokit({
    auth: { token: "t" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  beforeEach(() => {
    world = new GitHubWorld({ files: { "package.json": '{"name":"service"}', "a.txt": "1", "b.txt": "1" } });
    teardown = world.install();
  });
  afterEach(() => {
    teardown();
    assert.deepEqual(world.unknown, [], "every request had a route");
  });

  it("finds the merge base and merges three ways, refusing a conflict", () => {
    const root = world.resolve(SERVICE, "main")!;
    const head = world.openPull({ author: "dependabot[bot]", head: "bump", changes: { "a.txt": "2" } }).sha;
    const tip = world.push(SERVICE, "main", { "b.txt": "2" }).sha;
    assert.equal(world.mergeBase(tip, head), root);
    assert.deepEqual(
      Object.fromEntries(world.merge(tip, head)!),
      { "package.json": '{"name":"service"}', "a.txt": "2", "b.txt": "2" },
      "each side's change is kept",
    );
    const clash = world.push(SERVICE, "clash", { "b.txt": "3" }, { from: root }).sha;
    assert.equal(world.merge(tip, clash), null, "both sides changed b.txt differently");
    const same = world.push(SERVICE, "same", { "b.txt": "2" }, { from: root }).sha;
    assert.equal(world.merge(tip, same)?.get("b.txt"), "2", "the same change on both sides is no conflict");
    // Merging main into the branch moves the merge base to main's tip.
    const merged = world.commit(SERVICE, [head, tip], { "b.txt": "2" });
    assert.equal(world.mergeBase(tip, merged), tip);
    assert.deepEqual(world.changedFiles(tip, merged), [{ filename: "a.txt", status: "modified" }]);
  });

  it("compares and lists a pull request's files against the base branch's tip now", async () => {
    const root = world.resolve(SERVICE, "main")!;
    const { number, sha } = world.openPull({
      author: "dependabot[bot]",
      head: "deps/bump",
      changes: { "a.txt": "2", "new.txt": "x", "b.txt": null },
    });
    const tip = world.push(SERVICE, "main", { "package.json": "{}" }).sha;
    const cmp = await octokit.rest.repos.compareCommitsWithBasehead({ ...R, basehead: `main...deps/bump` });
    assert.equal(cmp.data.status, "diverged");
    assert.equal(cmp.data.base_commit.sha, tip);
    assert.equal(cmp.data.merge_base_commit.sha, root);
    assert.deepEqual([cmp.data.ahead_by, cmp.data.behind_by], [1, 1]);
    const expected = [
      { filename: "a.txt", status: "modified" },
      { filename: "b.txt", status: "removed" },
      { filename: "new.txt", status: "added" },
    ];
    assert.deepEqual(
      cmp.data.files?.map(({ filename, status }) => ({ filename, status })),
      expected,
    );
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...R, pull_number: number });
    assert.deepEqual(
      files.map(({ filename, status }) => ({ filename, status })),
      expected,
    );
    const pull = (await octokit.rest.pulls.get({ ...R, pull_number: number })).data;
    assert.deepEqual([pull.base.sha, pull.head.sha, pull.changed_files], [tip, sha, 3]);
    assert.equal(pull.user.type, "Bot");
    const commits = await octokit.paginate(octokit.rest.pulls.listCommits, { ...R, pull_number: number });
    assert.deepEqual(
      commits.map((c) => [c.sha, c.author?.login]),
      [[sha, "dependabot[bot]"]],
    );
    await assert.rejects(
      octokit.rest.repos.compareCommitsWithBasehead({ ...R, basehead: "main...nope" }),
      (e: { status?: number }) => e.status === 404,
    );
  });

  it("keeps check runs: created, completed, listed latest per name and app or all", async () => {
    const sha = world.resolve(SERVICE, "main")!;
    const other = world.addCheck({ head_sha: sha, name: "mcp-guard" }); // another app's run of the same name
    const first = (
      await octokit.rest.checks.create({ ...R, head_sha: sha, name: "mcp-guard", status: "in_progress" })
    ).data;
    assert.equal(first.app?.id, WORLD_APP.id);
    assert.deepEqual([first.status, first.conclusion, first.completed_at], ["in_progress", null, null]);
    const output = { title: "ok", summary: "no findings" };
    const done = (
      await octokit.rest.checks.update({ ...R, check_run_id: first.id, conclusion: "success", output })
    ).data;
    assert.equal(done.status, "completed");
    assert.ok(done.completed_at! > done.started_at!, "completed after it started");
    const second = (
      await octokit.rest.checks.create({ ...R, head_sha: sha, name: "mcp-guard", status: "queued" })
    ).data;

    const list = (q: Record<string, string | number>) =>
      octokit.rest.checks
        .listForRef({ ...R, ref: sha, ...q })
        .then((r) => r.data.check_runs.map((c) => c.id));
    assert.deepEqual(await list({}), [second.id, other.id], "latest: one per (name, app), newest first");
    assert.deepEqual(await list({ filter: "all" }), [second.id, first.id, other.id]);
    assert.deepEqual(await list({ filter: "all", app_id: WORLD_APP.id }), [second.id, first.id]);
    assert.deepEqual(await list({ check_name: "other" }), []);
    assert.equal(world.latestCheck(sha)?.id, second.id);
    await assert.rejects(
      octokit.rest.checks.update({ ...R, check_run_id: 4242, status: "in_progress" }),
      (e: { status?: number }) => e.status === 404,
    );
    await assert.rejects(
      octokit.rest.checks.create({ ...R, head_sha: "f".repeat(40), name: "mcp-guard" }),
      (e: { status?: number }) => e.status === 422,
      "GitHub refuses a run on a commit it does not have",
    );
    assert.deepEqual(
      world.outbox.map((e) => `${e.name}.${e.payload.action}`),
      ["check_run.created", "check_run.completed", "check_run.created"],
    );
  });

  it("serves contents raw or as JSON, at a branch or a sha, and 404 where there is no file", async () => {
    const before = world.resolve(SERVICE, "main")!;
    world.push(SERVICE, "main", { ".github/mcp-guard.yml": "reviewers:\n  users: [alice]\n" });
    const path = ".github/mcp-guard.yml";
    const raw = await octokit.rest.repos.getContent({
      ...R,
      path,
      ref: "main",
      mediaType: { format: "raw" },
    });
    assert.equal(raw.data as unknown, "reviewers:\n  users: [alice]\n");
    assert.match(String(raw.headers["content-type"]), /^application\/vnd\.github\.raw/);
    const json = (await octokit.rest.repos.getContent({ ...R, path })).data as {
      type: string;
      content: string;
    };
    assert.equal(json.type, "file");
    assert.equal(Buffer.from(json.content, "base64").toString(), "reviewers:\n  users: [alice]\n");
    await assert.rejects(
      octokit.rest.repos.getContent({ ...R, path, ref: before }),
      (e: { status?: number }) => e.status === 404,
    );
    const org = await fetch(`${GH}/repos/acme/.github/contents/.github%2Fmcp-guard.yml`);
    assert.equal(org.status, 404, "no acme/.github in this world");
    assert.deepEqual(world.unknown, [], "a missing resource is not a missing route");
    assert.equal(world.log.at(-1)?.path, "/repos/acme/.github/contents/.github/mcp-guard.yml");
  });

  it("stamps every event one second after the last", async () => {
    const start = world.now;
    const { number, events } = world.openPull({ author: "bob", head: "b", changes: { "a.txt": "9" } });
    world.setPermission("alice", "write");
    const { id, events: submitted } = world.review(number, "alice", "APPROVED");
    const check = await octokit.rest.checks.create({ ...R, head_sha: world.pull(number).headSha, name: "x" });
    const dismissed = world.dismiss(number, id);
    const stamps = [
      start,
      events[0]!.payload.head_commit.timestamp,
      world.pull(number).created_at,
      submitted[0]!.payload.review.submitted_at,
      check.data.started_at,
      world.now,
    ];
    assert.deepEqual([...stamps].sort(), stamps, "in order");
    assert.equal(new Set(stamps).size, stamps.length, "all distinct");
    assert.equal(start, "2026-12-01T00:00:00Z");
    assert.equal(submitted[0]!.payload.review.state, "approved");
    assert.equal(dismissed[0]!.payload.review.state, "dismissed");
    world.tick(60);
    assert.equal(Date.parse(world.now) - Date.parse(stamps.at(-1)!), 60_000);
  });

  it("sends the webhooks GitHub would: push and synchronize, a retarget's old base", () => {
    world.push(SERVICE, "release", {});
    const oldBase = world.resolve(SERVICE, "main")!;
    const { number } = world.openPull({ author: "bob", head: "feat", changes: { "a.txt": "2" } });
    const { sha, events } = world.pushHead(number, { "c.txt": "new" });
    assert.deepEqual(
      events.map((e) => `${e.name}.${e.payload.action ?? ""}`),
      ["push.", "pull_request.synchronize"],
    );
    assert.deepEqual(events[0]!.payload.commits[0].added, ["c.txt"]);
    assert.equal(events[1]!.payload.pull_request.head.sha, sha);
    const [edited] = world.retarget(number, "release");
    assert.deepEqual(edited!.payload.changes, { base: { ref: { from: "main" }, sha: { from: oldBase } } });
    assert.equal(edited!.payload.pull_request.base.ref, "release");
    assert.deepEqual(world.setTeam("acme/security", "carol", true)[0]!.payload.team.slug, "security");
    assert.deepEqual(world.setTeam("acme/security", "carol", true), [], "no change, no event");
    assert.deepEqual(
      world
        .setPermission("carol", "write")
        .concat(world.setPermission("carol", "admin"))
        .map((e) => e.payload.action),
      ["added", "edited"],
    );
  });

  it("pages lists with link headers, and records a route it does not have", async () => {
    for (const head of ["p1", "p2", "p3"]) world.openPull({ author: "bob", head, changes: { [head]: head } });
    const page = await octokit.rest.pulls.list({ ...R, state: "open", per_page: 2 });
    assert.match(String(page.headers.link), /rel="next"/);
    const all = await octokit.paginate(octokit.rest.pulls.list, { ...R, state: "open", per_page: 2 });
    assert.deepEqual(
      all.map((p) => p.number),
      [3, 2, 1],
    );
    const res = await fetch(`${GH}/repos/acme/service/deployments`);
    assert.equal(res.status, 404);
    assert.deepEqual(world.unknown.splice(0), ["GET /repos/acme/service/deployments"]);
  });

  it("lists a tree with its folders, and answers a fault it was told to give once", async () => {
    const sha = world.push(SERVICE, "main", { "packages/x/package.json": "{}" }).sha;
    const tree = (await octokit.rest.git.getTree({ ...R, tree_sha: sha, recursive: "true" })).data.tree;
    assert.deepEqual(
      tree.map((e) => `${e.type} ${e.path}`),
      [
        "blob a.txt",
        "blob b.txt",
        "blob package.json",
        "tree packages",
        "tree packages/x",
        "blob packages/x/package.json",
      ],
    );
    world.fail("GET", `/repos/acme/service/git/trees/${sha}`, 502);
    await assert.rejects(
      octokit.rest.git.getTree({ ...R, tree_sha: sha }),
      (e: { status?: number }) => e.status === 502,
    );
    assert.equal((await octokit.rest.git.getTree({ ...R, tree_sha: sha })).data.tree.length, 4, "once");
  });

  it("leaves pendingMocks() empty with routes unused, and its teardown removes only them", async () => {
    assert.deepEqual(nock.pendingMocks(), [], "persisted world routes are optional");
    // The world's routes come first: a test's own mock is not reached while they are installed.
    const own = nock(GH).get("/zen").reply(200, "mine");
    assert.equal((await fetch(`${GH}/zen`)).status, 404);
    assert.deepEqual(world.unknown.splice(0), ["GET /zen"]);
    teardown();
    assert.equal(nock.pendingMocks().length, 1, "the test's own mock is still there, and still checked");
    assert.equal(await (await fetch(`${GH}/zen`)).text(), "mine");
    assert.ok(own.isDone());
    teardown = () => {};
  });
});

describe("the GitHub world, left installed", () => {
  it("passes test/setup.ts's afterEach check with its routes still in place, used or not", async () => {
    const world = new GitHubWorld();
    world.install();
    assert.equal((await fetch(`${GH}/repos/acme/service`)).status, 200);
    assert.deepEqual(nock.pendingMocks(), []);
    // No teardown: test/setup.ts asserts pendingMocks() is empty, then cleans them all.
  });
});
