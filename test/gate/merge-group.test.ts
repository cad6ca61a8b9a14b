import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { VersionChange } from "../../src/gate/changes.js";
import { coverGroup, mayCover, queuedPullOf } from "../../src/gate/merge-group.js";

const change = (over: Partial<VersionChange> = {}): VersionChange => ({
  dir: "",
  name: "postmark-mcp",
  from: "1.0.15",
  to: "1.0.16",
  direct: true,
  integrity: "sha512-aaa",
  key: "node_modules/postmark-mcp",
  kind: "registry",
  source: "lockfile",
  ...over,
});

describe("merge groups: which pull request the queue's branch names", () => {
  it("reads gh-readonly-queue/<base>/pr-<number>-<sha>, and nothing else", () => {
    const sha = "929f8209d40f77f4abc622a499c93a83babdbe64";
    assert.equal(queuedPullOf(`refs/heads/gh-readonly-queue/main/pr-104-${sha}`, "main"), 104);
    assert.equal(queuedPullOf(`gh-readonly-queue/release/1.x/pr-7-${sha}`, "release/1.x"), 7);
    assert.equal(
      queuedPullOf(`refs/heads/gh-readonly-queue/main/pr-104-${sha}`, "dev"),
      null,
      "another base",
    );
    assert.equal(queuedPullOf("refs/heads/gh-readonly-queue/main/pr-x-abc1234", "main"), null);
    assert.equal(queuedPullOf("refs/heads/feature", "main"), null);
  });
});

describe("merge groups: coverage is by the exact change", () => {
  const pr = (number: number, changes: VersionChange[]) => ({ number, changes, approvedBy: ["alice"] });

  it("nothing guarded: passes", () => {
    assert.deepEqual(coverGroup([], []), { kind: "no-changes" });
  });

  it("every change made by a passing pull request, byte for byte: covered", () => {
    const a = change();
    const b = change({ name: "mail-mcp", key: "node_modules/mail-mcp", from: "1.0.0", to: "1.0.1" });
    const v = coverGroup([a, b], [pr(7, [a]), pr(8, [{ ...b }])]);
    assert.deepEqual(v, {
      kind: "covered",
      covered: [
        { change: a, pull: 7, approvedBy: ["alice"] },
        { change: b, pull: 8, approvedBy: ["alice"] },
      ],
    });
  });

  for (const [label, over] of [
    ["another integrity (other bytes under the same version)", { integrity: "sha512-bbb" }],
    ["another source", { resolved: "https://evil.example/postmark-mcp-1.0.16.tgz", kind: "url" as const }],
    ["another version", { to: "1.0.17" }],
    ["another base version", { from: "1.0.14" }],
    ["another folder", { dir: "packages/a" }],
    ["another install path", { key: "node_modules/x/node_modules/postmark-mcp" }],
  ] as const) {
    it(`an approval of the same package with ${label} covers nothing`, () => {
      const v = coverGroup([change(over)], [pr(7, [change()])], [{ number: 7, why: "x" }]);
      assert.equal(v.kind, "uncovered");
      assert.deepEqual(v.kind === "uncovered" && v.uncovered, [change(over)]);
    });
  }

  it("a pull request's stored change set narrows the search only by folder, package and versions", () => {
    const stored = [
      {
        dir: "",
        name: "postmark-mcp",
        from: "1.0.15",
        to: "1.0.16",
        risk: "high" as const,
        complete: true,
        findings: 1,
      },
    ];
    assert.equal(mayCover(stored, [change()]), true);
    assert.equal(mayCover(stored, [change({ to: "1.0.17" })]), false);
    assert.equal(mayCover(stored, [change({ dir: "packages/a" })]), false);
  });
});
