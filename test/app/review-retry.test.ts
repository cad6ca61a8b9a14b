/**
 * A review event whose re-decision meets GitHub 5xx past the Octokit's own retries: the whole
 * re-decision is retried (bounded, with waits); if it still fails, the check turns blocking with a
 * title saying the review could not be processed, keeps its change set for the next event, and the
 * error reaches the queue's log. Never a stale result, never silence.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import nock from "nock";
import { decodeCheckState } from "../../src/github/check-state.js";
import { WorkQueue } from "../../src/runtime/queue.js";
import {
  ALICE_REVIEWS,
  approvalReads,
  BASE,
  configReads,
  HEAD,
  mockPullRequestRun,
  OUR_APP,
  POSTMARK_BUMP,
  prPayload,
  R,
} from "../helpers/github.js";
import { appUnderTest, GH } from "../helpers/probot.js";

const pull = {
  number: 7,
  state: "open",
  user: { login: "dependabot[bot]" },
  head: { sha: HEAD },
  base: { sha: BASE, ref: "main" },
  changed_files: 1,
};
const approval = [
  {
    id: 1,
    user: { login: "alice", type: "User" },
    state: "APPROVED",
    commit_id: HEAD,
    submitted_at: "2026-11-23T10:00:00Z",
    body: "",
    html_url: "u",
  },
];
const reviewPayload = {
  ...prPayload("opened"),
  action: "submitted",
  review: { id: 1, state: "approved", user: { login: "alice" } },
};
/** Octokit's own attempts per request under the test policy (1 + 2 retries). */
const TRIES = 3;

describe("a review event when GitHub fails", () => {
  const t = appUnderTest();

  /**
   * The PR analysed and waiting for approval: the check (id 10) as GitHub holds it then, its result
   * shown (started and completed) before alice's approval was submitted, so her approval binds to it.
   */
  async function analysed() {
    const errors: [string, string | undefined][] = [];
    t.deps.queue = new WorkQueue(2, { onError: (e, key) => errors.push([(e as Error).message, key]) });
    t.deps.reviewRetryWaitsMs = [10, 20];
    const run = mockPullRequestRun({ ...POSTMARK_BUMP, expectReview: true, expectRequest: true });
    await t.probot.receive({ id: "1", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.equal(run.writes.done.conclusion, "action_required");
    const check = {
      id: 10,
      app: OUR_APP,
      status: "completed",
      conclusion: "action_required",
      started_at: "2026-11-23T09:00:00Z",
      completed_at: "2026-11-23T09:00:30Z",
      output: run.writes.done.output,
    };
    return { check, errors };
  }

  it("5xx past the Octokit's retries, then GitHub recovers: the re-decision is retried and the check passes", async () => {
    const { check, errors } = await analysed();
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let approved: any;
    // Attempt 1: the pull request cannot be read (503 on every try).
    const scope = nock(GH).get(`${R}/pulls/7`).times(TRIES).reply(503, { message: "Service Unavailable" });
    // Attempt 2: everything answers (the check on HEAD had its result before alice approved).
    approvalReads(scope, pull, check, approval)
      .patch(`${R}/check-runs/10`, (b) => {
        approved = b;
        return true;
      })
      .reply(200, {});
    await t.probot.receive({ id: "2", name: "pull_request_review", payload: reviewPayload as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
    assert.equal(approved.conclusion, "success");
    assert.equal(
      approved.output.title,
      "Approved by @alice for postmark-mcp 1.0.15 → 1.0.16 (risk: critical)",
    );
    assert.equal(approved.completed_at, check.completed_at, "the change set shown keeps its time");
    assert.deepEqual(errors, [], "a retried success is not an error");
  });

  it("5xx on every attempt: retried a bounded number of times, then the check blocks saying so, and the error is logged", async () => {
    const { check, errors } = await analysed();
    const attempts = 1 + t.deps.reviewRetryWaitsMs!.length;
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let marked: any;
    const scope = nock(GH)
      .get(`${R}/pulls/7`)
      .times(attempts + 1)
      .reply(200, pull)
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .times(attempts + 1)
      .reply(200, { total_count: 1, check_runs: [check] })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .times(attempts * TRIES)
      .reply(502, { message: "Bad Gateway" })
      .patch(`${R}/check-runs/10`, (b) => {
        marked = b;
        return true;
      })
      .reply(200, {});
    // Each attempt reads the config before the reviews fail.
    configReads(scope, ALICE_REVIEWS, { times: attempts });
    await t.probot.receive({ id: "2", name: "pull_request_review", payload: reviewPayload as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "exactly the bounded attempts, nothing more");
    assert.deepEqual(scope.pendingMocks(), []);
    assert.equal(marked.conclusion, "failure", "blocking: the approval was not processed");
    assert.equal(
      marked.output.title,
      "A review could not be processed: use Re-run, or submit the review again",
    );
    assert.match(marked.output.summary, /502/);
    assert.match(marked.output.summary, /The earlier result no longer holds/);
    assert.equal(marked.actions[0].identifier, "rerun");
    assert.deepEqual(
      decodeCheckState(marked.output.text),
      decodeCheckState(check.output.text),
      "the analysed change set is kept, so the next review event decides again",
    );
    assert.equal(errors.length, 1, "the failure reaches the queue's log");
    assert.equal(errors[0]![1], "acme/service#7");
    assert.match(errors[0]![0], /502|Bad Gateway/);
  });

  it("a green check whose dismissal cannot be processed does not stay green", async () => {
    const { check } = await analysed();
    const passed = { ...check, conclusion: "success" };
    t.deps.reviewRetryWaitsMs = [];
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let marked: any;
    const scope = nock(GH)
      .get(`${R}/pulls/7`)
      .times(2)
      .reply(200, pull)
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .times(2)
      .reply(200, { total_count: 1, check_runs: [passed] })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .times(TRIES)
      .reply(500, { message: "Server Error" })
      .patch(`${R}/check-runs/10`, (b) => {
        marked = b;
        return true;
      })
      .reply(200, {});
    configReads(scope, ALICE_REVIEWS);
    await t.probot.receive({
      id: "3",
      name: "pull_request_review",
      payload: { ...reviewPayload, action: "dismissed" } as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.equal(marked.conclusion, "failure");
  });
});
