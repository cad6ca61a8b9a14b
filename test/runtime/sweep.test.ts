/**
 * The sweep runs at start and then periodically, one at a time: a check another process left in
 * progress (a replica that died) or ended as interrupted is re-run by a process already running.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import nock from "nock";
import { INTERRUPTED } from "../../src/render/check.js";
import { startServer } from "../../src/runtime/server.js";
import { sweepEvery } from "../../src/runtime/sweep.js";
import {
  BASE,
  HEAD,
  mockPullRequestRun,
  OUR_APP,
  POSTMARK_BUMP,
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
  base: { sha: BASE },
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
    await new Promise((r) => setTimeout(r, 200));
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
    assert.deepEqual(errors, ["mcp-guard: sweep for abandoned checks failed"]);
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
});
