/**
 * The pull-request plan as plain data: facts and package reviews in, every write out. The app
 * scenarios (test/app/) run the same through Probot and a mocked GitHub; here each decision is one call.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import type { ReviewRecord, Standing } from "../../src/gate/approval.js";
import { changeSetFingerprint, findChanges, type VersionChange } from "../../src/gate/changes.js";
import { parseConfigText } from "../../src/gate/config.js";
import type { ExistingCheck, PullFacts, PullReview } from "../../src/gate/pull.js";
import { readTarball } from "../../src/npm/tarball.js";
import { planClaim } from "../../src/plan/claim.js";
import {
  approvalPolicy,
  type CheckWrite,
  failureMessage,
  type PullAnalysis,
  planFailure,
  planPullRequest,
  planReviewEvent,
} from "../../src/plan/pull-request.js";
import { ABANDONED, supersededText } from "../../src/render/check.js";
import { NOTICE_MARKER, renderPullReview } from "../../src/render/markdown.js";
import { FIXTURES, review } from "../helpers/fixtures.js";
import { BASE, HEAD, postmarkLock } from "../helpers/github.js";
import { matchSnapshot } from "../helpers/snapshot.js";

const limits = withLimits();
const tgz = (v: string) =>
  readTarball(
    `postmark-mcp-${v}.tgz`,
    readFileSync(join(FIXTURES, "packages", `postmark-mcp-${v}.tgz`)),
    limits,
  );
const [v15, v16] = await Promise.all([tgz("1.0.15"), tgz("1.0.16")]);
const POSTMARK = review(v15, v16, { limits });

const lockAt = (v: string) => new Map([["package-lock.json", postmarkLock(v)]]);
const BUMP: VersionChange[] = findChanges(lockAt("1.0.15"), lockAt("1.0.16")).filter(
  (c) => c.name === "postmark-mcp",
);

function facts(over: Partial<PullFacts> = {}, config = "reviewers:\n  users: [alice]\n"): PullFacts {
  return {
    pr: { number: 7, author: "dependabot[bot]", headSha: HEAD, baseSha: BASE, baseRef: "main" },
    mergeBaseSha: BASE,
    config: parseConfigText(config),
    changedFiles: ["package-lock.json"],
    filesAt: new Map([
      [BASE, lockAt("1.0.15")],
      [HEAD, lockAt("1.0.16")],
    ]),
    reviews: [],
    standing: new Map(),
    basesAtHead: [BASE],
    pushers: { logins: new Set(), unattributed: [] },
    // Review 1 was given while this app's check showed the bump.
    approvedSets: new Map([[1, changeSetFingerprint(BUMP)]]),
    ...over,
  };
}

function analysis(over: Partial<PullAnalysis> = {}): PullAnalysis {
  return { guarded: BUMP, reviews: [POSTMARK], headNow: HEAD, ...over };
}

const approval = (user: string, commitId = HEAD): PullReview & ReviewRecord => ({
  id: 1,
  body: "",
  url: "",
  user,
  isBot: false,
  state: "APPROVED",
  commitId,
  submittedAt: "2026-11-30T10:00:00Z",
});
const ALICE = approvalPolicy(parseConfigText("reviewers:\n  users: [alice]\n").config);
const writer: Standing = { permission: "write", activeTeams: [] };

describe("planPullRequest", () => {
  it("a guarded bump: one review, the designated reviewers asked, the check waits with the change set", () => {
    const plan = planPullRequest(facts(), analysis());
    assert.equal(plan.conclusion, "action_required");
    assert.equal(plan.review?.kind, "create");
    assert.equal(plan.review?.body, renderPullReview([POSTMARK], { approval: ALICE }));
    assert.match(plan.review!.body, /\. Merge needs approval from @alice\.\n/);
    assert.equal(plan.notice, null, "a first review notifies by itself");
    assert.deepEqual(plan.reviewersToRequest, { users: ["alice"], teams: [] });
    const check = plan.check({ url: "https://github.com/acme/service/pull/7#pullrequestreview-1" });
    assert.equal(check.conclusion, "action_required");
    assert.equal(check.detailsUrl, "https://github.com/acme/service/pull/7#pullrequestreview-1");
    assert.equal(check.state?.changes[0]?.risk, "critical");
    assert.equal(check.state?.headSha, HEAD);
    matchSnapshot(
      import.meta.filename,
      "check-waiting-critical",
      `${check.output.title}\n\n${check.output.summary}`,
    );
    matchSnapshot(import.meta.filename, "review-postmark", plan.review!.body);
  });

  it("an eligible approval of this change set passes; the same approval on another change set does not", () => {
    const approved = facts({ reviews: [approval("alice")], standing: new Map([["alice", writer]]) });
    const check = planPullRequest(approved, analysis()).check({});
    assert.equal(check.conclusion, "success");
    matchSnapshot(import.meta.filename, "check-approved", `${check.output.title}\n\n${check.output.summary}`);
    // Given while another change set was shown (a retarget since): void, on the head commit too.
    const other = facts({
      reviews: [approval("alice")],
      standing: new Map([["alice", writer]]),
      approvedSets: new Map([[1, changeSetFingerprint(findChanges(lockAt("1.0.16"), lockAt("1.0.17")))]]),
    });
    const refused = planPullRequest(other, analysis()).check({});
    assert.equal(refused.conclusion, "action_required");
    assert.match(
      refused.output.summary,
      /@alice: approval does not count: approved a different set of package changes/,
    );
    // Given while no result was shown: void.
    const unseen = facts({
      reviews: [approval("alice", "d".repeat(40))],
      standing: new Map([["alice", writer]]),
      approvedSets: new Map([[1, null]]),
    });
    assert.equal(planPullRequest(unseen, analysis()).check({}).conclusion, "action_required");
  });

  it("the review is kept when its body did not change; a review that could not be posted is named in the check", () => {
    const body = renderPullReview([POSTMARK], { approval: ALICE });
    const ours: PullReview = { ...approval("mcp-guard[bot]"), state: "COMMENTED", id: 5, body, url: "u5" };
    const plan = planPullRequest(facts({ reviews: [ours], ourLogin: "mcp-guard[bot]" }), analysis());
    assert.equal(plan.review, null);
    assert.equal(plan.notice, null, "nothing changed: nobody is notified");
    assert.equal(plan.reviewUrl, "u5");
    // The marker in someone else's review (copied by the PR author) is not ours: ours is created.
    const copied = { ...ours, user: "mallory" };
    assert.equal(
      planPullRequest(facts({ reviews: [copied], ourLogin: "mcp-guard[bot]" }), analysis()).review?.kind,
      "create",
    );
    const failed = planPullRequest(facts(), analysis()).check({ problem: "body too long" });
    assert.match(failed.output.summary, /The review could not be posted \(body too long\)/);
    assert.notEqual(failed.conclusion, "success");
  });

  it("a review that changed (a re-push) is updated in place, with one short notice naming who may approve", () => {
    const old: PullReview = {
      ...approval("mcp-guard[bot]"),
      state: "COMMENTED",
      id: 5,
      body: renderPullReview([POSTMARK], { approval: ALICE }).replace("1.0.16", "1.0.17"),
      url: "https://github.com/acme/service/pull/7#pullrequestreview-5",
    };
    const plan = planPullRequest(facts({ reviews: [old], ourLogin: "mcp-guard[bot]" }), analysis());
    assert.deepEqual(plan.review, {
      kind: "update",
      id: 5,
      body: renderPullReview([POSTMARK], { approval: ALICE }),
    });
    assert.equal(
      plan.notice,
      `${NOTICE_MARKER}\nmcp-guard updated [its review](https://github.com/acme/service/pull/7#pullrequestreview-5) for commit ${HEAD.slice(0, 7)}: 🔴 critical risk — postmark-mcp 1.0.15 → 1.0.16. Merge needs approval from @alice.\n`,
    );
  });

  it("a newer head makes the result stale: the check is cancelled and nothing else is written", () => {
    const plan = planPullRequest(facts(), analysis({ headNow: "e".repeat(40) }));
    assert.equal(plan.conclusion, "cancelled");
    assert.equal(plan.review, null);
    assert.deepEqual(plan.reviewersToRequest, { users: [], teams: [] });
    assert.deepEqual(plan.check({}), { conclusion: "cancelled", output: supersededText("e".repeat(40)) });
  });

  it("no guarded change: success, no review, nobody asked", () => {
    const plan = planPullRequest(facts(), analysis({ guarded: [], reviews: [] }));
    assert.equal(plan.conclusion, "success");
    assert.equal(plan.review, null);
    assert.deepEqual(plan.reviewersToRequest, { users: [], teams: [] });
    const check = plan.check({});
    matchSnapshot(
      import.meta.filename,
      "check-no-changes",
      `${check.output.title}\n\n${check.output.summary}`,
    );
  });

  it("an invalid config fails the check and stores no change set", () => {
    const bad = facts({}, "reviewers: [alice]\n");
    const plan = planPullRequest(bad, analysis({ guarded: [], reviews: [] }));
    const check = plan.check({});
    assert.equal(check.conclusion, "failure");
    assert.equal(check.state, undefined);
    matchSnapshot(
      import.meta.filename,
      "check-invalid-config",
      `${check.output.title}\n\n${check.output.summary}`,
    );
  });
});

/** A review event's plan when the stored change set is fresh (never "stale" here). */
function decided(...args: Parameters<typeof planReviewEvent>): CheckWrite | null {
  const w = planReviewEvent(...args);
  assert.notEqual(w, "stale");
  return w as CheckWrite | null;
}

