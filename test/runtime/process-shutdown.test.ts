/**
 * A deploy: the app runs as its own process (src/runtime/main.ts, configured by the environment as in
 * production) against a loopback stand-in for GitHub and a real registry whose tarball downloads hang.
 * It gets SIGTERM in the middle of an analysis: it stops taking webhooks, gives the analysis its grace
 * period, then ends the check as interrupted (blocking) and exits; no check is left in progress. The
 * next process re-runs the interrupted check as soon as it starts, without waiting for it to age.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { INTERRUPTED } from "../../src/render/check.js";
import { type StalledWorld, stalledPostmarkWorld, startAppProcess, until } from "../helpers/app-process.js";
import { HEAD, prPayload } from "../helpers/github.js";

const GRACE_MS = 4_000;

describe("a process stopped with SIGTERM mid-analysis", () => {
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

  const env = () => ({
    MCP_GUARD_REGISTRY: proxy.url,
    npm_config_cache: cache,
    MCP_GUARD_SHUTDOWN_GRACE_MS: String(GRACE_MS),
  });

  it("leaves no check in progress past the grace period, and the restarted process decides the PR", async () => {
    // 1. The first process takes a Dependabot PR and starts analysing it.
    const first = await startAppProcess(github, env(), children);
    const res = await first.deliver("pull_request", prPayload("opened"), "term-1");
    assert.equal(res.status, 200);
    await until("the analysis to be waiting for a tarball", () =>
      proxy.requests.some((r) => r.kind === "tarball"),
    );
    assert.equal(github.checks.length, 1);
    assert.equal(github.checks[0]!.status, "in_progress");

    // 2. SIGTERM (a deploy): new webhooks are refused at once; the check is ended within the grace period.
    const t0 = Date.now();
    first.child.kill("SIGTERM");
    let endedAfter = Number.POSITIVE_INFINITY;
    const watch = until(
      "the check to be ended",
      () => {
        if (github.checks[0]!.status !== "in_progress") endedAfter = Date.now() - t0;
        return endedAfter !== Number.POSITIVE_INFINITY;
      },
      GRACE_MS + 5_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    const refused = await first.deliver("pull_request", prPayload("synchronize"), "term-2").then(
      (r) => `answered ${r.status}`,
      () => "refused",
    );
    assert.equal(refused, "refused", "no webhook is taken after SIGTERM");
    await watch;
    const code = await first.exited;
    const exitedAfter = Date.now() - t0;
    assert.equal(code, 0, `a clean exit: ${first.stderr()}`);
    assert.ok(endedAfter <= GRACE_MS, `the check was ended ${endedAfter} ms after SIGTERM`);
    assert.ok(exitedAfter <= GRACE_MS + 1_000, `the process exited ${exitedAfter} ms after SIGTERM`);
    // Of the budget, half (at most 3 s) is kept for marking the checks; the analysis gets the rest.
    assert.ok(
      endedAfter >= GRACE_MS / 2 - 100,
      `the running analysis was given its grace period (${endedAfter} ms)`,
    );
    assert.equal(github.checks.length, 1);
    const ended = github.checks[0]!;
    assert.equal(ended.status, "completed");
    assert.equal(ended.conclusion, "cancelled", "blocking, never green");
    assert.equal(ended.output.title, INTERRUPTED.title);
    assert.equal(github.reviews.length, 0);
    assert.ok(
      !github.checks.some((c) => c.status === "in_progress"),
      "no check left in progress by the stopped process",
    );

    // 3. The next process starts (the registry healthy again) and re-runs the interrupted check at once.
    proxy.faults.splice(0);
    const second = await startAppProcess(github, env(), children);
    const rerun = () => github.checks.find((c) => c.id > 1 && c.status === "completed");
    await until("the re-run to complete its check", () => rerun() !== undefined);
    const done = rerun()!;
    assert.equal(done.head_sha, HEAD);
    assert.equal(done.conclusion, "action_required");
    assert.match(done.output.title, /critical/);
    assert.equal(github.reviews.length, 1);
    assert.match(github.reviews[0]!.body, /hidden-recipient/);
    assert.equal(second.stderr(), "", "no error logged");
    second.child.kill("SIGTERM");
    assert.equal(await second.exited, 0, "an idle process stops at once and cleanly");
  });
});
