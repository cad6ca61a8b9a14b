/**
 * Work handed back at shutdown (src/app/interrupted.ts through the queue's drain): the pull request's
 * check is ended `cancelled` "Interrupted…" with a Re-run, never left in progress and never green.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import nock from "nock";
import { decodeCheckState, encodeCheckState } from "../../src/github/check-state.js";
import { INTERRUPTED } from "../../src/render/check.js";
import { BASE, HEAD, mockPullRequestRun, OUR_APP, POSTMARK_BUMP, prPayload, R } from "../helpers/github.js";
import { appUnderTest, GH } from "../helpers/probot.js";

const pull = {
  number: 7,
  state: "open",
  user: { login: "dependabot[bot]" },
  head: { sha: HEAD },
  base: { sha: BASE, ref: "main" },
  changed_files: 1,
};
const result = (conclusion: string) => ({
  id: 10,
  app: OUR_APP,
  status: "completed",
  conclusion,
  started_at: new Date().toISOString(),
  output: {
    title: "Approved",
    summary: "s",
    text: encodeCheckState({
      headSha: HEAD,
      baseSha: BASE,
      mergeBaseSha: BASE,
      fingerprint: "v2:f",
      changes: [],
    } as never),
  },
});
const reviewPayload = () => ({
  ...prPayload("opened"),
  action: "dismissed",
  review: { id: 1, state: "dismissed", user: { login: "alice" } },
});

describe("work handed back at shutdown", () => {
  const t = appUnderTest();

  /** A pull-request run that claims the head (check 10) and stalls in its analysis, holding the PR's key. */
  async function stalledRun() {
    let entered!: () => void;
    const inAnalysis = new Promise<void>((resolve) => (entered = resolve));
    t.deps.analyse = () => {
      entered();
      return new Promise(() => {}); // a stalled registry
    };
    const run = mockPullRequestRun({ ...POSTMARK_BUMP, expectReview: false });
    await t.probot.receive({ id: "1", name: "pull_request", payload: prPayload("opened") as never });
    await inAnalysis;
    nock.cleanAll(); // the run never gets past the analysis
    return run;
  }

  it("an analysis still running past the grace period: its check is ended as interrupted, with a Re-run", async () => {
    const run = await stalledRun();
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let ended: any;
    nock(GH)
      .get(`${R}/pulls/7`)
      .reply(200, pull)
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [{ ...run.writes.start, id: 10, app: OUR_APP }] })
      .patch(`${R}/check-runs/10`, (b) => {
        ended = b;
        return true;
      })
      .reply(200, {});
    const drained = await t.deps.queue.drain(20);
    assert.deepEqual(drained, { finished: 0, released: ["acme/service#7"] });
    assert.deepEqual(t.unmatched, []);
    assert.equal(ended.status, "completed");
    assert.equal(ended.conclusion, "cancelled");
    assert.equal(ended.output.title, INTERRUPTED.title);
    assert.equal(ended.output.text, "", "no result is kept");
    assert.equal(ended.actions[0].identifier, "rerun");
  });

  /** The handler's own claim of `sha` fails (GitHub answers 502, after the Octokit's retries). */
  const claimFails = (sha: string) =>
    nock(GH)
      .get(`${R}/commits/${sha}/check-runs`)
      .query(true)
      .times(3)
      .reply(502, { message: "Bad Gateway" });

  it("a pull-request event still waiting, on a head with no check yet: a blocking check is created for it", async () => {
    // One job runs (and stalls); a second PR event waits behind it under the same key. The webhook
    // handler could not claim its head (GitHub failed), so it waits unclaimed: its head has no check.
    await stalledRun();
    const newer = "d".repeat(40);
    const failed = claimFails(newer);
    await t.probot.receive({
      id: "2",
      name: "pull_request",
      payload: prPayload("synchronize", "dependabot[bot]", newer) as never,
    });
    assert.ok(failed.isDone(), "the claim at once was tried");
    // biome-ignore lint/suspicious/noExplicitAny: request bodies as GitHub receives them
    const writes: any[] = [];
    const moved = { ...pull, head: { sha: newer } };
    const record = (b: object) => {
      writes.push(b);
      return true;
    };
    nock(GH)
      // Both jobs read the PR: it is at the newer head now.
      .get(`${R}/pulls/7`)
      .times(2)
      .reply(200, moved)
      // The running job's own (older) head: its in-progress check is ended.
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [{ id: 10, app: OUR_APP, status: "in_progress", output: {} }],
      })
      .patch(`${R}/check-runs/10`, record)
      .reply(200, {})
      // The newer head has no check: one is created and ended (the waiting job; then the running one finds it).
      .get(`${R}/commits/${newer}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${R}/check-runs`, record)
      .reply(201, { id: 11, app: OUR_APP })
      .patch(`${R}/check-runs/11`, record)
      .reply(200, {})
      .get(`${R}/commits/${newer}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [
          { id: 11, app: OUR_APP, status: "completed", conclusion: "cancelled", output: INTERRUPTED },
        ],
      });
    const drained = await t.deps.queue.drain(20);
    assert.deepEqual(drained.released, ["acme/service#7", "acme/service#7"]);
    assert.deepEqual(t.unmatched, [], "an interrupted check is not written twice");
    const ends = writes.filter((w) => w.conclusion);
    assert.equal(ends.length, 2);
    for (const w of ends) {
      assert.equal(w.conclusion, "cancelled");
      assert.equal(w.output.title, INTERRUPTED.title);
    }
    assert.equal(writes.find((w) => w.head_sha)?.head_sha, newer);
  });

  it("a pull-request event still waiting, its head claimed at once: the claimed check is ended as interrupted", async () => {
    await stalledRun();
    const newer = "d".repeat(40);
    // biome-ignore lint/suspicious/noExplicitAny: request bodies as GitHub receives them
    const writes: any[] = [];
    const record = (b: object) => {
      writes.push(b);
      return true;
    };
    // The webhook handler claims the newer head before queueing: an in-progress check for (BASE, newer).
    nock(GH)
      .get(`${R}/commits/${newer}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${R}/check-runs`, record)
      .reply(201, { id: 11, app: OUR_APP });
    await t.probot.receive({
      id: "2",
      name: "pull_request",
      payload: prPayload("synchronize", "dependabot[bot]", newer) as never,
    });
    assert.equal(writes.length, 1, "claimed at once, while the job waits");
    const claim = writes[0];
    assert.equal(claim.head_sha, newer);
    assert.equal(claim.status, "in_progress");
    assert.deepEqual(decodeCheckState(claim.output.text), {
      headSha: newer,
      baseSha: BASE,
      fingerprint: "",
      changes: [],
      pending: true,
    });
    const moved = { ...pull, head: { sha: newer } };
    const claimed = { id: 11, app: OUR_APP, status: "in_progress", output: claim.output };
    nock(GH)
      .get(`${R}/pulls/7`)
      .times(2)
      .reply(200, moved)
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [{ id: 10, app: OUR_APP, status: "in_progress", output: {} }],
      })
      .patch(`${R}/check-runs/10`, record)
      .reply(200, {})
      // The waiting job's claim is no result: it is ended (once; the running job then finds it ended).
      .get(`${R}/commits/${newer}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [claimed] })
      .patch(`${R}/check-runs/11`, record)
      .reply(200, {})
      .get(`${R}/commits/${newer}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [
          { id: 11, app: OUR_APP, status: "completed", conclusion: "cancelled", output: INTERRUPTED },
        ],
      });
    const drained = await t.deps.queue.drain(20);
    assert.deepEqual(drained.released, ["acme/service#7", "acme/service#7"]);
    assert.deepEqual(t.unmatched, [], "no other check is created, none is written twice");
    const ends = writes.filter((w) => w.conclusion);
    assert.equal(ends.length, 2);
    for (const w of ends) {
      assert.equal(w.conclusion, "cancelled");
      assert.equal(w.output.title, INTERRUPTED.title);
    }
  });

  it("a pull-request event handed back keeps a result its head already has (it would have been a duplicate)", async () => {
    // A first delivery stalls and holds the key; a second event waits behind it (unclaimed: GitHub
    // failed the handler's claim, else it would have been skipped there as a duplicate).
    await stalledRun();
    claimFails(HEAD);
    await t.probot.receive({ id: "1b", name: "pull_request", payload: prPayload("synchronize") as never });
    nock(GH)
      .get(`${R}/pulls/7`)
      .times(2)
      .reply(200, pull)
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .times(2)
      .reply(200, { total_count: 1, check_runs: [result("success")] });
    const drained = await t.deps.queue.drain(20);
    assert.equal(drained.released.length, 2);
    assert.deepEqual(t.unmatched, [], "no write: the head's result stands");
  });

  it("a review event handed back does not keep the standing result (it may have been a dismissal)", async () => {
    await stalledRun();
    await t.probot.receive({ id: "2", name: "pull_request_review", payload: reviewPayload() as never });
    // biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub receives it
    let ended: any;
    nock(GH)
      .get(`${R}/pulls/7`)
      .times(2)
      .reply(200, pull)
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [result("success")] })
      .patch(`${R}/check-runs/10`, (b) => {
        ended = b;
        return true;
      })
      .reply(200, {})
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [
          { id: 10, app: OUR_APP, status: "completed", conclusion: "cancelled", output: INTERRUPTED },
        ],
      });
    await t.deps.queue.drain(20);
    assert.deepEqual(t.unmatched, []);
    assert.equal(ended.conclusion, "cancelled", "a green check does not stay green on a lost review event");
    assert.equal(ended.output.title, INTERRUPTED.title);
  });
});
