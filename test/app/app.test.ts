import assert from "node:assert/strict";
import { describe, it } from "node:test";
import nock from "nock";
import { DEPENDENCY_FILES } from "../../src/gate/changes.js";
import { decodeCheckState } from "../../src/github/check-state.js";
import {
  approvalReads,
  BASE,
  configReads,
  contents,
  HEAD,
  lockfile,
  mergeBaseReads,
  OUR_APP,
  prPayload,
  pullAt,
  R,
} from "../helpers/github.js";
import { appUnderTest, GH } from "../helpers/probot.js";

const CONFIG = "reviewers:\n  users: [alice]\n";
const MANIFEST = JSON.stringify({ name: "service", dependencies: { "postmark-mcp": "^1.0.15" } });
const lock = (version: string) =>
  lockfile({ "node_modules/postmark-mcp": version, "node_modules/zod": "3.25.0" });

function dependencyFiles(scope: nock.Scope, ref: string, lockText: string) {
  const texts: Record<string, string> = { "package.json": MANIFEST, "package-lock.json": lockText };
  for (const name of DEPENDENCY_FILES) contents(scope, name, ref, texts[name] ?? null);
}

describe("the GitHub App on a Dependabot PR bumping an MCP package", () => {
  const t = appUnderTest();

  it("blocks until a designated reviewer approves, then passes; a repeated review event writes nothing", async () => {
    // 1. The PR is opened: the webhook handler claims the head with a check in progress at once, then
    //    the queued run posts the review, asks reviewers and ends the check action_required.
    // biome-ignore lint/suspicious/noExplicitAny: request bodies as GitHub receives them
    const writes: Record<string, any> = {};
    const scope = nock(GH)
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post("/app/installations/2/access_tokens")
      .reply(200, { token: "t", permissions: { checks: "write", pull_requests: "write", contents: "read" } })
      .post(`${R}/check-runs`, (b) => {
        writes.start = b;
        return true;
      })
      .reply(201, { id: 10 })
      .get(`${R}/pulls/7`)
      .reply(200, {
        number: 7,
        state: "open",
        user: { login: "dependabot[bot]" },
        head: { sha: HEAD },
        base: { sha: BASE, ref: "main" },
        changed_files: 1,
      })
      .get(`${R}/pulls/7/files`)
      .query(true)
      .reply(200, [{ filename: "package-lock.json" }])
      .get(`${R}/commits/${HEAD}/pulls`)
      .query(true)
      .reply(200, [pullAt(7, BASE)])
      .get(`${R}/pulls/7/reviews`)
      .query(true)
      .reply(200, [])
      .post(`${R}/pulls/7/reviews`, (b) => {
        writes.review = b;
        return true;
      })
      .reply(200, { id: 99, html_url: "https://github.com/acme/service/pull/7#pullrequestreview-99" })
      .post(`${R}/pulls/7/requested_reviewers`, (b) => {
        writes.requested = b;
        return true;
      })
      .reply(201, {})
      .patch(`${R}/check-runs/10`, (b) => {
        writes.done = b;
        return true;
      })
      .reply(200, {});
    configReads(scope, CONFIG);
    // Where the base is and where the head meets it: with the facts, and again after the analysis.
    // The base has not moved (merge base = base tip = BASE), so one set of files is read for both.
    mergeBaseReads(scope, { times: 2 });
    dependencyFiles(scope, BASE, lock("1.0.15"));
    dependencyFiles(scope, HEAD, lock("1.0.16"));

    await t.probot.receive({ id: "1", name: "pull_request", payload: prPayload("opened") as never });
    assert.equal(writes.start?.status, "in_progress", "the head is claimed by the delivery itself");
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope.pendingMocks(), []);
    assert.deepEqual(
      [writes.start.status, writes.start.head_sha, writes.start.name],
      ["in_progress", HEAD, "mcp-guard"],
    );
    assert.deepEqual(
      decodeCheckState(writes.start.output.text),
      { headSha: HEAD, baseSha: BASE, fingerprint: "", changes: [], pending: true },
      "the claim names the (base, head) it decides, and nothing decided yet",
    );
    assert.deepEqual(t.deps.analysed, ["postmark-mcp@1.0.15→1.0.16"]);
    assert.match(writes.review.body, /hidden-recipient/);
    assert.equal(writes.review.event, "COMMENT");
    assert.deepEqual(writes.requested, { reviewers: ["alice"], team_reviewers: [] });
    assert.equal(writes.done.conclusion, "action_required");
    assert.equal(writes.done.output.title, "Risk critical: postmark-mcp 1.0.15 → 1.0.16 needs approval");
    assert.match(writes.done.output.summary, /Waiting for approval from @alice/);
    assert.ok(
      writes.done.output.summary.includes(
        '- postmark-mcp: critical hidden-recipient index.js:33: every message or request now gets the fixed Bcc "phan@&#8203;giftshop\\[.\\]club"',
      ),
    );
    assert.ok(
      writes.done.output.summary.includes(
        "- postmark-mcp: medium new-endpoint index.js:33: new e-mail address giftshop\\[.\\]club",
      ),
    );
    assert.ok(
      writes.done.output.summary.endsWith("Rules: `acme/service:.github/mcp-guard.yml` at `aaaaaaa`."),
      "the check names the config file and the commit it was read at",
    );
    const state = decodeCheckState(writes.done.output.text)!;
    assert.deepEqual([state.headSha, state.baseSha, state.mergeBaseSha], [HEAD, BASE, BASE]);
    assert.match(state.fingerprint, /^v2:/);

    // 2. alice approves the head after the check showed its result: the approval binds to that
    //    change set, which is still what the pull request brings, so the check passes.
    const check = {
      id: 10,
      app: OUR_APP,
      status: "completed",
      conclusion: "action_required",
      started_at: "2026-11-23T09:00:00Z",
      completed_at: "2026-11-23T09:00:30Z",
      output: writes.done.output,
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
    const pull = {
      number: 7,
      state: "open",
      user: { login: "dependabot[bot]" },
      head: { sha: HEAD },
      base: { sha: BASE, ref: "main" },
      changed_files: 1,
    };
    const scope2 = approvalReads(nock(GH), pull, check, approval)
      .patch(`${R}/check-runs/10`, (b) => {
        writes.approved = b;
        return true;
      })
      .reply(200, {});
    const reviewPayload = {
      ...prPayload("opened"),
      action: "submitted",
      review: { id: 1, state: "approved", user: { login: "alice" } },
    };
    await t.probot.receive({ id: "2", name: "pull_request_review", payload: reviewPayload as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, []);
    assert.deepEqual(scope2.pendingMocks(), []);
    assert.equal(writes.approved.conclusion, "success");
    assert.equal(
      writes.approved.output.title,
      "Approved by @alice for postmark-mcp 1.0.15 → 1.0.16 (risk: critical)",
    );
    assert.equal(writes.approved.completed_at, check.completed_at, "the change set shown keeps its time");
    assert.deepEqual(
      decodeCheckState(writes.approved.output.text),
      { ...state, approvedBy: ["alice"] },
      "the re-decision keeps the analysed change set, and says who approved it (named if it is revoked)",
    );

    // 3. The same review event again: the decision does not change, so nothing is written.
    //    (The run kept its completed_at, so the history still shows alice approved after its result.)
    const passed = { ...check, conclusion: "success", output: writes.approved.output };
    const scope3 = approvalReads(nock(GH), pull, passed, approval);
    await t.probot.receive({
      id: "3",
      name: "pull_request_review",
      payload: { ...reviewPayload, action: "edited" } as never,
    });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "no write (or any unexpected call) was made");
    assert.deepEqual(scope3.pendingMocks(), []);
  });
});
