/**
 * The app as deployed: real analysis dependencies (pacote) against a real registry (Verdaccio on
 * loopback, behind the fault proxy), GitHub through nock. Across the registry fault matrix the check
 * ends in `failure` with the reason (and "re-run" where retrying can help) and never in `success`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import { defaultDeps } from "../../src/runtime/deps.js";
import { FIXTURES, fixtureIntegrity } from "../helpers/fixtures.js";
import {
  ALICE_REVIEWS,
  dropMocksOfStepsNotReached,
  mockPullRequestRun,
  postmarkLock,
  prPayload,
} from "../helpers/github.js";
import { testProbot } from "../helpers/probot.js";
import { type Fault, startFaultProxy, startVerdaccio, type Verdaccio } from "../helpers/verdaccio.js";

const tgz = (v: string) => readFileSync(join(FIXTURES, "packages", `postmark-mcp-${v}.tgz`));
const LIMITS = withLimits({ requestTimeoutMs: 400, requestRetryBaseMs: 20, analysisTimeoutMs: 5_000 });
const CONFIG = ALICE_REVIEWS;
/** The lockfile npm writes against this registry: 1.0.18 is published with 1.0.16's bytes, so it pins those. */
const pm = (v: string) =>
  postmarkLock(v).replace(
    fixtureIntegrity("postmark-mcp", v),
    fixtureIntegrity("postmark-mcp", v === "1.0.18" ? "1.0.16" : v),
  );
const dist = (edit: (d: Record<string, unknown>) => void) => ({
  rewrite: (body: Buffer) => {
    const doc = JSON.parse(body.toString());
    for (const v of Object.values(doc.versions) as { dist: Record<string, unknown> }[]) edit(v.dist);
    return Buffer.from(JSON.stringify(doc));
  },
});
const flip = {
  rewrite: (b: Buffer) => {
    const c = Buffer.from(b);
    c.writeUInt8(c.readUInt8(c.length - 10) ^ 0xff, c.length - 10);
    return c;
  },
};

let registry: Verdaccio;
const caches: string[] = [];
before(async () => {
  registry = await startVerdaccio();
  for (const v of ["1.0.15", "1.0.16"]) await registry.publish(tgz(v), { name: "postmark-mcp", version: v });
  await registry.publish(tgz("1.0.16"), { name: "postmark-mcp", version: "1.0.18" });
});
after(async () => {
  await registry.close();
  for (const c of caches) rmSync(c, { recursive: true, force: true });
});

/** One Dependabot PR (postmark-mcp 1.0.15 → `to`) through the app, with `faults` on the registry. */
async function run(faults: Fault[], { to = "1.0.16", config = CONFIG, review = false } = {}) {
  const proxy = await startFaultProxy(registry.url, faults);
  const cache = mkdtempSync(join(tmpdir(), "mcp-guard-cache-"));
  caches.push(cache);
  const deps = defaultDeps(LIMITS, { registry: proxy.url, cache, appId: 123 });
  const probot = await testProbot(deps);
  const { writes } = mockPullRequestRun({
    files: ["package-lock.json"],
    base: { "package-lock.json": pm("1.0.15") },
    head: { "package-lock.json": pm(to) },
    config,
    expectReview: review,
    expectRequest: review,
  });
  await probot.receive({ id: "r1", name: "pull_request", payload: prPayload("opened") as never });
  await deps.queue.idle();
  await proxy.close();
  dropMocksOfStepsNotReached(writes.done);
  return { done: writes.done, review: writes.review, proxy };
}

describe("the app against a real registry", () => {
  it("a Dependabot bump is fetched from the registry, reviewed, and held for a designated reviewer", async () => {
    const { done, review, proxy } = await run([], { review: true });
    assert.equal(done.conclusion, "action_required");
    assert.match(review.body, /hidden-recipient/);
    assert.match(review.body, /phan@giftshop\[\.\]club|giftshop/);
    // Detection read the full manifest; both tarballs crossed the proxy and were verified.
    assert.deepEqual(
      proxy.requests
        .filter((r) => r.kind === "tarball")
        .map((r) => r.path)
        .sort(),
      ["/postmark-mcp/-/postmark-mcp-1.0.15.tgz", "/postmark-mcp/-/postmark-mcp-1.0.16.tgz"],
    );
  });

  it("a transient outage (two 503s) is retried and the PR still gets its review", async () => {
    const { done } = await run([{ kind: "packument", times: 2, action: { status: 503 } }], { review: true });
    assert.equal(done.conclusion, "action_required");
  });

  // Every row: the fault, the config (detection through the registry, or the package named in config
  // so the fault hits the analysis), and what the failing check must say.
  const named = "reviewers:\n  users: [alice]\npackages:\n  include: [postmark-mcp]\n";
  const matrix: [string, Fault[], string, RegExp, { to?: string }?][] = [
    [
      "registry 503 during detection",
      [{ kind: "packument", action: { status: 503 } }],
      CONFIG,
      /cannot tell whether every changed package is an MCP package.*503.*re-run/,
    ],
    ["registry 503 during analysis", [{ kind: "packument", action: { status: 503 } }], named, /503.*re-run/],
    ["registry stalls", [{ kind: "packument", action: "stall" }], named, /re-run/],
    ["connection resets", [{ kind: "packument", action: "reset" }], named, /re-run/],
    ["tarball 500", [{ kind: "tarball", action: { status: 500 } }], named, /500.*re-run/],
    ["tarball cut mid-stream", [{ kind: "tarball", action: "cut" }], named, /re-run/],
    [
      "tarball altered (sha512 mismatch)",
      [{ kind: "tarball", action: flip }],
      named,
      /does not match the registry's integrity/,
    ],
    [
      "no sha512 in the packument",
      [{ kind: "packument", action: dist((d) => delete d.integrity) }],
      named,
      /no sha512/,
    ],
    [
      "packument and tarball disagree",
      [],
      named,
      /tarball's package\.json says postmark-mcp@(&#8203;)?1\.0\.16/,
      { to: "1.0.18" },
    ],
    [
      "unpacked size over the cap",
      [{ kind: "packument", action: dist((d) => (d.unpackedSize = 1e12)) }],
      named,
      /over the .*-byte limit/,
    ],
  ];
  for (const [label, faults, config, reason, opts] of matrix) {
    it(`${label}: the check fails with the reason, never passes`, async () => {
      const { done } = await run(faults, { config, ...opts });
      assert.equal(done.conclusion, "failure", label);
      assert.match(JSON.stringify(done.output), reason, label);
      // "Re-run" is offered exactly where asking the registry again can help.
      const advice = /re-run/.test(reason.source)
        ? /Use \*\*Re-run\*\*/
        : /Re-running alone will not change this result/;
      assert.match(done.output.summary, advice, label);
    });
  }
});
