/**
 * Failure texts as a person reads them: the reason is the check's title, Re-run is offered exactly
 * where the summary says re-running can help, and logs carry ids and sizes, never a review's body.
 */
import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { Probot } from "probot";
import app from "../../src/app/index.js";
import { appOctokit } from "../../src/github/octokit.js";
import { planFailure } from "../../src/plan/pull-request.js";
import { renderCheck } from "../../src/render/check.js";
import {
  BASE,
  dropMocksOfStepsNotReached,
  HEAD,
  mockPullRequestRun,
  POSTMARK_BUMP,
  prPayload,
  pullAt,
  R,
} from "../helpers/github.js";
import { fixtureDeps, privateKey, TEST_GITHUB_POLICY } from "../helpers/probot.js";

type Line = Record<string, unknown> & { level: string };

/** A logger with pino's surface that keeps every line, so a test can read what the app logged. */
function capturingLog(lines: Line[], bindings: Record<string, unknown> = {}): never {
  const at =
    (level: string) =>
    (obj: unknown, msg?: string): void => {
      const fields =
        typeof obj === "object" && obj !== null ? (obj as Record<string, unknown>) : { msg: obj };
      lines.push({ ...bindings, ...fields, ...(msg === undefined ? {} : { msg }), level });
    };
  const log = {
    level: "trace",
    child: (b: Record<string, unknown>) => capturingLog(lines, { ...bindings, ...b }),
    isLevelEnabled: () => true,
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    fatal: at("fatal"),
  };
  return log as never;
}

describe("failure texts: a check a person can act on, logs without review bodies", () => {
  let probot: Probot;
  let deps: ReturnType<typeof fixtureDeps>;
  let lines: Line[];
  beforeEach(async () => {
    lines = [];
    deps = fixtureDeps();
    probot = new Probot({
      appId: 123,
      privateKey,
      log: capturingLog(lines),
      Octokit: appOctokit(TEST_GITHUB_POLICY),
    });
    await probot.load((p: Probot) => app(p, undefined, deps));
  });

  async function opened(id: string) {
    await probot.receive({ id, name: "pull_request", payload: prPayload("opened") as never });
    await deps.queue.idle();
  }

  it("a review GitHub refuses is logged with its size, never its body (the whole review)", async () => {
    const { scope, writes } = mockPullRequestRun({
      ...POSTMARK_BUMP,
      expectReview: false,
      expectRequest: true,
    });
    scope.post(`${R}/pulls/7/reviews`).reply(422, { message: "Validation Failed: body is too long" });
    await opened("f1");
    assert.equal(writes.done.conclusion, "action_required");
    const failed = lines.find((l) => l.msg === "mcp-guard review post failed");
    assert.ok(failed, JSON.stringify(lines.map((l) => l.msg)));
    assert.equal(failed.status, 422);
    assert.equal(failed.pr, 7);
    assert.equal(failed.head, HEAD);
    assert.ok(
      typeof failed.requestBytes === "number" && failed.requestBytes > 1000,
      String(failed.requestBytes),
    );
    // Nothing logged holds the review: not its marker, its findings or the package's text.
    const all = JSON.stringify(lines);
    for (const part of ["mcp-guard:review", "hidden-recipient", "giftshop"])
      assert.ok(
        !all.includes(part),
        `the log holds "${part}": ${all.slice(Math.max(0, all.indexOf(part) - 300), all.indexOf(part) + 100)}`,
      );
  });

  it("a failure only a person can fix: the reason is the title, and no Re-run button", async () => {
    const { writes } = mockPullRequestRun({
      ...POSTMARK_BUMP,
      files: ["bun.lockb"],
      base: {},
      head: {},
      expectReview: false,
    });
    await opened("f2");
    assert.equal(writes.done.conclusion, "failure");
    assert.match(
      writes.done.output.title,
      /^Analysis failed: bun\.lockb: bun's binary lockfile cannot be read/,
    );
    assert.match(writes.done.output.summary, /Re-running alone will not change this result/);
    assert.equal(writes.done.actions, undefined);
    dropMocksOfStepsNotReached(writes.done);
  });

  it("a failure a second try may fix (GitHub 502 after the retries): the reason is the title, and Re-run is offered", async () => {
    const { scope, writes } = mockPullRequestRun({
      ...POSTMARK_BUMP,
      expectReview: false,
      readsFiles: false,
    });
    scope
      .get(`${R}/commits/${HEAD}/pulls`)
      .query(true)
      .reply(200, [pullAt(7, BASE)])
      .get(`${R}/pulls/7/files`)
      .query(true)
      .times(3)
      .reply(502, { message: "Bad Gateway" });
    await opened("f3");
    assert.equal(writes.done.conclusion, "failure");
    assert.match(writes.done.output.title, /^Analysis failed: GitHub answered 502 to GET .*files/);
    assert.match(writes.done.output.summary, /; re-run/);
    assert.match(writes.done.output.summary, /Use \*\*Re-run\*\* to try again\./);
    assert.deepEqual(writes.done.actions, [
      { label: "Re-run", description: "Run the mcp-guard analysis again", identifier: "rerun" },
    ]);
    const failed = lines.find((l) => l.msg === "mcp-guard analysis failed");
    assert.equal(failed?.status, 502);
    dropMocksOfStepsNotReached(writes.done);
  });

  it("Re-run is offered exactly where the summary says re-running can help, for every failure text", () => {
    const messages = [
      "socket hang up; re-run",
      "GitHub rate limit on GET /x (API rate limit exceeded); re-run once the limit resets",
      "50 guarded package changes exceed the per-PR limit of 25; split the PR so each group can be reviewed",
      'GitHub refused GET /x (Resource not accessible by integration): the app needs the "contents: read" permission',
      "lockfile not updated: package.json asks for a@2",
    ];
    for (const m of messages) {
      const w = planFailure(null, m);
      const saysHelps = /Use \*\*Re-run\*\*/.test(w.output.summary);
      const saysNot = /will not change this result/.test(w.output.summary);
      assert.equal(saysHelps, w.rerun === true, m);
      assert.equal(saysNot, w.rerun !== true, m);
      assert.ok(w.output.title.startsWith(`Analysis failed: ${m.slice(0, 40)}`), w.output.title);
    }
    // An invalid config says "fix it there and re-run": the button is there for after the fix.
    const invalid = renderCheck(
      {
        conclusion: "failure",
        kind: "invalid-config",
        risk: "none",
        approvedBy: [],
        notes: [],
        problems: ["x"],
      },
      [],
      { whoMayApprove: "", configured: true },
    );
    assert.match(invalid.summary, /fix it there and re-run/);
  });
});
