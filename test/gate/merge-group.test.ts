import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { VersionChange } from "../../src/gate/changes.js";
import {
  coverGroup,
  groupMembers,
  MAX_GROUP_MEMBERS,
  mayCover,
  queuedPullOf,
  queueRefOf,
} from "../../src/gate/merge-group.js";

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

describe("merge groups: a queue branch's pull request and the commit it was built on", () => {
  const sha = "929f8209d40f77f4abc622a499c93a83babdbe64";

  it("reads pr-<number>-<parent sha> under gh-readonly-queue/<base>/, with or without refs/heads/", () => {
    assert.deepEqual(queueRefOf(`refs/heads/gh-readonly-queue/main/pr-104-${sha}`, "main"), {
      pull: 104,
      parent: sha,
    });
    assert.deepEqual(queueRefOf("gh-readonly-queue/release/1.x/pr-7-abc1234", "release/1.x"), {
      pull: 7,
      parent: "abc1234",
    });
  });

  for (const [label, ref] of [
    ["another base", `refs/heads/gh-readonly-queue/dev/pr-104-${sha}`],
    ["no number", "refs/heads/gh-readonly-queue/main/pr-x-abc1234"],
    ["a parent shorter than 7 hex digits", "refs/heads/gh-readonly-queue/main/pr-7-abc123"],
    ["a parent that is not hex", "refs/heads/gh-readonly-queue/main/pr-7-abcdefg"],
    ["a parent longer than 64 hex digits", `refs/heads/gh-readonly-queue/main/pr-7-${"a".repeat(65)}`],
    ["anything after the parent", `refs/heads/gh-readonly-queue/main/pr-7-${sha}/x`],
    ["another branch", "refs/heads/feature"],
  ] as const) {
    it(`names nothing for ${label}`, () => {
      assert.equal(queueRefOf(ref, "main"), null);
    });
  }
});

describe("merge groups: which pull requests are in the group", () => {
  const BASE = "b".repeat(40);
  const GROUP = "9".repeat(40);
  const sha = (c: string) => c.repeat(40);
  const q = (n: number, parent: string) => `refs/heads/gh-readonly-queue/main/pr-${n}-${parent}`;
  const group = (headRef: string) => ({
    headSha: GROUP,
    baseSha: BASE,
    baseBranch: "main",
    queuedPull: null,
    headRef,
  });

  it("a group built on the base holds its queued pull request alone: other queue branches are not followed", () => {
    const refs = [
      { ref: q(7, BASE), sha: sha("6") },
      { ref: q(8, BASE), sha: GROUP },
    ];
    assert.deepEqual(groupMembers(group(q(8, BASE)), refs), [8]);
    assert.deepEqual(groupMembers(group(q(8, BASE)), []), [8], "nothing else need be listed");
  });

  it("a parent that abbreviates the base is the base", () => {
    assert.deepEqual(groupMembers(group(q(8, BASE.slice(0, 7))), []), [8]);
  });

  it("a stack is followed down to the base, each pull request through the queue branch at its parent", () => {
    const refs = [
      { ref: q(6, BASE), sha: sha("5") },
      { ref: q(7, sha("5")), sha: sha("6") },
      { ref: q(8, sha("6")), sha: GROUP },
    ];
    assert.deepEqual(groupMembers(group(q(8, sha("6"))), refs), [8, 7, 6]);
  });

  it("an abbreviated parent matches the queue branch whose commit it starts", () => {
    const refs = [{ ref: q(7, BASE), sha: sha("6") }];
    assert.deepEqual(groupMembers(group(q(8, "6666666")), refs), [8, 7]);
  });

  it("no queue branch at the parent: the list ends there (what lies below stays uncovered)", () => {
    const refs = [
      { ref: q(7, BASE), sha: sha("5") },
      { ref: q(8, sha("6")), sha: GROUP },
    ];
    assert.deepEqual(groupMembers(group(q(8, sha("6"))), refs), [8]);
  });

  it("two queue branches at the parent: which one is below cannot be told, so neither is in the list", () => {
    const refs = [
      { ref: q(7, BASE), sha: sha("6") },
      { ref: q(9, BASE), sha: sha("6") },
    ];
    assert.deepEqual(groupMembers(group(q(8, sha("6"))), refs), [8]);
  });

  it("a branch at the parent that is not a queue branch into this base ends the list", () => {
    for (const ref of ["refs/heads/feature", `refs/heads/gh-readonly-queue/dev/pr-7-${BASE}`]) {
      assert.deepEqual(groupMembers(group(q(8, sha("6"))), [{ ref, sha: sha("6") }]), [8], ref);
    }
  });

  it("a cycle ends the list: no pull request is listed twice", () => {
    const refs = [
      { ref: q(7, sha("5")), sha: sha("6") },
      { ref: q(8, sha("6")), sha: sha("5") },
    ];
    assert.deepEqual(groupMembers(group(q(8, sha("6"))), refs), [8, 7]);
  });

  it(`at most ${MAX_GROUP_MEMBERS} pull requests are followed`, () => {
    // pr-(n) is built on commit c(n-1), its branch points at c(n); pr-1 is built on the base.
    const c = (n: number) => n.toString(16).padStart(40, "0");
    const count = MAX_GROUP_MEMBERS + 5;
    const refs = Array.from({ length: count }, (_, i) => ({
      ref: q(i + 1, i === 0 ? BASE : c(i)),
      sha: c(i + 1),
    }));
    const members = groupMembers(group(q(count + 1, c(count))), refs);
    assert.equal(members.length, MAX_GROUP_MEMBERS);
    assert.deepEqual(members.slice(0, 3), [count + 1, count, count - 1]);
  });

  it("a group branch that names no pull request has no members", () => {
    assert.deepEqual(
      groupMembers(group("refs/heads/some-other-queue"), [{ ref: q(7, BASE), sha: GROUP }]),
      [],
    );
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