describe("planReviewEvent", () => {
  const stored = planPullRequest(facts(), analysis()).check({});
  const existing = (over: Partial<ExistingCheck> = {}): ExistingCheck => ({
    id: 10,
    status: "completed",
    conclusion: stored.conclusion,
    title: stored.output.title,
    summary: stored.output.summary,
    startedAt: null,
    state: stored.state ?? null,
    ...over,
  });

  it("an approval re-decides from the stored change set; the same decision again writes nothing", () => {
    const approved = facts({ reviews: [approval("alice")], standing: new Map([["alice", writer]]) });
    assert.equal(decided(approved, existing())?.conclusion, "success");
    assert.equal(decided(facts(), existing()), null);
  });

  it("what could not be published (a reviewer request) stays on the check when a review event re-decides", () => {
    const withNote = planPullRequest(facts(), analysis()).check({
      requestProblem: "Could not ask @outsider for a review (422).",
    });
    assert.match(withNote.output.summary, /Could not ask @outsider/);
    const check = existing({
      state: withNote.state ?? null,
      title: withNote.output.title,
      summary: withNote.output.summary,
    });
    const approved = facts({ reviews: [approval("alice")], standing: new Map([["alice", writer]]) });
    const again = decided(approved, check);
    assert.equal(again?.conclusion, "success");
    assert.match(again?.output.summary ?? "", /Could not ask @outsider/);
  });

  it("a failed run stores no state, so no review event can turn it green (it did before: an empty change set read as 'no changes')", () => {
    const failed = planFailure(facts(), "registry down; re-run");
    assert.equal(failed.state, undefined);
    const approved = facts({ reviews: [approval("alice")], standing: new Map([["alice", writer]]) });
    const check = existing({
      conclusion: "failure",
      title: failed.output.title,
      summary: failed.output.summary,
      state: null,
    });
    // Not fresh: the app analyses afresh rather than decide from nothing.
    assert.equal(planReviewEvent(approved, check), "stale");
    matchSnapshot(import.meta.filename, "check-failed", `${failed.output.title}\n\n${failed.output.summary}`);
  });

  it("a check of another head, base tip or merge base, or still running, is stale: analysed afresh, never decided from", () => {
    assert.equal(planReviewEvent(facts(), existing({ status: "in_progress" })), "stale");
    const approved = facts({ reviews: [approval("alice")], standing: new Map([["alice", writer]]) });
    const retargeted = existing({ state: { ...stored.state!, baseSha: "f".repeat(40) } });
    assert.equal(planReviewEvent(approved, retargeted), "stale");
    const baseMoved = existing({ state: { ...stored.state!, mergeBaseSha: "f".repeat(40) } });
    assert.equal(planReviewEvent(approved, baseMoved), "stale");
    const { mergeBaseSha: _, ...older } = stored.state!;
    assert.equal(
      planReviewEvent(approved, existing({ state: older })),
      "stale",
      "a state without a merge base",
    );
    const other = existing({ state: { ...stored.state!, headSha: "e".repeat(40) } });
    assert.equal(planReviewEvent(facts(), other), "stale");
  });

  it("on a closed pull request: a green check the reviews no longer support is withdrawn; nothing is ever turned green", () => {
    const closed = { open: false };
    const approved = facts({ reviews: [approval("alice")], standing: new Map([["alice", writer]]) });
    const green = planPullRequest(approved, analysis()).check({});
    const greenCheck = existing({
      conclusion: green.conclusion,
      title: green.output.title,
      summary: green.output.summary,
    });
    assert.equal(greenCheck.conclusion, "success");
    // The approval dismissed while closed: the check turns blocking, keeping its change set.
    const dismissed = facts({ reviews: [{ ...approval("alice"), state: "DISMISSED" }] });
    const withdrawn = decided(dismissed, greenCheck, closed);
    assert.equal(withdrawn?.conclusion, "action_required");
    assert.match(withdrawn?.output.summary ?? "", /@alice: latest review is dismissed/);
    // The change set is kept; who approved it is not (nobody does now).
    const { approvedBy, ...changeSet } = green.state!;
    assert.deepEqual(approvedBy, ["alice"]);
    assert.deepEqual(withdrawn?.state, changeSet);
    // Still approved (an edited review): nothing to write.
    assert.equal(decided(approved, greenCheck, closed), null);
    // A blocking check is not turned green, nor rewritten, on a closed pull request: reopening decides.
    assert.equal(decided(approved, existing(), closed), null);
    assert.equal(decided(dismissed, existing(), closed), null);
    // Open, the same approval does turn it green.
    assert.equal(decided(approved, existing())?.conclusion, "success");
  });
});

