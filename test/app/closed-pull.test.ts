/**
 * Events on closed pull requests (DESIGN §13: "events arrive in any order and on closed pull requests;
 * reopening decides afresh"). A green check must not outlive the approval behind it because the
 * event that removed the approval came while the pull request was closed: a review event on a closed
 * pull request withdraws a green check it no longer supports, and `reopened` is never a duplicate of
 * `opened`: it decides from scratch, however often it is delivered.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import nock from "nock";
import { INTERRUPTED } from "../../src/render/check.js";
import { WorkQueue } from "../../src/runtime/queue.js";
import {
  ALICE_REVIEWS,
  approvalReads,
  BASE,
  configReads,
  DEPENDABOT_COMMIT,
  HEAD,
  mergeBaseReads,
  mockPullRequestRun,
  OUR_APP,
  POSTMARK_BUMP,
  prPayload,
  R,
} from "../helpers/github.js";
import { appUnderTest, GH } from "../helpers/probot.js";

const REVIEW_URL = "https://github.com/acme/service/pull/7#pullrequestreview-99";
const pullIs = (state: "open" | "closed") => ({
  number: 7,
  state,
  user: { login: "dependabot[bot]" },
  head: { sha: HEAD },
  base: { sha: BASE, ref: "main" },
  changed_files: 1,
});
const alice = (state: "APPROVED" | "DISMISSED" | "CHANGES_REQUESTED") => ({
  id: 1,
  user: { login: "alice", type: "User" },
  state,
  commit_id: HEAD,
  submitted_at: "2026-11-23T10:00:00Z",
  body: "",
  html_url: "u",
});
/**
 * Our completed check on HEAD, as the check-runs API lists it (the state the app stored is in its
 * output). By default its result was shown (started and completed) before alice's review at 10:00.
 */
const ourCheck = (
  conclusion: string,
  output: unknown,
  startedAt = "2026-11-23T09:00:00Z",
  completedAt = "2026-11-23T09:00:30Z",
) => ({
  id: 10,
  app: OUR_APP,
  status: "completed",
  conclusion,
  started_at: startedAt,
  completed_at: completedAt,
  output,
});

/** A pull_request_review delivery for PR #7 as it is (closed or open) when GitHub sends it. */
function reviewEvent(action: "submitted" | "edited" | "dismissed", state: string, pr: "open" | "closed") {
  const payload = prPayload("opened");
  payload.action = action;
  payload.pull_request.state = pr;
  payload.review = { id: 1, state, user: { login: "alice" } };
  return payload;
}

