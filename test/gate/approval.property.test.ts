/**
 * The gate's one promise, over generated inputs: `success` only when nothing guarded changed, when a
 * complete analysis is below the configured threshold, or when enough eligible reviewers approved
 * this exact change set, none of whom pushed to it (and every commit's pusher is known). Each approver `decide()` counts is checked here
 * independently.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { decide, type GateInput, type Permission, type ReviewRecord } from "../../src/gate/approval.js";
import { DEFAULT_CONFIG, type GuardConfig } from "../../src/gate/config.js";
import { RISKS, type Risk, riskRank } from "../../src/review/types.js";

const USERS = ["alice", "bob", "carol", "dependabot[bot]", "mallory"];
const COMMITS = ["head", "old-same", "old-other", "unknown"];
const PERMISSIONS: Permission[] = ["admin", "maintain", "write", "triage", "read", "none"];
const STATES: ReviewRecord["state"][] = [
  "APPROVED",
  "CHANGES_REQUESTED",
  "COMMENTED",
  "DISMISSED",
  "PENDING",
];

const risk = fc.constantFrom(...(RISKS as readonly Risk[]));
const arbInput = fc.record({
  users: fc.subarray(USERS),
  teams: fc.subarray(["acme/security", "acme/platform"]),
  requiredApprovals: fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, fc.integer({ min: 2, max: 3 })),
  requireApprovalFrom: risk,
  allowApprovalOfIncomplete: fc.boolean(),
  configProblems: fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 6 },
    fc.array(fc.string(), { minLength: 1, maxLength: 1 }),
  ),
  failure: fc.oneof(
    { arbitrary: fc.constant<string | undefined>(undefined), weight: 6 },
    fc.string({ minLength: 1 }),
  ),
  author: fc.constantFrom(...USERS),
  // Who pushed commits to the pull request; null: more commits than GitHub lists (unknown).
  pushers: fc.oneof(
    { arbitrary: fc.constant<string[] | null>([]), weight: 4 },
    { arbitrary: fc.subarray(USERS.map((u) => u.toLowerCase())), weight: 2 },
    fc.constant<string[] | null>(null),
  ),
  // Commits whose author or committer GitHub links to no account (nobody can be shown not to have pushed them).
  unattributed: fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 4 },
    fc.subarray(["e".repeat(40), "f".repeat(40)], { minLength: 1 }),
  ),
  changes: fc.array(fc.record({ risk, complete: fc.boolean() }), { maxLength: 3 }),
  reviews: fc.array(
    fc.record({
      user: fc.constantFrom(...USERS, "Alice"),
      // Weighted towards approvals of this change set so the approved path is well explored.
      state: fc.oneof(
        { arbitrary: fc.constant<ReviewRecord["state"]>("APPROVED"), weight: 3 },
        fc.constantFrom(...STATES),
      ),
      commitId: fc.oneof({ arbitrary: fc.constant("head"), weight: 2 }, fc.constantFrom(...COMMITS)),
      at: fc.integer({ min: 0, max: 50 }),
      isBot: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, fc.boolean()),
    }),
    { maxLength: 8 },
  ),
  standing: fc.dictionary(
    fc.constantFrom(...USERS),
    fc.record({
      permission: fc.oneof(
        { arbitrary: fc.constant<Permission>("write"), weight: 2 },
        fc.constantFrom(...PERMISSIONS),
      ),
      activeTeams: fc.subarray(["acme/security", "acme/platform", "acme/other"]),
    }),
  ),
});

describe("the gate over generated inputs", () => {
  it("never says success without one of the three proven reasons", () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(arbInput, (g) => {
        const config: GuardConfig = {
          ...DEFAULT_CONFIG,
          fromFile: true,
          reviewers: { users: g.users, teams: g.teams },
          requiredApprovals: g.requiredApprovals,
          requireApprovalFrom: g.requireApprovalFrom,
          allowApprovalOfIncomplete: g.allowApprovalOfIncomplete,
        };
        const input: GateInput = {
          config,
          configProblems: g.configProblems,
          ...(g.failure ? { failure: g.failure } : {}),
          prAuthor: g.author,
          pushers: g.pushers === null ? null : { logins: new Set(g.pushers), unattributed: g.unattributed },
          changes: g.changes.map((c, i) => ({
            dir: "",
            name: `p${i}`,
            from: "1",
            to: "2",
            findings: 1,
            ...c,
          })),
          fingerprint: "F",
          approvedSet: (r) =>
            r.commitId === "head" || r.commitId === "old-same"
              ? "F"
              : r.commitId === "old-other"
                ? "G"
                : null,
          reviews: g.reviews.map((r) => ({
            user: r.user,
            state: r.state,
            commitId: r.commitId,
            submittedAt: `2026-11-23T10:${String(r.at).padStart(2, "0")}:00Z`,
            isBot: r.isBot,
          })),
          standing: new Map(Object.entries(g.standing)),
        };
        const d = decide(input);
        seen.set(d.kind, (seen.get(d.kind) ?? 0) + 1);
        if (d.conclusion !== "success") return;

        assert.equal(g.configProblems.length, 0, "success under an invalid config");
        assert.equal(g.failure, undefined, "success despite a failed analysis");
        if (d.kind === "no-changes") {
          assert.equal(g.changes.length, 0);
          return;
        }
        const complete = g.changes.every((c) => c.complete);
        const top = g.changes.reduce<Risk>((r, c) => (riskRank(c.risk) > riskRank(r) ? c.risk : r), "none");
        if (d.kind === "below-threshold") {
          assert.ok(complete, "below-threshold on an incomplete analysis");
          assert.notEqual(g.requireApprovalFrom, "none");
          assert.ok(riskRank(top) < riskRank(g.requireApprovalFrom));
          return;
        }
        assert.equal(d.kind, "approved");
        assert.ok(complete || g.allowApprovalOfIncomplete, "approval of an incomplete analysis");
        assert.ok(new Set(d.approvedBy.map((u) => u.toLowerCase())).size >= g.requiredApprovals);
        for (const user of d.approvedBy) {
          const mine = input.reviews
            .filter(
              (r) =>
                r.user.toLowerCase() === user.toLowerCase() &&
                r.state !== "COMMENTED" &&
                r.state !== "PENDING",
            )
            .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
            .at(-1)!;
          assert.equal(mine.state, "APPROVED", `${user}'s latest review is an approval`);
          assert.ok(
            mine.commitId === "head" || mine.commitId === "old-same",
            `${user} approved this change set`,
          );
          assert.notEqual(user.toLowerCase(), g.author.toLowerCase(), "the author approved their own PR");
          assert.ok(g.pushers !== null, "an approval counted while who pushed is unknown");
          assert.ok(!g.pushers.includes(user.toLowerCase()), `${user} pushed a commit and approved it`);
          assert.deepEqual(g.unattributed, [], "an approval counted while a commit's pusher is unknown");
          assert.ok(!mine.isBot && !user.endsWith("[bot]"), "a bot's approval counted");
          const s = g.standing[user.toLowerCase()];
          assert.ok(s && ["admin", "maintain", "write"].includes(s.permission), `${user} lacks write access`);
          const designated =
            g.users.length === 0 && g.teams.length === 0
              ? s.permission === "admin"
              : g.users.some((u) => u.toLowerCase() === user.toLowerCase()) ||
                s.activeTeams.some((t) => g.teams.includes(t));
          assert.ok(designated, `${user} is not a designated reviewer`);
        }
      }),
      { numRuns: 3000 },
    );
    // The generator reaches every path, so the checks above are not vacuous.
    for (const kind of ["approved", "below-threshold", "no-changes", "waiting", "incomplete", "failed"]) {
      assert.ok((seen.get(kind) ?? 0) > 0, `no generated input reached "${kind}"`);
    }
  });
});
