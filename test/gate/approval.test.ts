import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decide, type GateInput, type ReviewRecord, type Standing } from "../../src/gate/approval.js";
import { DEFAULT_CONFIG, type GuardConfig } from "../../src/gate/config.js";
import { isGuarded, looksLikeMcp } from "../../src/gate/guard.js";

const config: GuardConfig = {
  ...DEFAULT_CONFIG,
  reviewers: { users: ["alice"], teams: ["acme/security"] },
  fromFile: true,
};
const HEAD = "h2";
const change = {
  dir: "",
  name: "postmark-mcp",
  from: "1.0.15",
  to: "1.0.16",
  risk: "critical" as const,
  complete: true,
  findings: 2,
};
const review = (
  user: string,
  state: ReviewRecord["state"],
  commitId = HEAD,
  at = "2026-11-23T10:00:00Z",
  isBot = false,
): ReviewRecord => ({
  user,
  state,
  commitId,
  submittedAt: at,
  isBot,
});
const writer = (activeTeams: string[] = []): Standing => ({ permission: "write", activeTeams });

function input(over: Partial<GateInput> = {}): GateInput {
  return {
    config,
    configProblems: [],
    prAuthor: "dependabot[bot]",
    pushers: { logins: new Set(), unattributed: [] },
    changes: [change],
    fingerprint: "F-head",
    // What each approval was given for, told here by its commit (the app tells it from its check runs).
    approvedSet: (r) => ({ [HEAD]: "F-head", h1: "F-old", r1: "F-head" })[r.commitId] ?? null,
    reviews: [],
    standing: new Map([
      ["alice", writer()],
      ["bob", writer(["acme/security"])],
      ["carol", writer()],
      ["dave", { permission: "read", activeTeams: [] }],
      ["mallory", writer()],
    ]),
    ...over,
  };
}

