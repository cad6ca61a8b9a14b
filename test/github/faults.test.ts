/**
 * GitHub's faults, through the production Octokit policy (retries, rate-limit waits; waits shrunk
 * to milliseconds): 5xx, primary and secondary rate limits, a missing permission. A fault is either
 * ridden out (the run completes as without it) or ends in a non-success check naming the reason.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import nock from "nock";
import { permissionFor } from "../../src/github/octokit.js";
import {
  dropMocksOfStepsNotReached,
  HEAD,
  mockPullRequestRun,
  POSTMARK_BUMP,
  prPayload,
  R,
} from "../helpers/github.js";
import { appUnderTest, GH, TEST_GITHUB_POLICY } from "../helpers/probot.js";

const bump = POSTMARK_BUMP;
const secondary = (seconds: number) =>
  [
    403,
    { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
    { "retry-after": String(seconds) },
  ] as const;
const primary = (resetInSeconds: number) =>
  [
    403,
    { message: "API rate limit exceeded for installation ID 2." },
    {
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + resetInSeconds),
    },
  ] as const;
const NO_PERMISSION = [403, { message: "Resource not accessible by integration" }] as const;

describe("the GitHub App under GitHub faults", () => {
  const t = appUnderTest();

  /** Faults are registered before the scenario's normal answers, so they are served first. */
  async function run(faults: (scope: nock.Scope) => void, opts: { review?: boolean } = {}) {
    const faulty = nock(GH);
    faults(faulty);
    const { writes } = mockPullRequestRun({
      ...bump,
      expectReview: !!opts.review,
      expectRequest: !!opts.review,
    });
    await t.probot.receive({ id: "g1", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.notEqual(writes.done?.conclusion, "success", "no GitHub fault ever turns the check green");
    dropMocksOfStepsNotReached(writes.done);
    return { writes, faulty };
  }

  it("5xx on creating the check is retried and the run completes as usual", async () => {
    const { writes } = await run(
      (s) => s.post(`${R}/check-runs`).times(2).reply(502, { message: "Bad Gateway" }),
      { review: true },
    );
    assert.equal(writes.done.conclusion, "action_required");
  });

  it("5xx that persists past the retries fails the check with the reason and a Re-run", async () => {
    const { writes } = await run((s) =>
      s
        .get(`${R}/pulls/7/files`)
        .query(true)
        .times(1 + TEST_GITHUB_POLICY.retries)
        .reply(503, { message: "Service Unavailable" }),
    );
    assert.equal(writes.done.conclusion, "failure");
    assert.match(writes.done.output.summary, /GitHub answered 503 to GET \S*\/pulls\/7\/files/);
    assert.match(writes.done.output.summary, /Use \*\*Re-run\*\*/);
  });

  it("a primary rate limit is waited out until the reset, then the run completes", async () => {
    const { writes } = await run(
      (s) =>
        s
          .get(`${R}/contents/.github%2Fmcp-guard.yml`)
          .query(true)
          .reply(...primary(1)),
      { review: true },
    );
    assert.equal(writes.done.conclusion, "action_required");
  });

  it("a secondary rate limit is waited out (retry-after), even on the review post", async () => {
    const { writes } = await run((s) => s.post(`${R}/pulls/7/reviews`).reply(...secondary(3)), {
      review: true,
    });
    assert.match(writes.review.body, /hidden-recipient/);
    assert.equal(writes.done.conclusion, "action_required");
  });

  it("a rate limit whose wait is longer than the policy allows fails the check: re-run once it resets", async () => {
    const { writes } = await run((s) =>
      s
        .get(`${R}/pulls/7/files`)
        .query(true)
        .reply(...secondary(TEST_GITHUB_POLICY.maxWaitSeconds + 1)),
    );
    assert.equal(writes.done.conclusion, "failure");
    assert.match(writes.done.output.summary, /GitHub rate limit on GET .*re-run once the limit resets/);
  });

  it("a missing permission fails the check naming the permission to grant", async () => {
    const { writes } = await run((s) =>
      s
        .get(`${R}/contents/.github%2Fmcp-guard.yml`)
        .query(true)
        .reply(...NO_PERMISSION),
    );
    assert.equal(writes.done.conclusion, "failure");
    assert.match(writes.done.output.summary, /the app needs the "contents: read" permission/);
    assert.match(writes.done.output.summary, /Re-running alone will not change this result/);
  });

  it("when the check itself cannot be written, nothing else is written either (the PR stays blocked)", async () => {
    // Refused in the webhook handler, then again when the queued job claims (the event is not lost).
    await run((s) =>
      s
        .post(`${R}/check-runs`)
        .times(2)
        .reply(...NO_PERMISSION)
        .get(`${R}/commits/${HEAD}/check-runs`)
        .query(true)
        .reply(200, { total_count: 0, check_runs: [] }),
    );
    assert.deepEqual(t.unmatched, [], "no review, no reviewer request, no check update");
  });

  it("when the final check update keeps failing, the check is left in progress (blocking), never green", async () => {
    const patches: { conclusion?: string }[] = [];
    const record = (b: { conclusion?: string }) => {
      patches.push(b);
      return true;
    };
    const attempts = 1 + TEST_GITHUB_POLICY.retries;
    const { writes } = await run(
      (s) =>
        s
          .patch(`${R}/check-runs/10`, record)
          .times(attempts * 2) // the result, then the failure report, each retried
          .reply(500, { message: "Internal Server Error" }),
      { review: true },
    );
    assert.equal(writes.done, undefined, "no update reached GitHub");
    assert.equal(patches.length, attempts * 2);
    assert.equal(patches[0]!.conclusion, "action_required");
    assert.equal(patches.at(-1)!.conclusion, "failure");
  });

  it("names the permission each route needs, as app.yml grants them", () => {
    assert.equal(permissionFor("POST", "/repos/{owner}/{repo}/check-runs"), "checks: write");
    assert.equal(permissionFor("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs"), "checks: read");
    assert.equal(
      permissionFor("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews"),
      "pull_requests: write",
    );
    assert.equal(
      permissionFor("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files"),
      "pull_requests: read",
    );
    assert.equal(permissionFor("GET", "/repos/{owner}/{repo}/contents/{path}"), "contents: read");
    assert.equal(permissionFor("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}"), "contents: read");
    assert.equal(
      permissionFor("GET", "/orgs/{org}/teams/{team_slug}/memberships/{username}"),
      "members: read",
    );
  });
});