describe("planClaim and failures", () => {
  const check = (over: Partial<ExistingCheck>): ExistingCheck => ({
    id: 3,
    status: "completed",
    conclusion: "success",
    title: null,
    summary: null,
    startedAt: "2026-11-30T10:00:00Z",
    state: { headSha: HEAD, baseSha: BASE, mergeBaseSha: BASE, fingerprint: "f", changes: [] },
    ...over,
  });
  const at = Date.parse("2026-11-30T10:01:00Z");
  const PR = { headSha: HEAD, baseSha: BASE };
  const opts = { now: at, limits, force: false };

  it("a head with a result or a live run starts nothing; an abandoned run is retired; a re-run always starts", () => {
    assert.equal(planClaim(check({}), PR, opts).kind, "skip");
    const claimed = { headSha: HEAD, baseSha: BASE, fingerprint: "", changes: [], pending: true };
    assert.equal(planClaim(check({ status: "in_progress", state: claimed }), PR, opts).kind, "skip");
    // A run in progress for another base (a retarget) is superseded at once; so is one that does not say.
    const elsewhere = { ...claimed, baseSha: "f".repeat(40) };
    assert.equal(planClaim(check({ status: "in_progress", state: elsewhere }), PR, opts).kind, "start");
    assert.equal(planClaim(check({ status: "in_progress", state: null }), PR, opts).kind, "start");
    // A result from before merge bases were read is never a duplicate.
    const { mergeBaseSha: _, ...older } = check({}).state!;
    assert.equal(planClaim(check({ state: older }), PR, opts).kind, "start");
    const late = { ...opts, now: at + 2 * limits.analysisTimeoutMs };
    assert.equal(planClaim(check({ status: "in_progress" }), PR, late).kind, "start");
    assert.equal(
      (planClaim(check({ status: "in_progress" }), PR, late) as { retire?: unknown }).retire !== undefined,
      true,
    );
    assert.deepEqual(planClaim(check({}), PR, { ...opts, force: true }), { kind: "start" });
    assert.deepEqual(planClaim(null, PR, opts), { kind: "start" });
    // A result for another base (a retarget, a second pull request) is not this one's.
    const otherBase = check({
      state: { headSha: HEAD, baseSha: "f".repeat(40), fingerprint: "f", changes: [] },
    });
    assert.deepEqual(planClaim(otherBase, PR, opts), { kind: "start" });
    // A completed check without our state (another run's, or a failure) does not count as a result.
    assert.deepEqual(planClaim(check({ state: null }), PR, opts), { kind: "start" });
  });

  it("a failure says whether re-running helps; our own coded errors are shown as they are", () => {
    assert.equal(failureMessage(new Error("socket hang up")), "socket hang up; re-run");
    assert.equal(
      failureMessage(Object.assign(new Error("split the PR"), { code: "E_MCPGUARD_LIMIT" })),
      "split the PR",
    );
    assert.equal(planFailure(null, "x; re-run").rerun, true);
    assert.equal(planFailure(null, "split the PR").rerun, false, "no Re-run where it cannot help");
    matchSnapshot(import.meta.filename, "check-abandoned", `${ABANDONED.title}\n\n${ABANDONED.summary}`);
  });
});

describe("what a failure logs", () => {
  it("the code, status and message, and the request's size, never its body (a whole review)", async () => {
    const { logged } = await import("../../src/app/pull-request.js");
    const body = "x".repeat(50_000);
    const e = Object.assign(new Error("Validation Failed"), { status: 422, request: { body } });
    const line = logged(e, { number: 7, headSha: HEAD });
    assert.deepEqual(line, {
      pr: 7,
      head: HEAD,
      status: 422,
      error: "Validation Failed",
      requestBytes: 50_000,
    });
    assert.ok(!JSON.stringify(line).includes("xxxx"));
  });
});
