/**
 * A real crash: the app runs as its own process (src/runtime/main.ts, configured by the environment as in
 * production) against a loopback stand-in for GitHub and a real registry. It is killed with SIGKILL
 * in the middle of an analysis; its check is left in progress (blocking). A new process started later
 * finds that check in its start-up sweep and completes the review.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type StalledWorld, stalledPostmarkWorld, startAppProcess, until } from "../helpers/app-process.js";
import { HEAD, prPayload } from "../helpers/github.js";

describe("a process killed mid-analysis", () => {
  let world: StalledWorld;
  let proxy: StalledWorld["proxy"];
  let github: StalledWorld["github"];
  let cache: string;
  let children: StalledWorld["children"];
  before(async () => {
    world = await stalledPostmarkWorld();
    ({ proxy, github, cache, children } = world);
  });
  after(() => world.close());

  /** `npm start` as production runs it, from source. */
  const startApp = () =>
    startAppProcess(github, { MCP_GUARD_REGISTRY: proxy.url, npm_config_cache: cache }, children);

  it("leaves a blocking check, and the next process's start-up sweep completes the review", async () => {
    // 1. The first process takes a Dependabot PR and starts analysing it.
    const first = await startApp();
    const res = await first.deliver("pull_request", prPayload("opened"), "crash-1");
    assert.equal(res.status, 200);
    await until("the analysis to be waiting for a tarball", () =>
      proxy.requests.some((r) => r.kind === "tarball"),
    );
    assert.equal(github.checks.length, 1);
    assert.equal(github.checks[0]!.status, "in_progress");

    // 2. Killed: no cleanup, no last words.
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    assert.equal(
      github.checks[0]!.status,
      "in_progress",
      "the check is left blocking: in progress is not success",
    );
    assert.equal(github.checks[0]!.conclusion, null);
    assert.ok(!github.log.some((l) => l.method === "PATCH"), "nothing was written after the kill");
    assert.equal(github.reviews.length, 0, "no review before the kill");

    // 3. Later (past twice the analysis budget) the registry is healthy and a new process starts.
    github.checks[0]!.started_at = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    proxy.faults.splice(0);
    const second = await startApp();
    const rerun = () => github.checks.find((c) => c.id > 1 && c.status === "completed");
    await until("the re-run to complete its check", () => rerun() !== undefined);
    assert.ok(
      github.log.some((l) => l.method === "GET" && l.path === "/app/installations"),
      "the sweep ran",
    );
    assert.equal(
      github.checks[0]!.conclusion,
      "cancelled",
      "the abandoned check is ended, not left spinning",
    );
    assert.equal(github.checks[0]!.output.title, "Abandoned by a stopped process");
    const done = rerun()!;
    assert.equal(done.head_sha, HEAD);
    assert.equal(done.conclusion, "action_required");
    assert.match(done.output.title, /critical/);
    assert.equal(github.reviews.length, 1);
    assert.match(github.reviews[0]!.body, /hidden-recipient/);
    assert.equal(second.stderr(), "", "no error logged");
  });
});