describe("decide: the gate", () => {
  it("is green when no guarded package changed", () => {
    assert.deepEqual(decide(input({ changes: [] })), {
      conclusion: "success",
      kind: "no-changes",
      risk: "none",
      approvedBy: [],
      notes: [],
      problems: [],
    });
  });

  it("waits for approval of a guarded change", () => {
    const d = decide(input());
    assert.equal(d.conclusion, "action_required");
    assert.equal(d.kind, "waiting");
    assert.equal(d.risk, "critical");
  });

  it("a listed user's approval on the head passes it", () => {
    assert.deepEqual(decide(input({ reviews: [review("alice", "APPROVED")] })).approvedBy, ["alice"]);
    assert.equal(decide(input({ reviews: [review("alice", "APPROVED")] })).conclusion, "success");
  });

  it("an active member of a listed team counts", () => {
    assert.equal(decide(input({ reviews: [review("bob", "APPROVED")] })).conclusion, "success");
  });

  const refused: [string, Partial<GateInput>, RegExp][] = [
    [
      "the PR author approving",
      { prAuthor: "alice", reviews: [review("alice", "APPROVED")] },
      /@alice: approval does not count: is the author/,
    ],
    [
      "a reviewer who is not listed",
      { reviews: [review("carol", "APPROVED")] },
      /@carol: approval does not count: not a designated reviewer/,
    ],
    [
      "a pending (not active) team member",
      { reviews: [review("mallory", "APPROVED")], standing: new Map([["mallory", writer([])]]) },
      /@mallory: approval does not count: not a designated reviewer/,
    ],
    [
      "a bot",
      { reviews: [review("renovate[bot]", "APPROVED", HEAD, "2026-11-23T10:00:00Z", true)] },
      /is a bot/,
    ],
    [
      "a listed user without write access",
      {
        config: { ...config, reviewers: { users: ["dave"], teams: [] } },
        reviews: [review("dave", "APPROVED")],
      },
      /@dave: approval does not count: has read permission, write needed/,
    ],
    [
      "CHANGES_REQUESTED after APPROVED by the same person",
      {
        reviews: [
          review("alice", "APPROVED", HEAD, "2026-11-23T10:00:00Z"),
          review("alice", "CHANGES_REQUESTED", HEAD, "2026-11-23T11:00:00Z"),
        ],
      },
      /@alice: latest review is changes requested/,
    ],
    [
      "an approval on an older commit with a different change set",
      { reviews: [review("alice", "APPROVED", "h1")] },
      /@alice: approval does not count: approved a different set of package changes/,
    ],
    [
      "an approval given while no result was shown (its change set is unknown)",
      { reviews: [review("alice", "APPROVED", "gone")] },
      /was given while no mcp-guard result was shown for commit/,
    ],
  ];
  for (const [label, over, note] of refused) {
    it(`does not count ${label}`, () => {
      const d = decide(input(over));
      assert.equal(d.conclusion, "action_required");
      assert.deepEqual(d.approvedBy, []);
      assert.match(d.notes.join("\n"), note);
    });
  }

  it("keeps an approval across a rebase when the change set is identical", () => {
    const d = decide(input({ reviews: [review("alice", "APPROVED", "r1")] }));
    assert.equal(d.conclusion, "success");
    assert.deepEqual(d.approvedBy, ["alice"]);
  });

  it("a later comment does not clear an approval", () => {
    const d = decide(
      input({
        reviews: [
          review("alice", "APPROVED", HEAD, "2026-11-23T10:00:00Z"),
          review("alice", "COMMENTED", HEAD, "2026-11-23T12:00:00Z"),
        ],
      }),
    );
    assert.equal(d.conclusion, "success");
  });

  it("needs as many approvals as configured", () => {
    const two = { ...config, requiredApprovals: 2 };
    assert.equal(
      decide(input({ config: two, reviews: [review("alice", "APPROVED")] })).conclusion,
      "action_required",
    );
    assert.equal(
      decide(input({ config: two, reviews: [review("alice", "APPROVED"), review("bob", "APPROVED")] }))
        .conclusion,
      "success",
    );
  });

  it("without configured reviewers, only repository admins may approve", () => {
    const standing = new Map([
      ["alice", writer()],
      ["root", { permission: "admin" as const, activeTeams: [] }],
    ]);
    assert.equal(
      decide(input({ config: DEFAULT_CONFIG, standing, reviews: [review("alice", "APPROVED")] })).conclusion,
      "action_required",
    );
    assert.equal(
      decide(input({ config: DEFAULT_CONFIG, standing, reviews: [review("root", "APPROVED")] })).conclusion,
      "success",
    );
  });

  it("two-person rule: an approver who pushed a commit to the pull request does not count", () => {
    const d = decide(
      input({
        pushers: { logins: new Set(["alice"]), unattributed: [] },
        reviews: [review("Alice", "APPROVED")],
      }),
    );
    assert.equal(d.conclusion, "action_required");
    assert.match(d.notes.join("\n"), /@Alice: approval does not count: pushed a commit to this pull request/);
    const unknown = decide(input({ pushers: null, reviews: [review("alice", "APPROVED")] }));
    assert.equal(unknown.conclusion, "action_required");
    assert.match(unknown.notes.join("\n"), /who pushed them is unknown/);
  });

  describe("two-person rule: a commit GitHub links to no account", () => {
    const UNLINKED = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4";
    const unattributed = (shas: string[], logins: string[] = []) => ({
      pushers: { logins: new Set(logins), unattributed: shas },
    });

    it("voids every approval: who pushed it cannot be shown not to be the approver", () => {
      const d = decide(
        input({
          ...unattributed([UNLINKED]),
          reviews: [review("alice", "APPROVED"), review("bob", "APPROVED")],
        }),
      );
      assert.deepEqual([d.conclusion, d.kind, d.approvedBy], ["action_required", "waiting", []]);
      assert.deepEqual(d.notes, [
        "@alice: approval does not count: who pushed commit e3b0c44 is unknown (two-person rule)",
        "@bob: approval does not count: who pushed commit e3b0c44 is unknown (two-person rule)",
        "Commit e3b0c44 has an author or committer e-mail linked to no GitHub account, so the two-person rule cannot be checked and no approval counts: re-push it from an e-mail linked to a GitHub account (or squash or rebase it under a linked identity).",
      ]);
    });

    it("names at most five commits, and says how many more", () => {
      const shas = ["a", "b", "c", "d", "f", "1", "2"].map((c) => c.repeat(40));
      const d = decide(input({ ...unattributed(shas), reviews: [review("alice", "APPROVED")] }));
      assert.equal(d.conclusion, "action_required");
      assert.match(
        d.notes.join("\n"),
        /^Commits aaaaaaa, bbbbbbb, ccccccc, ddddddd, fffffff and 2 more have an author or committer e-mail linked to no GitHub account.*re-push them/m,
      );
    });

    it("is not confused with the list GitHub cut short, nor said when no approval was refused for it", () => {
      const cut = decide(input({ pushers: null, reviews: [review("alice", "APPROVED")] }));
      assert.doesNotMatch(cut.notes.join("\n"), /linked to no GitHub account/);
      // An approver who pushed is told that; the fix is said only when it is why an approval was refused.
      const pushed = decide(
        input({ ...unattributed([UNLINKED], ["alice"]), reviews: [review("alice", "APPROVED")] }),
      );
      assert.deepEqual(pushed.notes, [
        "@alice: approval does not count: pushed a commit to this pull request (two-person rule)",
      ]);
      // No approval at all: nothing to say about who pushed.
      assert.deepEqual(decide(input(unattributed([UNLINKED]))).notes, []);
    });

    it("does not block what needs no approval: no guarded change, or a risk below the threshold", () => {
      assert.equal(decide(input({ ...unattributed([UNLINKED]), changes: [] })).conclusion, "success");
      const below = decide(
        input({
          ...unattributed([UNLINKED]),
          config: { ...config, requireApprovalFrom: "critical" },
          changes: [{ ...change, risk: "high" }],
        }),
      );
      assert.equal(below.kind, "below-threshold");
    });

    it("a sha that is not hex is not echoed into the check", () => {
      const d = decide(
        input({ ...unattributed(["<img src=x>`**"]), reviews: [review("alice", "APPROVED")] }),
      );
      assert.equal(d.conclusion, "action_required");
      assert.doesNotMatch(d.notes.join("\n"), /[<>`*]/);
    });
  });

  it("fails on an invalid config, listing the problems, whatever the approvals", () => {
    const d = decide(
      input({
        configProblems: [".github/mcp-guard.yml: gate: unknown key"],
        reviews: [review("alice", "APPROVED")],
      }),
    );
    assert.deepEqual(
      [d.conclusion, d.kind, d.problems],
      ["failure", "invalid-config", [".github/mcp-guard.yml: gate: unknown key"]],
    );
  });

  it("fails when the analysis failed", () => {
    const d = decide(
      input({ failure: "registry timed out; re-run", reviews: [review("alice", "APPROVED")] }),
    );
    assert.deepEqual([d.conclusion, d.kind], ["failure", "failed"]);
  });

  it("an approval does not turn an incomplete analysis green unless the config opts in", () => {
    const incomplete = [{ ...change, complete: false }];
    const approved = [review("alice", "APPROVED")];
    assert.equal(decide(input({ changes: incomplete, reviews: approved })).conclusion, "failure");
    assert.equal(
      decide(
        input({
          changes: incomplete,
          reviews: approved,
          config: { ...config, allowApprovalOfIncomplete: true },
        }),
      ).conclusion,
      "success",
    );
    assert.equal(
      decide(input({ changes: incomplete, config: { ...config, allowApprovalOfIncomplete: true } }))
        .conclusion,
      "failure",
    );
  });

  it("passes changes below require_approval_from without approval, but never incomplete ones", () => {
    const low = [{ ...change, risk: "low" as const }];
    const cfg = { ...config, requireApprovalFrom: "high" as const };
    assert.equal(decide(input({ changes: low, config: cfg })).kind, "below-threshold");
    assert.equal(
      decide(input({ changes: [{ ...change, risk: "high" }], config: cfg })).conclusion,
      "action_required",
    );
    assert.equal(
      decide(input({ changes: [{ ...low[0]!, complete: false }], config: cfg })).conclusion,
      "failure",
    );
  });
});

describe("isGuarded", () => {
  const pk = DEFAULT_CONFIG.packages;
  it("detects MCP packages from the new version's manifest", () => {
    assert.ok(looksLikeMcp({ mcpName: "io.github.x/y" }));
    assert.ok(looksLikeMcp({ dependencies: { "@modelcontextprotocol/sdk": "^1" } }));
    assert.ok(looksLikeMcp({ keywords: ["MCP", "email"] }));
    assert.ok(!looksLikeMcp({ keywords: ["email"], dependencies: { zod: "^3" } }));
    assert.ok(isGuarded("postmark-mcp", { keywords: ["mcp"] }, pk));
    assert.ok(!isGuarded("left-pad", { name: "left-pad" }, pk));
  });
  it("include and all guard more; exclude wins", () => {
    assert.ok(isGuarded("acme-mcp", null, { ...pk, include: ["*-mcp"] }));
    assert.ok(isGuarded("@modelcontextprotocol/x", null, { ...pk, include: ["@modelcontextprotocol/*"] }));
    assert.ok(isGuarded("lodash", null, { ...pk, all: true }));
    assert.ok(
      !isGuarded(
        "internal-mcp",
        { keywords: ["mcp"] },
        { ...pk, include: ["*-mcp"], exclude: ["internal-*"] },
      ),
    );
  });
});
