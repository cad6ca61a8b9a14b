/**
 * The sweep runs at start and then periodically, one at a time: a check another process left in
 * progress (a replica that died) or ended as interrupted is re-run by a process already running.
 * The re-validation (`revalidateGreenChecks`) decides every green check again, as a review event does.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import nock from "nock";
import { decodeCheckState, encodeCheckState } from "../../src/github/check-state.js";
import type { Octokit } from "../../src/github/octokit.js";
import { INTERRUPTED } from "../../src/render/check.js";
import { startServer } from "../../src/runtime/server.js";
import { recheckMerged, revalidateGreenChecks, sweepEvery } from "../../src/runtime/sweep.js";
import {
  ALICE_REVIEWS,
  BASE,
  configReads,
  HEAD,
  mergeBaseReads,
  mockPullRequestRun,
  OUR_APP,
  POSTMARK_BUMP,
  prPayload,
  R,
  sweepWalk,
  unmatchedRequests,
} from "../helpers/github.js";
import { fixtureDeps, GH, testProbot } from "../helpers/probot.js";

const pull = {
  number: 7,
  state: "open",
  user: { login: "dependabot[bot]" },
  head: { sha: HEAD },
  base: { sha: BASE, ref: "main" },
  changed_files: 1,
};

const unmatched = unmatchedRequests();

const silent = { error() {}, warn() {}, info() {} } as never;

describe("the periodic sweep", () => {
  it("sweeps again after each interval, never two sweeps at once, and stops when asked", async () => {
    let active = 0;
    let peak = 0;
    let runs = 0;
    const sweeper = sweepEvery(
      5,
      async () => {
        runs++;
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 30)); // a sweep longer than the interval
        active--;
      },
      silent,
    );
    // Wait for three sweeps however slow the machine is (a busy CI runner stretches every timer).
    for (const deadline = Date.now() + 10_000; runs < 3 && Date.now() < deadline; )
      await new Promise((r) => setTimeout(r, 10));
    await sweeper.stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 60));
    assert.ok(after >= 3, `swept ${after} times`);
    assert.equal(peak, 1, "sweeps never overlap");
    assert.equal(runs, after, "no sweep after stop");
    assert.equal(active, 0, "stop waited for the sweep under way");
  });

  it("a failed sweep is logged and the next one still comes", async () => {
    const errors: string[] = [];
    let runs = 0;
    const sweeper = sweepEvery(
      5,
      async () => {
        if (++runs === 1) throw new Error("GitHub 502");
      },
      { ...(silent as object), error: (_: unknown, msg: string) => errors.push(msg) } as never,
    );
    await new Promise((r) => setTimeout(r, 80));
    await sweeper.stop();
    assert.ok(runs >= 2, `swept ${runs} times`);
    assert.deepEqual(errors, ["mcp-guard: a periodic sweep failed"]);
  });

  it("with delayFirst, the first sweep comes one interval after the start (a restart re-decides nothing at once)", async () => {
    const at: number[] = [];
    const t0 = Date.now();
    const sweeper = sweepEvery(
      60,
      async () => {
        at.push(Date.now() - t0);
      },
      silent,
      { delayFirst: true },
    );
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(at, [], "no sweep at start");
    await new Promise((r) => setTimeout(r, 150));
    await sweeper.stop();
    assert.ok(at.length >= 1, "swept after the interval");
    assert.ok(at[0]! >= 55, `the first sweep came ${at[0]} ms after the start`);
  });

  it("a running server re-runs a check another process abandoned, at its next sweep (not only at start)", async () => {
    const deps = fixtureDeps();
    const probot = await testProbot(deps);
    // 1. At start nothing is abandoned; 2. later a replica dies, leaving a check in progress for an hour.
    const scope = nock(GH).get("/app/installations").query(true).reply(200, []);
    sweepWalk(scope, [pull])
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [
          {
            id: 9,
            app: OUR_APP,
            status: "in_progress",
            conclusion: null,
            started_at: new Date(Date.now() - 3_600_000).toISOString(),
            output: { title: "t", summary: "s", text: null },
          },
        ],
      })
      .patch(`${R}/check-runs/9`, (b) => b.conclusion === "cancelled")
      .reply(200, {});
    const run = mockPullRequestRun({
      ...POSTMARK_BUMP,
      rerun: true,
      expectReview: true,
      expectRequest: true,
    });
    // Later sweeps find nothing more.
    nock(GH).get("/app/installations").query(true).times(1_000).optionally().reply(200, []);
    const server = await startServer({
      probot,
      deps,
      port: 0,
      host: "127.0.0.1",
      env: {},
      sweepIntervalMs: 20,
    });
    for (let i = 0; i < 200 && !run.writes.done; i++) await new Promise((r) => setTimeout(r, 20));
    await deps.queue.idle();
    await server.shutdown();
    assert.deepEqual(unmatched, []);
    assert.deepEqual(deps.analysed, ["postmark-mcp@1.0.15→1.0.16"]);
    assert.equal(run.writes.done.conclusion, "action_required");
  });

  it("a check a stopped process ended as interrupted is re-run at once, whatever its age", async () => {
    const deps = fixtureDeps();
    const probot = await testProbot(deps);
    sweepWalk(nock(GH), [pull])
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [
          {
            id: 9,
            app: OUR_APP,
            status: "completed",
            conclusion: "cancelled",
            started_at: new Date().toISOString(),
            output: { ...INTERRUPTED, text: "" },
          },
        ],
      });
    const run = mockPullRequestRun({
      ...POSTMARK_BUMP,
      rerun: true,
      expectReview: true,
      expectRequest: true,
    });
    const server = await startServer({
      probot,
      deps,
      port: 0,
      host: "127.0.0.1",
      env: {},
      sweepIntervalMs: 0,
    });
    for (let i = 0; i < 200 && !run.writes.done; i++) await new Promise((r) => setTimeout(r, 20));
    await deps.queue.idle();
    await server.shutdown();
    assert.deepEqual(unmatched, [], "the interrupted check is not retired again (it is already ended)");
    assert.equal(run.writes.done.conclusion, "action_required");
  });

  it("a running server re-validates green checks one interval after it starts, then every interval", async () => {
    const deps = fixtureDeps();
    const probot = await testProbot(deps);
    const t0 = Date.now();
    const listed: number[] = [];
    nock(GH)
      .get("/app/installations")
      .query(true)
      .times(1_000)
      .optionally()
      .reply(() => {
        listed.push(Date.now() - t0);
        return [200, []];
      });
    const server = await startServer({
      probot,
      deps,
      port: 0,
      host: "127.0.0.1",
      env: {},
      sweepIntervalMs: 0,
      revalidateIntervalMs: 100,
    });
    for (let i = 0; i < 100 && listed.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    await server.shutdown();
    // The sweep at start, then the re-validations (none at start: a restart re-decides nothing at once).
    assert.ok(listed.length >= 3, `installations listed ${listed.length} times`);
    assert.ok(listed[1]! >= 95, `the first re-validation came ${listed[1]} ms after the start`);
  });

  it("re-validation queues a review re-decision for each open pull request with a green check, and only those", async () => {
    const deps = fixtureDeps();
    const probot = await testProbot(deps);
    // 1. PR #7 is analysed: its check holds the change set (postmark-mcp 1.0.15 → 1.0.16), for BASE.
    const run = mockPullRequestRun({ ...POSTMARK_BUMP, expectReview: true, expectRequest: true });
    await probot.receive({ id: "1", name: "pull_request", payload: prPayload("synchronize") as never });
    await deps.queue.idle();
    assert.equal(run.writes.done.conclusion, "action_required");
    assert.equal(decodeCheckState(run.writes.done.output.text)?.mergeBaseSha, BASE);
    // 2. Its check turned green on an approval that is gone now, without an event reaching the app.
    const green = {
      id: 10,
      app: OUR_APP,
      name: "mcp-guard",
      head_sha: HEAD,
      status: "completed",
      conclusion: "success",
      started_at: "2026-11-23T09:00:00Z",
      completed_at: "2026-11-23T09:01:00Z",
      output: {
        title: "Approved by @alice for postmark-mcp 1.0.15 → 1.0.16 (risk: critical)",
        summary: "s",
        text: run.writes.done.output.text,
      },
    };
    const [blocked, running, none] = ["e", "f", "1"].map((c) => c.repeat(40)) as [string, string, string];
    const at = (number: number, sha: string) => ({ ...pull, number, head: { sha } });
    const checkOn = (sha: string, check: object | null) =>
      nock(GH)
        .get(`${R}/commits/${sha}/check-runs`)
        .query((q) => q.filter !== "all")
        .reply(200, { total_count: check ? 1 : 0, check_runs: check ? [check] : [] });
    sweepWalk(nock(GH), [at(7, HEAD), at(8, blocked), at(9, running), at(10, none)]);
    checkOn(HEAD, green);
    checkOn(blocked, { ...green, id: 11, head_sha: blocked, conclusion: "action_required" });
    checkOn(running, {
      ...green,
      id: 12,
      head_sha: running,
      status: "in_progress",
      conclusion: null,
      started_at: new Date().toISOString(),
      completed_at: null,
    });
    checkOn(none, null);
    // 3. The re-decision of #7, as on a review event: from the stored change set (it is still what the
    //    pull request brings), with the reviews as they are now. Nothing is analysed or read at commits.
    const scope = nock(GH).get(`${R}/pulls/7`).reply(200, pull);
    checkOn(HEAD, green);
    configReads(scope, ALICE_REVIEWS);
    mergeBaseReads(scope);
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let redecided: any;
    scope
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [])
      .patch(`${R}/check-runs/10`, (b) => {
        redecided = b;
        return true;
      })
      .reply(200, {});
    const pushes: { key: string | undefined; coalesce: string | undefined; release: boolean }[] = [];
    const push = deps.queue.push.bind(deps.queue);
    deps.queue.push = (job, key, opts = {}) => {
      pushes.push({ key, coalesce: opts.coalesce, release: typeof opts.release === "function" });
      push(job, key, opts);
    };
    deps.analysed.length = 0;
    const queued = await revalidateGreenChecks({
      auth: (id) => probot.auth(id) as Promise<Octokit>,
      log: probot.log,
      deps,
    });
    await deps.queue.idle();
    assert.deepEqual(queued, ["acme/service#7"], "only the green check is re-validated");
    assert.deepEqual(pushes, [{ key: "acme/service#7", coalesce: "review", release: true }]);
    assert.deepEqual(unmatched, []);
    assert.deepEqual(deps.analysed, [], "decided from the stored change set, not analysed again");
    assert.equal(redecided.conclusion, "action_required", "the green check without an approval is withdrawn");
    assert.equal(redecided.output.title, run.writes.done.output.title);
    assert.equal(redecided.completed_at, green.completed_at, "the change set shown keeps its time");
    assert.deepEqual(
      decodeCheckState(redecided.output.text),
      decodeCheckState(green.output.text),
      "the stored change set is kept",
    );
  });

  it("a check held for release age is decided again once its end has passed: the end lives in the check", async () => {
    const T = Date.parse("2026-12-10T12:00:00Z");
    const deps = { ...fixtureDeps(), now: () => T };
    const probot = await testProbot(deps);
    const run = mockPullRequestRun({ ...POSTMARK_BUMP, expectReview: true, expectRequest: true });
    await probot.receive({ id: "1", name: "pull_request", payload: prPayload("synchronize") as never });
    await deps.queue.idle();
    // Two checks held by an earlier process (restarted since): one whose end has passed, one not yet.
    const state = decodeCheckState(run.writes.done.output.text)!;
    const held = (id: number, sha: string, until: number) => {
      const s = {
        ...state,
        headSha: sha,
        heldUntil: new Date(until).toISOString(),
        changes: state.changes.map((c) => ({
          ...c,
          publishedAt: new Date(until - 3 * 86_400_000).toISOString(),
        })),
      };
      return {
        id,
        app: OUR_APP,
        name: "mcp-guard",
        head_sha: sha,
        status: "completed",
        conclusion: "action_required",
        started_at: "2026-12-07T12:00:00Z",
        completed_at: "2026-12-07T12:01:00Z",
        output: { title: "Held until …", summary: "s", text: encodeCheckState(s) },
      };
    };
    const later = "d".repeat(40);
    const due = held(10, HEAD, T - 60_000);
    const checkOn = (sha: string, check: object) =>
      nock(GH)
        .get(`${R}/commits/${sha}/check-runs`)
        .query((q) => q.filter !== "all")
        .reply(200, { total_count: 1, check_runs: [check] });
    sweepWalk(nock(GH), [pull, { ...pull, number: 8, head: { sha: later } }]);
    checkOn(HEAD, due);
    checkOn(later, held(11, later, T + 60_000));
    // The re-decision of #7 at T: the hold is over, and nobody approved: waiting for approval.
    const scope = nock(GH).get(`${R}/pulls/7`).reply(200, pull);
    checkOn(HEAD, due);
    configReads(scope, `${ALICE_REVIEWS}min_release_age: 3d\n`);
    mergeBaseReads(scope);
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let redecided: any;
    scope
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [])
      .patch(`${R}/check-runs/10`, (b) => {
        redecided = b;
        return true;
      })
      .reply(200, {});
    const queued = await revalidateGreenChecks({
      auth: (id) => probot.auth(id) as Promise<Octokit>,
      log: probot.log,
      deps,
    });
    await deps.queue.idle();
    assert.deepEqual(queued, ["acme/service#7"], "only the hold whose end has passed");
    assert.deepEqual(unmatched, []);
    assert.equal(redecided.conclusion, "action_required");
    assert.match(redecided.output.title, /needs approval/);
    assert.equal(decodeCheckState(redecided.output.text)?.heldUntil, undefined, "no hold any more");
  });

  it("new malware intelligence re-opens a green check: it turns blocking, naming the record", async () => {
    const asked: string[][] = [];
    const deps = {
      ...fixtureDeps(),
      advisories: async (pkgs: { name: string; version: string }[]) => {
        asked.push(pkgs.map((p) => `${p.name}@${p.version}`));
        return new Map([
          [
            "postmark-mcp@1.0.16",
            [
              {
                id: "MAL-2025-47604",
                summary: "Malicious code in postmark-mcp (npm)",
                url: "https://osv.dev/vulnerability/MAL-2025-47604",
                source: "folder",
                malicious: true,
              },
            ],
          ],
        ]);
      },
    };
    const probot = await testProbot(deps);
    const run = mockPullRequestRun({ ...POSTMARK_BUMP, expectReview: true, expectRequest: true });
    await probot.receive({ id: "1", name: "pull_request", payload: prPayload("synchronize") as never });
    await deps.queue.idle();
    const state = decodeCheckState(run.writes.done.output.text)!;
    assert.deepEqual(state.installs, ["postmark-mcp@1.0.16"], "the check keeps what the change set installs");
    const green = {
      id: 10,
      app: OUR_APP,
      name: "mcp-guard",
      head_sha: HEAD,
      status: "completed",
      conclusion: "success",
      started_at: "2026-11-23T09:00:00Z",
      completed_at: "2026-11-23T09:01:00Z",
      output: { title: "Approved by @alice", summary: "s", text: run.writes.done.output.text },
    };
    const checkOn = () =>
      nock(GH)
        .get(`${R}/commits/${HEAD}/check-runs`)
        .query((q) => q.filter !== "all")
        .reply(200, { total_count: 1, check_runs: [green] });
    sweepWalk(nock(GH), [pull]);
    checkOn();
    const scope = nock(GH).get(`${R}/pulls/7`).reply(200, pull);
    checkOn();
    configReads(scope, ALICE_REVIEWS);
    mergeBaseReads(scope);
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let redecided: any;
    scope
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [])
      .patch(`${R}/check-runs/10`, (b) => {
        redecided = b;
        return true;
      })
      .reply(200, {});
    await revalidateGreenChecks({ auth: (id) => probot.auth(id) as Promise<Octokit>, log: probot.log, deps });
    await deps.queue.idle();
    assert.deepEqual(unmatched, []);
    assert.deepEqual(asked, [["postmark-mcp@1.0.16"]]);
    assert.equal(redecided.conclusion, "failure");
    assert.match(redecided.output.title, /^Known malware: postmark-mcp@1\.0\.16/);
    assert.match(
      redecided.output.summary,
      /MAL-2025-47604 \\\\?\(https:\/\/osv\.dev\/vulnerability\/MAL-2025-47604\\\\?\)/,
    );
  });

  it("merged pull requests of the last 30 days: newer malware records open one issue per repository, updated in place", async () => {
    const T = Date.parse("2026-12-08T12:00:00Z");
    const match = {
      id: "MAL-2025-47604",
      summary: "Malicious code in postmark-mcp (npm)",
      url: "https://osv.dev/vulnerability/MAL-2025-47604",
      source: "folder",
      malicious: true,
    };
    const deps = {
      ...fixtureDeps(),
      now: () => T,
      advisories: async () => new Map([["postmark-mcp@1.0.16", [match]]]),
    };
    const probot = await testProbot(deps);
    const run = mockPullRequestRun({ ...POSTMARK_BUMP, expectReview: true, expectRequest: true });
    await probot.receive({ id: "1", name: "pull_request", payload: prPayload("synchronize") as never });
    await deps.queue.idle();
    const state = { ...decodeCheckState(run.writes.done.output.text)!, approvedBy: ["alice"] };
    const green = {
      id: 10,
      app: OUR_APP,
      name: "mcp-guard",
      head_sha: HEAD,
      status: "completed",
      conclusion: "success",
      started_at: "2026-12-01T09:00:00Z",
      completed_at: "2026-12-01T09:01:00Z",
      output: { title: "Approved by @alice", summary: "s", text: encodeCheckState(state) },
    };
    const merged = (number: number, at: string, sha = HEAD) => ({
      ...pull,
      number,
      state: "closed",
      head: { sha },
      merged_at: at,
      updated_at: at,
    });
    const walk = (issues: object[]) => {
      const scope = nock(GH)
        .get("/app/installations")
        .query(true)
        .reply(200, [{ id: 2, account: { login: "acme" } }])
        .post("/app/installations/2/access_tokens")
        .optionally()
        .reply(200, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
        .get("/installation/repositories")
        .query(true)
        .reply(200, {
          total_count: 1,
          repositories: [{ owner: { login: "acme" }, name: "service", default_branch: "main" }],
        })
        .get(`${R}/pulls`)
        .query((q) => q.state === "closed")
        // Newest first: #7 merged a week ago; #3 was updated before the 30 days, so the walk stops there.
        .reply(200, [merged(7, "2026-12-01T10:00:00Z"), merged(3, "2026-10-01T10:00:00Z", "c".repeat(40))]);
      scope
        .get(`${R}/commits/${HEAD}/check-runs`)
        .query((q) => q.filter !== "all")
        .reply(200, { total_count: 1, check_runs: [green] });
      scope.get(`${R}/issues`).query(true).reply(200, issues);
      return scope;
    };
    // 1. No issue yet: one is opened, naming the pull request, the record and the approver.
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let opened: any;
    walk([])
      .post(`${R}/issues`, (b) => {
        opened = b;
        return true;
      })
      .reply(201, { number: 41 });
    const args = { auth: (id?: number) => probot.auth(id) as Promise<Octokit>, log: probot.log, deps };
    assert.deepEqual(await recheckMerged(args), ["acme/service"]);
    assert.deepEqual(unmatched, []);
    assert.equal(opened.title, "mcp-guard: 1 merged dependency version is now known malware");
    assert.match(
      opened.body,
      /\| #7 \| 2026-12-01 \| `postmark-mcp@1\.0\.16` \| \[MAL-2025-47604\]\(https:\/\/osv\.dev\/vulnerability\/MAL-2025-47604\) \| @alice \|/,
    );
    // 2. The same finding next time: our issue already says it, nothing is written.
    walk([{ number: 41, user: { type: "Bot", login: "mcp-guard[bot]" }, body: opened.body }]);
    assert.deepEqual(await recheckMerged(args), []);
    assert.deepEqual(unmatched, []);
  });
});
