/**
 * The release-age hold: the cooldown from config or from the repository's own package-manager and
 * Dependabot settings, and the gate holding a young version until it is old enough or a counted
 * approver waives it. The clock is an argument (the app passes the time it read the facts at).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { decide, type GateInput, type ReviewRecord } from "../../src/gate/approval.js";
import { DEFAULT_CONFIG, parseConfigText } from "../../src/gate/config.js";
import { holdOf, parseDuration, repositoryCooldown } from "../../src/gate/release-age.js";
import { renderCheck } from "../../src/render/check.js";

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse("2026-12-08T12:00:00Z");

describe("the cooldown in force", () => {
  it("parses durations with a unit; a bare number is not one", () => {
    assert.equal(parseDuration("3d"), 3 * D);
    assert.equal(parseDuration("72h"), 72 * H);
    assert.equal(parseDuration("90m"), 90 * 60_000);
    assert.equal(parseDuration("1w"), 7 * D);
    assert.equal(parseDuration("0"), 0);
    assert.equal(parseDuration("3"), null);
    assert.equal(parseDuration("soon"), null);
  });
  it("config min_release_age, validated", () => {
    assert.deepEqual(parseConfigText("min_release_age: 3d\n").config.minReleaseAge, {
      ms: 3 * D,
      from: ".github/mcp-guard.yml min_release_age",
    });
    assert.match(parseConfigText("min_release_age: soon\n").problems[0]!, /min_release_age/);
  });
  it("reads each package manager's own setting, in its own unit, the longest winning", () => {
    const one = (path: string, text: string) => repositoryCooldown(new Map([[path, text]]));
    assert.deepEqual(one("pnpm-workspace.yaml", "minimumReleaseAge: 1440\n"), {
      ms: D,
      from: "pnpm-workspace.yaml minimumReleaseAge",
    });
    assert.equal(one(".npmrc", "registry=https://r\nmin-release-age=3\n")?.ms, 3 * D);
    assert.equal(one(".yarnrc.yml", "npmMinimalAgeGate: 2880\n")?.ms, 2 * D);
    assert.equal(one(".yarnrc.yml", "npmMinimalAgeGate: 5d\n")?.ms, 5 * D);
    assert.equal(one("bunfig.toml", "[install]\nminimumReleaseAge = 259200\n")?.ms, 3 * D);
    assert.equal(one("bunfig.toml", "[test]\nminimumReleaseAge = 259200\n"), null, "another table");
    assert.equal(
      one(
        ".github/dependabot.yml",
        "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    cooldown:\n      default-days: 7\n",
      )?.ms,
      7 * D,
    );
    const both = repositoryCooldown(
      new Map([
        ["pnpm-workspace.yaml", "minimumReleaseAge: 60\n"],
        [".npmrc", "min-release-age=2\n"],
      ]),
    );
    assert.deepEqual(both, { ms: 2 * D, from: ".npmrc min-release-age" });
    assert.equal(repositoryCooldown(new Map([["pnpm-workspace.yaml", "packages: [a]\n"]])), null);
  });
});

describe("holdOf", () => {
  const cooldown = { ms: 3 * D, from: "test" };
  it("holds exactly the versions younger than the cooldown, until the youngest is old enough (generated)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 * D }), { minLength: 1, maxLength: 5 }), (ages) => {
        const changes = ages.map((a, i) => ({
          name: `p${i}`,
          to: "1.0.0",
          publishedAt: new Date(T0 - a).toISOString(),
        }));
        const hold = holdOf(changes, cooldown, T0);
        const young = ages.filter((a) => a < 3 * D);
        if (!young.length) return hold === null;
        return (
          hold !== null &&
          hold.why.length === young.length &&
          Date.parse(hold.until) === T0 - Math.min(...young) + 3 * D
        );
      }),
    );
  });
  it("an unknown publish time is held (no end), a non-registry change is not", () => {
    assert.equal(
      holdOf([{ name: "p", to: "1", publishedAt: null }], cooldown, T0)?.until,
      "never (age unknown)",
    );
    assert.equal(holdOf([{ name: "settings", to: "x" }], cooldown, T0), null);
    assert.equal(holdOf([{ name: "p", to: "1", publishedAt: null }], { ms: 0, from: "t" }, T0), null);
  });
});

describe("decide with a release-age hold", () => {
  const change = {
    dir: "",
    name: "x-mcp",
    from: "1.0.0",
    to: "1.0.1",
    risk: "low" as const,
    complete: true,
    findings: 1,
    publishedAt: new Date(T0 - 2 * H).toISOString(),
  };
  const approval = (body = ""): ReviewRecord => ({
    id: 7,
    user: "alice",
    state: "APPROVED",
    commitId: "h",
    submittedAt: "2026-12-08T11:00:00Z",
    isBot: false,
    body,
  });
  const input = (over: Partial<GateInput> = {}): GateInput => ({
    config: { ...DEFAULT_CONFIG, reviewers: { users: ["alice"], teams: [] }, fromFile: true },
    configProblems: [],
    prAuthor: "dependabot[bot]",
    pushers: { logins: new Set(), unattributed: [] },
    changes: [change],
    fingerprint: "F",
    approvedSet: () => "F",
    reviews: [],
    standing: new Map([["alice", { permission: "write", activeTeams: [] }]]),
    cooldown: { ms: 3 * D, from: ".npmrc min-release-age" },
    now: T0,
    ...over,
  });

  it("holds a young version even when approved, naming when it ends", () => {
    const d = decide(input({ reviews: [approval()] }));
    assert.equal(d.kind, "held");
    assert.equal(d.conclusion, "action_required");
    assert.equal(d.hold?.until, new Date(T0 - 2 * H + 3 * D).toISOString());
    const text = renderCheck(d, [change], { whoMayApprove: "@alice", configured: true });
    assert.match(text.title, /^Held until 2026-12-11 10:00 UTC \(release age 3d\): x-mcp 1\.0\.0 → 1\.0\.1$/);
    assert.match(text.summary, /mcp-guard: waive release age/);
  });
  it("below the approval threshold it still waits for the age", () => {
    const cfg = { ...DEFAULT_CONFIG, requireApprovalFrom: "high" as const, fromFile: true };
    assert.equal(decide(input({ config: cfg })).kind, "held");
    assert.equal(decide(input({ config: cfg, now: T0 + 3 * D })).kind, "below-threshold");
  });
  it("decides by itself once the clock passes the end", () => {
    assert.equal(decide(input({ reviews: [approval()], now: T0 + 3 * D })).kind, "approved");
  });
  it("a counted approver may waive it in the review; the waiver is shown", () => {
    const d = decide(input({ reviews: [approval("Looks fine.\nmcp-guard: waive release age\n")] }));
    assert.equal(d.kind, "approved");
    assert.match(
      d.notes.join("\n"),
      /Release-age hold \(\.npmrc min-release-age\) waived by @alice: x-mcp@1\.0\.1 was published/,
    );
  });
  it("a waiver from someone whose approval does not count waives nothing", () => {
    const d = decide(
      input({
        reviews: [{ ...approval("mcp-guard: waive release age"), user: "dependabot[bot]", isBot: true }],
      }),
    );
    assert.equal(d.kind, "held");
  });
  it("no cooldown, no hold", () => {
    assert.equal(decide(input({ cooldown: null, reviews: [approval()] })).kind, "approved");
  });
});

describe("decide with new malware intelligence", () => {
  it("revokes a counted approval, naming the record and the approver", () => {
    const d = decide({
      config: { ...DEFAULT_CONFIG, reviewers: { users: ["alice"], teams: [] }, fromFile: true },
      configProblems: [],
      prAuthor: "dependabot[bot]",
      pushers: { logins: new Set(), unattributed: [] },
      changes: [
        { dir: "", name: "x-mcp", from: "1.0.0", to: "1.0.1", risk: "low", complete: true, findings: 0 },
      ],
      fingerprint: "F",
      approvedSet: () => "F",
      reviews: [
        {
          id: 1,
          user: "alice",
          state: "APPROVED",
          commitId: "h",
          submittedAt: "2026-12-08T11:00:00Z",
          isBot: false,
        },
      ],
      standing: new Map([["alice", { permission: "write", activeTeams: [] }]]),
      malware: [{ pkg: "x-mcp@1.0.1", id: "MAL-2026-1", url: "https://osv.dev/vulnerability/MAL-2026-1" }],
    });
    assert.equal(d.conclusion, "failure");
    assert.equal(d.kind, "revoked");
    assert.deepEqual(d.approvedBy, ["alice"]);
    const text = renderCheck(d, [], { whoMayApprove: "@alice", configured: true });
    assert.equal(text.title, "Known malware: x-mcp@1.0.1; approval by @alice revoked");
  });
});