describe("the GitHub App: events on closed pull requests", () => {
  const t = appUnderTest();

  /**
   * The pull request analysed (waiting for alice), then alice's approval given after the check showed
   * its result: the real app's green check (id 10) and its review, as GitHub then holds them.
   */
  async function approvedGreen() {
    const run = mockPullRequestRun({ ...POSTMARK_BUMP, expectReview: true, expectRequest: true });
    await t.probot.receive({ id: "1", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(run.scope.pendingMocks(), []);
    assert.equal(run.writes.done.conclusion, "action_required");
    const ours = {
      id: 99,
      user: { login: "mcp-guard[bot]", type: "Bot" },
      state: "COMMENTED",
      commit_id: HEAD,
      submitted_at: "2026-11-23T09:00:10Z",
      body: run.writes.review.body,
      html_url: REVIEW_URL,
    };
    // alice approves: the re-decision from the stored change set turns the check green.
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let approved: any;
    const waiting = ourCheck("action_required", run.writes.done.output);
    const scope = approvalReads(nock(GH), pullIs("open"), waiting, [ours, alice("APPROVED")])
      .patch(`${R}/check-runs/10`, (b) => {
        approved = b;
        return true;
      })
      .reply(200, {});
    await t.probot.receive({
      id: "1a",
      name: "pull_request_review",
      payload: reviewEvent("submitted", "approved", "open") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
    assert.equal(approved.conclusion, "success", "the starting point is a green check");
    return { check: ourCheck("success", approved.output), ours };
  }

  /**
   * A review event's reads on the closed PR #7 up to its write: the PR, our check, the config, the
   * reviews, where the base is (no approval stands: no standing, no history, no commits).
   */
  function closedReads(check: object, reviews: object[]) {
    const scope = nock(GH)
      .get(`${R}/pulls/7`)
      .reply(200, pullIs("closed"))
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query((q) => q.filter !== "all")
      .reply(200, { total_count: 1, check_runs: [check] })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, reviews);
    configReads(scope, ALICE_REVIEWS);
    mergeBaseReads(scope);
    return scope;
  }

  /** A forced run on the reopened PR: every read of a first delivery but our check's (it is not consulted). */
  function reopenedRun(reviews: object[]) {
    return mockPullRequestRun({
      ...POSTMARK_BUMP,
      rerun: true,
      reviews,
      expectReview: false,
      expectRequest: true,
    });
  }

  it("approved and green, closed, the approval dismissed while closed, reopened: the check ends blocking", async () => {
    const { check, ours } = await approvedGreen();
    // Closed, then alice's approval is dismissed: the event comes on a closed pull request.
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let withdrawn: any;
    const closed = closedReads(check, [ours, alice("DISMISSED")])
      .patch(`${R}/check-runs/10`, (b) => {
        withdrawn = b;
        return true;
      })
      .reply(200, {});
    await t.probot.receive({
      id: "2",
      name: "pull_request_review",
      payload: reviewEvent("dismissed", "dismissed", "closed") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(closed.pendingMocks(), []);
    assert.equal(
      withdrawn.conclusion,
      "action_required",
      "a green check whose approval is gone is withdrawn",
    );
    assert.match(withdrawn.output.summary, /@alice: latest review is dismissed/);
    assert.match(withdrawn.output.text, /mcp-guard:state/, "the change set is kept for the next decision");
    assert.equal(withdrawn.completed_at, check.completed_at, "the change set shown keeps its time");

    // Reopened: decided from scratch (the check is not consulted, the packages analysed again).
    const reopened = reopenedRun([ours, alice("DISMISSED")]);
    await t.probot.receive({ id: "3", name: "pull_request", payload: prPayload("reopened") as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(reopened.scope.pendingMocks(), []);
    assert.deepEqual([reopened.writes.start.status, reopened.writes.start.head_sha], ["in_progress", HEAD]);
    assert.equal(reopened.writes.done.conclusion, "action_required");
    assert.match(reopened.writes.done.output.summary, /@alice: latest review is dismissed/);
    assert.deepEqual(t.deps.analysed, ["postmark-mcp@1.0.15→1.0.16", "postmark-mcp@1.0.15→1.0.16"]);
  });

  for (const draft of [false, true]) {
    it(`the dismissal's delivery lost while closed: reopening${draft ? " as a draft" : ""} alone turns the stale green blocking`, async () => {
      const { ours } = await approvedGreen();
      const reopened = reopenedRun([ours, alice("DISMISSED")]);
      const payload = prPayload("reopened");
      payload.pull_request.draft = draft;
      await t.probot.receive({ id: "3", name: "pull_request", payload: payload as never });
      await t.deps.queue.idle();
      assert.deepEqual(t.unmatched, [], "the green check on the head is not taken as this delivery's result");
      assert.deepEqual(reopened.scope.pendingMocks(), []);
      assert.equal(reopened.writes.done.conclusion, "action_required");
    });
  }

  it("reopened delivered twice (a redelivery): each delivery decides afresh, and the check ends blocking", async () => {
    const { ours } = await approvedGreen();
    const first = reopenedRun([ours, alice("CHANGES_REQUESTED")]);
    const second = reopenedRun([ours, alice("CHANGES_REQUESTED")]);
    const payload = prPayload("reopened");
    await t.probot.receive({ id: "4", name: "pull_request", payload: payload as never });
    await t.probot.receive({ id: "4", name: "pull_request", payload: payload as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual([...first.scope.pendingMocks(), ...second.scope.pendingMocks()], []);
    for (const run of [first, second]) {
      assert.equal(run.writes.done.conclusion, "action_required");
      assert.match(run.writes.done.output.summary, /@alice: latest review is changes requested/);
    }
    assert.equal(t.deps.analysed.length, 3, "the first run and both reopened deliveries analysed");
  });

  it("the dismissal processed after the reopen: the reopened run already decided on it, so nothing more is written", async () => {
    const { ours } = await approvedGreen();
    const reopened = reopenedRun([ours, alice("DISMISSED")]);
    await t.probot.receive({ id: "3", name: "pull_request", payload: prPayload("reopened") as never });
    await t.deps.queue.idle();
    assert.equal(reopened.writes.done.conclusion, "action_required");
    const blocking = ourCheck(
      "action_required",
      reopened.writes.done.output,
      "2026-11-23T11:00:00Z",
      "2026-11-23T11:00:30Z",
    );
    const late = nock(GH)
      .get(`${R}/pulls/7`)
      .reply(200, pullIs("open"))
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [blocking] })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [ours, alice("DISMISSED")]);
    configReads(late, ALICE_REVIEWS);
    mergeBaseReads(late);
    await t.probot.receive({
      id: "2",
      name: "pull_request_review",
      payload: reviewEvent("dismissed", "dismissed", "closed") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "no write: the decision did not change");
    assert.deepEqual(late.pendingMocks(), []);
  });

  it("a review edited on a closed pull request that leaves the approval standing writes nothing", async () => {
    const { check, ours } = await approvedGreen();
    // The approval stands: alice's standing, the check runs on the commit she approved (her approval
    // came after the green check's change set was shown) and who pushed are read too.
    const scope = closedReads(check, [ours, alice("APPROVED")])
      .get(`${R}/collaborators/alice/permission`)
      .reply(200, { permission: "write" })
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query((q) => q.filter === "all")
      .reply(200, { total_count: 1, check_runs: [check] })
      .get(`${R}/pulls/7/commits`)
      .query(true)
      .reply(200, [DEPENDABOT_COMMIT]);
    await t.probot.receive({
      id: "2",
      name: "pull_request_review",
      payload: reviewEvent("edited", "approved", "closed") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
  });

  it("the base moved while closed: a review event finds the green check's change set stale and withdraws it (reopening decides)", async () => {
    const { check, ours } = await approvedGreen();
    // The approval still stands, but main moved on: the stored change set is not what the pull
    // request would bring now, so it is never decided from; a closed one is not analysed, only withdrawn.
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let ended: any;
    const scope = nock(GH)
      .get(`${R}/pulls/7`)
      .reply(200, pullIs("closed"))
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query((q) => q.filter !== "all")
      .reply(200, { total_count: 1, check_runs: [check] })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [ours, alice("APPROVED")])
      .get(`${R}/collaborators/alice/permission`)
      .reply(200, { permission: "write" })
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query((q) => q.filter === "all")
      .reply(200, { total_count: 1, check_runs: [check] })
      .get(`${R}/pulls/7/commits`)
      .query(true)
      .reply(200, [DEPENDABOT_COMMIT])
      .patch(`${R}/check-runs/10`, (b) => {
        ended = b;
        return true;
      })
      .reply(200, {});
    configReads(scope, ALICE_REVIEWS);
    mergeBaseReads(scope, { tip: "d".repeat(40) });
    await t.probot.receive({
      id: "2",
      name: "pull_request_review",
      payload: reviewEvent("edited", "approved", "closed") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "nothing is analysed on a closed pull request");
    assert.deepEqual(scope.pendingMocks(), []);
    assert.equal(ended.conclusion, "cancelled", "a green check for an old base does not stay green");
    assert.equal(ended.output.title, INTERRUPTED.title);
    assert.deepEqual(t.deps.analysed, ["postmark-mcp@1.0.15→1.0.16"]);
  });

  it("an approval given on a closed pull request never turns its check green (reopening decides)", async () => {
    const run = mockPullRequestRun({ ...POSTMARK_BUMP, expectReview: true, expectRequest: true });
    await t.probot.receive({ id: "1", name: "pull_request", payload: prPayload("opened") as never });
    await t.deps.queue.idle();
    assert.equal(run.writes.done.conclusion, "action_required");
    const waiting = ourCheck("action_required", run.writes.done.output);
    // Closed: a blocking check has nothing to withdraw, so nothing past our check is read, nothing written.
    const scope = nock(GH)
      .get(`${R}/pulls/7`)
      .reply(200, pullIs("closed"))
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [waiting] });
    await t.probot.receive({
      id: "2",
      name: "pull_request_review",
      payload: reviewEvent("submitted", "approved", "closed") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
  });

  it("a review event on a closed pull request that GitHub keeps failing withdraws the green check", async () => {
    const { check } = await approvedGreen();
    t.deps.reviewRetryWaitsMs = [];
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let marked: any;
    const scope = nock(GH)
      .get(`${R}/pulls/7`)
      .times(2)
      .reply(200, pullIs("closed"))
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .times(2)
      .reply(200, { total_count: 1, check_runs: [check] })
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .times(3) // the Octokit's own attempts
      .reply(500, { message: "Server Error" })
      .patch(`${R}/check-runs/10`, (b) => {
        marked = b;
        return true;
      })
      .reply(200, {});
    // The one attempt (no retry waits) reads the config before the reviews fail.
    configReads(scope, ALICE_REVIEWS);
    await t.probot.receive({
      id: "2",
      name: "pull_request_review",
      payload: reviewEvent("dismissed", "dismissed", "closed") as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
    assert.equal(marked.conclusion, "failure");
  });

  it("a review event on a closed pull request handed back at shutdown withdraws the green check", async () => {
    const { check } = await approvedGreen();
    // A queue that starts nothing: the review event is still waiting when the process stops.
    t.deps.queue = new WorkQueue(0);
    await t.probot.receive({
      id: "2",
      name: "pull_request_review",
      payload: reviewEvent("dismissed", "dismissed", "closed") as never,
    });
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let ended: any;
    const scope = nock(GH)
      .get(`${R}/pulls/7`)
      .reply(200, pullIs("closed"))
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [check] })
      .patch(`${R}/check-runs/10`, (b) => {
        ended = b;
        return true;
      })
      .reply(200, {});
    const drained = await t.deps.queue.drain(20);
    assert.deepEqual(drained.released, ["acme/service#7"]);
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
    assert.equal(ended.conclusion, "cancelled", "a green check does not stay green on a lost event");
    assert.equal(ended.output.title, INTERRUPTED.title);
  });
});
