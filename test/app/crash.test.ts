/**
 * Crash and replay: a process killed mid-analysis leaves a blocking check (in progress, never
 * green), and the next process's start-up sweep analyses that PR again. Work on one PR is serialised.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import nock from "nock";
import type { Octokit } from "../../src/github/octokit.js";
import { startServer } from "../../src/runtime/server.js";
import { sweepAbandonedChecks } from "../../src/runtime/sweep.js";
import {
  BASE,
  HEAD,
  mockPullRequestRun,
  OUR_APP,
  POSTMARK_BUMP,
  prPayload,
  R,
  sweepWalk,
  unmatchedRequests,
} from "../helpers/github.js";
import { fixtureDeps, GH, testProbot } from "../helpers/probot.js";

const bump = POSTMARK_BUMP;
const pull = (number: number, head: string) => ({
  number,
  state: "open",
  user: { login: "dependabot[bot]" },
  head: { sha: head },
  base: { sha: BASE },
  changed_files: 1,
});
const check = (status: string, startedAt: Date) => ({
  id: 9,
  app: OUR_APP,
  status,
  conclusion: status === "completed" ? "action_required" : null,
  started_at: startedAt.toISOString(),
  output: { title: "t", summary: "s", text: null },
});

const unmatched = unmatchedRequests();

describe("crash and replay", () => {
  it("a process killed mid-analysis leaves a blocking check; the next process's sweep analyses the PR again", async () => {
    // 1. The first process claims the head with an in-progress check, then dies inside the analysis.
    const dying = fixtureDeps();
    let entered!: () => void;
    const inAnalysis = new Promise<void>((resolve) => (entered = resolve));
    dying.analyse = () => {
      entered();
      return new Promise(() => {}); // never returns: the process is killed here
    };
    const first = await testProbot(dying);
    const run1 = mockPullRequestRun({ ...bump, expectReview: false });
    await first.receive({ id: "c1", name: "pull_request", payload: prPayload("opened") as never });
    await inAnalysis;
    assert.equal(run1.writes.start.status, "in_progress");
    assert.equal(run1.writes.done, undefined, "the check is left in progress: blocking, not green");
    nock.cleanAll();

    // 2. A new process starts later than twice the budget; its sweep finds that check and re-runs it.
    const deps = fixtureDeps();
    const second = await testProbot(deps);
    const later = Date.now() + deps.limits.analysisTimeoutMs * 2 + 1_000;
    sweepWalk(nock(GH), [pull(7, HEAD)]);
    const run2 = mockPullRequestRun({
      ...bump,
      existingCheck: check("in_progress", new Date()),
      expectReview: true,
      expectRequest: true,
    });
    let retired: { conclusion?: string } | undefined;
    nock(GH)
      .patch(`${R}/check-runs/9`, (b) => {
        retired = b;
        return true;
      })
      .reply(200, {});
    const queued = await sweepAbandonedChecks({
      auth: (id) => second.auth(id) as Promise<Octokit>,
      log: second.log,
      deps,
      now: () => later,
    });
    await deps.queue.idle();
    assert.deepEqual(queued, ["acme/service#7"]);
    assert.deepEqual(unmatched, []);
    assert.deepEqual(deps.analysed, ["postmark-mcp@1.0.15→1.0.16"]);
    assert.equal(run2.writes.done.conclusion, "action_required");
    assert.equal(retired?.conclusion, "cancelled", "the abandoned check is ended, not left spinning");
  });

  it("the sweep leaves alone checks that are completed or still within the budget", async () => {
    const deps = fixtureDeps();
    const probot = await testProbot(deps);
    const other = "e".repeat(40);
    const walk = sweepWalk(nock(GH), [pull(7, HEAD), pull(8, other)]);
    walk
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [check("in_progress", new Date())] })
      .get(`${R}/commits/${other}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [check("completed", new Date("2026-01-01"))] });
    const queued = await sweepAbandonedChecks({
      auth: (id) => probot.auth(id) as Promise<Octokit>,
      log: probot.log,
      deps,
    });
    await deps.queue.idle();
    assert.deepEqual(queued, []);
    assert.deepEqual(unmatched, [], "no writes");
    assert.deepEqual(deps.analysed, []);
  });

  it("the server runs the sweep when it starts", async () => {
    const deps = fixtureDeps();
    const probot = await testProbot(deps);
    const scope = nock(GH).get("/app/installations").query(true).reply(200, []);
    const server = await startServer({ probot, deps, port: 0, host: "127.0.0.1", env: {} });
    assert.ok((server.address() as AddressInfo).port > 0);
    for (let i = 0; i < 100 && !scope.isDone(); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    assert.ok(scope.isDone(), "the installations were listed at start-up");
  });

  it("two events for one PR run one after the other, never at the same time", async () => {
    const deps = fixtureDeps();
    const probot = await testProbot(deps);
    let active = 0;
    let overlapped = false;
    const analyse = deps.analyse;
    deps.analyse = async (req) => {
      if (++active > 1) overlapped = true;
      await new Promise((r) => setTimeout(r, 30));
      try {
        return await analyse(req);
      } finally {
        active--;
      }
    };
    // Two deliveries of a push, back to back (the second is a re-run so both analyse).
    for (const id of ["s1", "s2"]) {
      mockPullRequestRun({ ...bump, rerun: true, expectReview: true, expectRequest: true });
      nock(GH)
        .get(`${R}/commits/${HEAD}/check-runs`)
        .query(true)
        .reply(200, { total_count: 0, check_runs: [] });
      await probot.receive({ id, name: "pull_request", payload: prPayload("synchronize") as never });
    }
    await deps.queue.idle();
    assert.equal(deps.analysed.length, 2);
    assert.equal(overlapped, false);
  });
});
