/**
 * A green check is a claim: "what this pull request brings was approved by the right person, under
 * this repository's rules". Each sequence below made that claim outlive the facts it rested on
 * before approvals were bound to change sets and the facts were watched; each runs the real Probot
 * app against a stateful GitHub (test/helpers/github-world.ts) and checks the claim after every step.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Probot } from "probot";
import type { AppDeps } from "../../src/app/deps.js";
import { decodeCheckState } from "../../src/github/check-state.js";
import { postmarkLock } from "../helpers/github.js";
import { GitHubWorld, SERVICE, type Webhook } from "../helpers/github-world.js";
import { fixtureDeps, testProbot } from "../helpers/probot.js";

const LOCK = "package-lock.json";
const CONFIG = ".github/mcp-guard.yml";
const ALICE = "reviewers:\n  users: [alice]\n";

/** A queue whose jobs wait until the test runs them: the window between an event and its job. */
class HeldQueue {
  jobs: (() => Promise<void>)[] = [];
  push(job: () => Promise<void>) {
    this.jobs.push(job);
  }
  async run() {
    while (this.jobs.length) await this.jobs.shift()!();
  }
}

describe("a green check stays true", () => {
  let world: GitHubWorld;
  let teardown: () => void;
  let probot: Probot;
  let queue: HeldQueue;
  let deps: AppDeps;

  beforeEach(async () => {
    world = new GitHubWorld({ files: { [LOCK]: postmarkLock("1.0.15"), [CONFIG]: ALICE } });
    world.setPermission("alice", "write");
    world.setPermission("bob", "write");
    teardown = world.install();
    queue = new HeldQueue();
    deps = { ...fixtureDeps(), queue };
    probot = await testProbot(deps);
  });
  afterEach(() => {
    teardown();
    assert.deepEqual(world.unknown, [], "every GitHub call had a route");
  });

  /** Delivers the events and runs every job they queued. */
  async function step(events: Webhook[]) {
    await world.deliver(probot, events);
    await queue.run();
  }
  /** Mallory's pull request bumping 1.0.15 → 1.0.16, analysed, approved by alice, green. */
  async function approvedBump() {
    const pr = world.openPull({
      author: "mallory",
      head: "bump",
      changes: { [LOCK]: postmarkLock("1.0.16") },
    });
    await step(pr.events);
    await step(world.review(pr.number, "alice", "APPROVED").events);
    assert.equal(check(pr.number).conclusion, "success", "the starting point is a green check");
    return pr;
  }
  const check = (n: number) => world.latestCheck(world.pull(n).headSha)!;
  const summary = (n: number) => check(n).output.summary ?? "";
  const title = (n: number) => check(n).output.title ?? "";

  it("retarget after approval: an approval of 1.0.16 → 1.0.17 does not cover 1.0.15 → 1.0.17", async () => {
    // A feature branch bumps to 1.0.16; a stacked pull request bumps on to 1.0.17, into the feature branch.
    await step(world.push(SERVICE, "feature", { [LOCK]: postmarkLock("1.0.16") }, { from: "main" }).events);
    const stacked = world.openPull({
      author: "mallory",
      head: "stacked",
      base: "feature",
      changes: { [LOCK]: postmarkLock("1.0.17") },
    });
    await step(stacked.events);
    assert.equal(check(stacked.number).conclusion, "action_required");
    assert.match(title(stacked.number), /1\.0\.16 → 1\.0\.17/);
    await step(world.review(stacked.number, "alice", "APPROVED").events);
    assert.equal(check(stacked.number).conclusion, "success");
    // Retargeted to main, the same commit brings 1.0.15 → 1.0.17 (the feature branch's bump included).
    await world.deliver(probot, world.retarget(stacked.number, "main"));
    assert.equal(check(stacked.number).status, "in_progress", "blocking before the job runs");
    await queue.run();
    assert.equal(check(stacked.number).conclusion, "action_required");
    assert.match(title(stacked.number), /1\.0\.15 → 1\.0\.17/);
    assert.match(
      summary(stacked.number),
      /@alice: approval does not count: approved a different set of package changes/,
    );
    // Approved again, for what it brings now: green.
    await step(world.review(stacked.number, "alice", "APPROVED").events);
    assert.equal(check(stacked.number).conclusion, "success");
    assert.match(title(stacked.number), /Approved by @alice for postmark-mcp 1\.0\.15 → 1\.0\.17/);
  });

  it("the base makes the same bump: compared from the merge base, the bump still needs approval, before and after the base reverts it", async () => {
    const branch = world.openPull({
      author: "mallory",
      head: "bump",
      changes: { [LOCK]: postmarkLock("1.0.16") },
    });
    // main makes the same bump (another pull request merged): against main's tip nothing differs.
    await step(world.push(SERVICE, "main", { [LOCK]: postmarkLock("1.0.16") }).events);
    await step(branch.events);
    assert.equal(check(branch.number).conclusion, "action_required", "a merge applies 1.0.15 → 1.0.16");
    assert.match(title(branch.number), /1\.0\.15 → 1\.0\.16/);
    // main reverts the bump: the push event re-decides; the branch still brings the bump.
    await step(world.push(SERVICE, "main", { [LOCK]: postmarkLock("1.0.15") }).events);
    assert.equal(check(branch.number).conclusion, "action_required");
    assert.match(title(branch.number), /1\.0\.15 → 1\.0\.16/);
  });

  it("the base moves under an approved pull request: re-decided from the push, the approval holds only while the change set is the same", async () => {
    const pr = await approvedBump();
    const shownBefore = decodeCheckState(check(pr.number).output.text)!.fingerprint;
    // An unrelated push to main: the base tip moves, the change set a merge applies does not.
    await world.deliver(probot, world.push(SERVICE, "main", { "README.md": "hello" }).events);
    assert.equal(check(pr.number).status, "in_progress", "claimed at once, before the job runs");
    await queue.run();
    assert.equal(check(pr.number).conclusion, "success");
    assert.equal(decodeCheckState(check(pr.number).output.text)!.fingerprint, shownBefore);
    // main bumps the same lockfile further: the merge now differs from what alice approved.
    await step(world.push(SERVICE, "main", { [LOCK]: postmarkLock("1.0.17") }).events);
    assert.notEqual(check(pr.number).conclusion, "success");
    assert.match(summary(pr.number), /base branch moved/);
  });

  it("the race window: a second pull request on the same head turns the check blocking before its job runs", async () => {
    const first = await approvedBump();
    await step(world.push(SERVICE, "other", {}, { from: "main" }).events);
    const second = world.openPull({ author: "mallory", head: "bump", base: "other" });
    await world.deliver(probot, second.events);
    assert.equal(world.latestCheck(first.sha)!.status, "in_progress", "the old green no longer stands");
    await queue.run();
    assert.equal(world.latestCheck(first.sha)!.conclusion, "failure", "one check cannot hold two bases");
  });

  it("an approval given while no result was shown counts for nothing", async () => {
    const pr = world.openPull({
      author: "mallory",
      head: "bump",
      changes: { [LOCK]: postmarkLock("1.0.16") },
    });
    await world.deliver(probot, pr.events);
    // alice approves while the check is still in progress (the job has not run).
    await world.deliver(probot, world.review(pr.number, "alice", "APPROVED").events);
    await queue.run();
    assert.equal(check(pr.number).conclusion, "action_required");
    assert.match(
      summary(pr.number),
      /@alice: approval does not count: was given while no mcp-guard result was shown/,
    );
  });

  it("a config change on the default branch re-decides open pull requests", async () => {
    const pr = await approvedBump();
    await step(world.push(SERVICE, "main", { [CONFIG]: "reviewers:\n  users: [bob]\n" }).events);
    assert.equal(check(pr.number).conclusion, "action_required");
    assert.match(summary(pr.number), /@alice: approval does not count: not a designated reviewer/);
    assert.match(summary(pr.number), /Rules: `acme\/service:\.github\/mcp-guard\.yml` at `[0-9a-f]{7}`/);
  });

  it("a reviewer who leaves the designated team: the membership event re-decides, and the check blocks", async () => {
    await step(world.push(SERVICE, "main", { [CONFIG]: "reviewers:\n  teams: [acme/security]\n" }).events);
    await step(world.setTeam("acme/security", "alice", true));
    const pr = await approvedBump();
    await step(world.setTeam("acme/security", "alice", false));
    assert.equal(check(pr.number).conclusion, "action_required");
    assert.match(summary(pr.number), /@alice: approval does not count: not a designated reviewer/);
  });

  it("a reviewer whose write access is removed: the member event re-decides, and the check blocks", async () => {
    const pr = await approvedBump();
    await step(world.setPermission("alice", "read"));
    assert.equal(check(pr.number).conclusion, "action_required");
    assert.match(summary(pr.number), /@alice: approval does not count: has read permission, write needed/);
  });

  it("the organisation's .github config is not read unless the operator enabled it", async () => {
    // No repository config; acme/.github would exclude everything.
    const bare = new GitHubWorld({
      files: { [LOCK]: postmarkLock("1.0.15") },
      orgFiles: { [CONFIG]: "packages:\n  exclude: ['*']\n" },
    });
    teardown();
    teardown = bare.install();
    world = bare;
    const pr = world.openPull({
      author: "mallory",
      head: "bump",
      changes: { [LOCK]: postmarkLock("1.0.16") },
    });
    await step(pr.events);
    assert.equal(check(pr.number).conclusion, "action_required", "the defaults guard the bump");
    assert.ok(!world.log.some((r) => r.path.startsWith("/repos/acme/.github")), "acme/.github never read");
    // Enabled by the operator: read, and named in the check.
    deps.orgConfig = true;
    await step(world.pushHead(pr.number, { "README.md": "x" }).events);
    assert.equal(check(pr.number).conclusion, "success");
    assert.match(summary(pr.number), /Rules: `acme\/\.github:\.github\/mcp-guard\.yml` at `[0-9a-f]{7}`/);
  });

  it("branch protection that does not require the check is named in the check; one that does is not", async () => {
    const pr = world.openPull({
      author: "mallory",
      head: "bump",
      changes: { [LOCK]: postmarkLock("1.0.16") },
    });
    await step(pr.events);
    assert.doesNotMatch(summary(pr.number), /does not require the `mcp-guard` check/);
    world.protect("main", { enabled: true, contexts: ["ci"] });
    await step(world.pushHead(pr.number, { "README.md": "x" }).events);
    assert.match(summary(pr.number), /branch protection on `main` does not require the `mcp-guard` check/);
    world.protect("main", { enabled: false, contexts: [] });
    await step(world.pushHead(pr.number, { "README.md": "y" }).events);
    assert.match(summary(pr.number), /does not require the `mcp-guard` check/);
  });
});
