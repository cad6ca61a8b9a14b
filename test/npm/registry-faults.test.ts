/**
 * The engine's registry path against a real registry (Verdaccio on loopback) with a fault proxy in
 * front: every fault ends in a coded error that says whether re-running can help, after bounded
 * retries with backoff, and never in a snapshot of the wrong bytes.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { McpGuardError } from "../../src/common/errors.js";
import { type Limits, withLimits } from "../../src/common/limits.js";
import { backoffDelays } from "../../src/npm/deadline.js";
import { loadPackage } from "../../src/npm/load.js";
import { dependencyMismatch, retryPolicy } from "../../src/npm/registry.js";
import { defaultDeps } from "../../src/runtime/deps.js";
import { FIXTURES, fixtureIntegrity, review } from "../helpers/fixtures.js";
import { packageTgz } from "../helpers/tarball.js";
import {
  type Fault,
  type FaultProxy,
  sri,
  startFaultProxy,
  startVerdaccio,
  type Verdaccio,
} from "../helpers/verdaccio.js";

const tgz = (v: string) => readFileSync(join(FIXTURES, "packages", `postmark-mcp-${v}.tgz`));
/** Low caps so each fault case takes milliseconds: 2 retries after 20 ms and 80 ms. */
const LIMITS: Limits = withLimits({
  requestTimeoutMs: 400,
  requestRetryBaseMs: 20,
  analysisTimeoutMs: 5_000,
});

let registry: Verdaccio;
const caches: string[] = [];
const freshCache = () => {
  const dir = mkdtempSync(join(tmpdir(), "mcp-guard-cache-"));
  caches.push(dir);
  return dir;
};

before(async () => {
  registry = await startVerdaccio();
  await registry.publish(tgz("1.0.15"), { name: "postmark-mcp", version: "1.0.15" });
  await registry.publish(tgz("1.0.16"), { name: "postmark-mcp", version: "1.0.16" });
  // The registry's packument says 1.0.18, the tarball inside is 1.0.16's.
  await registry.publish(tgz("1.0.16"), { name: "postmark-mcp", version: "1.0.18" });
  // Published broken: integrity matches these bytes, so only our reader can notice.
  const good = packageTgz("broken-mcp", "1.0.0", { "index.js": "x".repeat(4000) });
  await registry.publish(good.subarray(0, Math.floor(good.length / 2)), {
    name: "broken-mcp",
    version: "1.0.0",
  });
  const raw = Buffer.from(gzipSync(Buffer.alloc(4096, 7)));
  raw.writeUInt8(raw.readUInt8(raw.length - 6) ^ 0xff, raw.length - 6); // a wrong CRC-32 trailer
  await registry.publish(raw, { name: "broken-mcp", version: "1.0.1" });
  const gone = (version: string) => packageTgz("gone-mcp", version, { "index.js": "export {};\n" });
  await registry.publish(gone("1.0.0"), { name: "gone-mcp", version: "1.0.0" });
  await registry.publish(gone("1.0.1"), { name: "gone-mcp", version: "1.0.1" });
  await registry.unpublish("gone-mcp", "1.0.0");
});
after(async () => {
  await registry.close();
  for (const c of caches) rmSync(c, { recursive: true, force: true });
});

async function through(faults: Fault[], spec: string, limits = LIMITS) {
  const proxy = await startFaultProxy(registry.url, faults);
  try {
    const snapshot = await loadPackage(spec, { limits, registry: proxy.url, cache: freshCache() });
    return { snapshot, error: null, proxy };
  } catch (e) {
    return { snapshot: null, error: e as McpGuardError, proxy };
  } finally {
    await proxy.close();
  }
}
const count = (p: FaultProxy, kind: "packument" | "tarball") =>
  p.requests.filter((r) => r.kind === kind).length;

describe("a real registry (Verdaccio) through a fault proxy", () => {
  it("without faults, the published version arrives whole and verified", async () => {
    const { snapshot, error, proxy } = await through([], "postmark-mcp@1.0.16");
    assert.equal(error, null);
    assert.equal(snapshot!.version, "1.0.16");
    assert.equal(snapshot!.integrity, sri(tgz("1.0.16")));
    assert.match(snapshot!.files.get("index.js")!.text!, /Bcc: "phan@giftshop\.club"/);
    assert.equal(count(proxy, "tarball"), 1, "the tarball crossed the proxy");
  });

  it("retries transient failures with backoff and succeeds: 503, 500 on the tarball, 429, a reset, a cut stream", async () => {
    const cases: [string, Fault][] = [
      ["503 packument", { kind: "packument", times: 2, action: { status: 503 } }],
      ["500 tarball", { kind: "tarball", times: 2, action: { status: 500 } }],
      ["429", { kind: "packument", times: 1, action: { status: 429, headers: { "retry-after": "0" } } }],
      ["reset", { kind: "packument", times: 1, action: "reset" }],
      ["cut tarball", { kind: "tarball", times: 1, action: "cut" }],
    ];
    for (const [label, fault] of cases) {
      const { snapshot, error, proxy } = await through([fault], "postmark-mcp@1.0.16");
      assert.equal(error, null, `${label}: ${error?.message}`);
      assert.equal(snapshot!.integrity, sri(tgz("1.0.16")), label);
      const hits = proxy.requests.filter((r) => r.fault);
      assert.ok(hits.length >= 1, `${label}: the fault was injected`);
      // The n-th retry came at least the policy's n-th wait after the failure it follows.
      const waits = backoffDelays(retryPolicy(LIMITS));
      hits.forEach((hit, n) => {
        const retry = proxy.requests.find((r) => r.at >= hit.at && r !== hit && r.kind === hit.kind);
        assert.ok(retry, `${label}: retried`);
        assert.ok(
          retry.at - hit.at >= waits[n]! - 2,
          `${label}: retry ${n + 1} after ${retry.at - hit.at} ms`,
        );
      });
    }
  });

  it("gives up after the bounded retries with a coded error that says re-run", async () => {
    const cases: [string, Fault, "packument" | "tarball", RegExp][] = [
      ["503", { kind: "packument", action: { status: 503 } }, "packument", /503/],
      ["500 tarball", { kind: "tarball", action: { status: 500 } }, "tarball", /500/],
      ["reset", { kind: "packument", action: "reset" }, "packument", /ECONNRESET|socket hang up/i],
      ["stall", { kind: "packument", action: "stall" }, "packument", /time/i],
      ["cut tarball", { kind: "tarball", action: "cut" }, "tarball", /./],
    ];
    for (const [label, fault, kind, why] of cases) {
      const { error, proxy } = await through([fault], "postmark-mcp@1.0.16");
      assert.ok(error instanceof McpGuardError, `${label}: ${error}`);
      assert.match(error.code, /E_MCPGUARD_(FETCH|TIMEOUT)/, label);
      assert.match(error.message, /; re-run$/, label);
      assert.match(error.message, why, label);
      assert.equal(
        count(proxy, kind),
        1 + LIMITS.requestRetries,
        `${label}: 1 attempt + ${LIMITS.requestRetries} retries`,
      );
    }
  });

  it("the retry waits follow the documented policy (1 s, then 4 s by default)", () => {
    assert.deepEqual(backoffDelays(retryPolicy(withLimits())), [1_000, 4_000]);
    assert.deepEqual(
      backoffDelays(retryPolicy(withLimits({ requestRetries: 4 }))),
      [1_000, 4_000, 10_000, 10_000],
    );
  });

  it("does not retry what a retry cannot fix: unknown package, unknown version", async () => {
    for (const spec of ["nope-mcp@1.0.0", "postmark-mcp@9.9.9"]) {
      const { error, proxy } = await through([], spec);
      assert.equal(error?.code, "E_MCPGUARD_NOT_FOUND", spec);
      assert.doesNotMatch(error!.message, /re-run/);
      // Not retried: with 2 retries a transient error makes 3 requests; pacote alone may ask twice.
      assert.ok(count(proxy, "packument") <= 2, `${spec}: ${count(proxy, "packument")} requests`);
    }
  });

  it("refuses a tarball altered in transit (sha512 mismatch), without retrying it", async () => {
    const flip = (b: Buffer) => {
      const c = Buffer.from(b);
      c.writeUInt8(c.readUInt8(c.length - 10) ^ 0xff, c.length - 10);
      return c;
    };
    const { error, proxy } = await through(
      [{ kind: "tarball", action: { rewrite: flip } }],
      "postmark-mcp@1.0.16",
    );
    assert.equal(error?.code, "E_MCPGUARD_INTEGRITY");
    assert.match(error!.message, /does not match the registry's integrity/);
    // pacote itself fetches once more on an integrity error (bypassing its cache); never more.
    assert.ok(count(proxy, "tarball") <= 2, `${count(proxy, "tarball")} tarball requests`);
  });

  it("refuses a packument without sha512, or with another package's sha512", async () => {
    const editDist = (edit: (dist: Record<string, unknown>) => void) => (body: Buffer) => {
      const doc = JSON.parse(body.toString());
      for (const v of Object.values(doc.versions) as { dist: Record<string, unknown> }[]) edit(v.dist);
      return Buffer.from(JSON.stringify(doc));
    };
    const none = await through(
      [{ kind: "packument", action: { rewrite: editDist((d) => delete d.integrity) } }],
      "postmark-mcp@1.0.16",
    );
    assert.equal(none.error?.code, "E_MCPGUARD_INTEGRITY");
    assert.match(none.error!.message, /gives no sha512/);
    assert.equal(count(none.proxy, "tarball"), 0, "nothing downloaded without a hash to check");
    const other = await through(
      [{ kind: "packument", action: { rewrite: editDist((d) => (d.integrity = sri(tgz("1.0.15")))) } }],
      "postmark-mcp@1.0.16",
    );
    assert.equal(other.error?.code, "E_MCPGUARD_INTEGRITY");
  });

  it("refuses a version whose packument and tarball disagree on what it is", async () => {
    const { error } = await through([], "postmark-mcp@1.0.18");
    assert.equal(error?.code, "E_MCPGUARD_MISMATCH");
    assert.match(
      error!.message,
      /lists postmark-mcp@1\.0\.18 but the tarball's package\.json says postmark-mcp@1\.0\.16/,
    );
  });

  it("a dependency only the registry's metadata lists (manifest confusion) is reported and blocks", async () => {
    const addDep = (body: Buffer) => {
      const doc = JSON.parse(body.toString());
      const v = doc.versions["1.0.16"];
      v.dependencies = { ...v.dependencies, "evil-helper": "^1.0.0" };
      return Buffer.from(JSON.stringify(doc));
    };
    const { snapshot, error } = await through(
      [{ kind: "packument", action: { rewrite: addDep } }],
      "postmark-mcp@1.0.16",
    );
    assert.equal(error, null);
    assert.deepEqual(
      snapshot!.anomalies.map((a) => a.kind),
      ["manifest-mismatch"],
    );
    assert.match(snapshot!.anomalies[0]!.detail, /evil-helper@\^1\.0\.0 only in the registry's metadata/);
    const old = (await through([], "postmark-mcp@1.0.15")).snapshot!;
    const r = review(old, snapshot!, { limits: LIMITS });
    assert.equal(r.complete, false);
    assert.match(r.incomplete.join("\n"), /manifest-mismatch/);
  });

  it("registry metadata and package.json agree when they list the same dependencies (optional ones count too)", () => {
    const pkg = { dependencies: { a: "^1.0.0" }, optionalDependencies: { b: "~2.0.0" } };
    assert.equal(
      dependencyMismatch(
        { dependencies: { a: "^1.0.0", b: "~2.0.0" }, optionalDependencies: { b: "~2.0.0" } },
        pkg,
      ),
      null,
    );
    assert.match(
      dependencyMismatch({ dependencies: { a: "^1.0.1" } }, pkg)!,
      /a: registry says \^1\.0\.1, tarball says \^1\.0\.0; b@~2\.0\.0 only in the tarball/,
    );
  });

  it("a tarball published truncated or with a bad gzip trailer is corrupt, and re-running will not help", async () => {
    for (const spec of ["broken-mcp@1.0.0", "broken-mcp@1.0.1"]) {
      const { error } = await through([], spec);
      assert.equal(error?.code, "E_MCPGUARD_CORRUPT", spec);
      assert.doesNotMatch(error!.message, /re-run/);
    }
  });

  it("refuses before downloading when the packument says the package unpacks past the cap", async () => {
    const big = (body: Buffer) => {
      const doc = JSON.parse(body.toString());
      for (const v of Object.values(doc.versions) as { dist: Record<string, unknown> }[])
        v.dist.unpackedSize = LIMITS.maxUnpackedBytes + 1;
      return Buffer.from(JSON.stringify(doc));
    };
    const { error, proxy } = await through(
      [{ kind: "packument", action: { rewrite: big } }],
      "postmark-mcp@1.0.16",
    );
    assert.equal(error?.code, "E_MCPGUARD_LIMIT");
    assert.equal(count(proxy, "tarball"), 0);
  });

  it("the app's analysis: an unpublished old version is reviewed as a new package, and the review says so", async () => {
    const deps = defaultDeps(LIMITS, { registry: registry.url, cache: freshCache() });
    const r = await deps.analyse({ name: "gone-mcp", from: "1.0.0", to: "1.0.1", rules: {} });
    assert.ok(
      r.findings.some((f) => f.rule === "unreviewable" && /no longer in the registry/.test(f.message)),
    );
    // The note is scored like any finding (it used to be added after scoring, leaving risk "none").
    assert.notEqual(r.risk, "none");
    assert.ok(r.diff.files.some((f) => f.path === "index.js" && f.status === "added"));
  });

  it("the app's analysis refuses a tarball other than the one the lockfile or approval binds", async () => {
    const deps = defaultDeps(LIMITS, { registry: registry.url, cache: freshCache() });
    const req = { name: "postmark-mcp", from: "1.0.15", to: "1.0.16", rules: {} };
    const pinned = fixtureIntegrity("postmark-mcp", "1.0.16");
    assert.equal((await deps.analyse({ ...req, integrity: pinned })).risk, "critical");
    await assert.rejects(
      deps.analyse({ ...req, integrity: fixtureIntegrity("postmark-mcp", "1.0.17") }),
      (e) => {
        assert.equal((e as McpGuardError).code, "E_MCPGUARD_MISMATCH");
        assert.match((e as Error).message, /other than the one the lockfile and the approval bind/);
        return true;
      },
    );
  });

  it("an analysis that outgrows the worker's heap budget fails that analysis (not the app), and the next one runs", async () => {
    // 1.5 M tiny statements: a few MB of text, hundreds of MB of syntax tree.
    const heavy = (v: string, stmt: string) =>
      packageTgz("heavy-mcp", v, { "index.js": stmt.repeat(1_500_000) });
    await registry.publish(heavy("1.0.0", "a=1;\n"), { name: "heavy-mcp", version: "1.0.0" });
    await registry.publish(heavy("1.0.1", "b=2;\n"), { name: "heavy-mcp", version: "1.0.1" });
    // A generous deadline: this case is about memory, and a fresh process running from source (tsx)
    // on a loaded CI machine can take more than LIMITS' 5 s to reach the heap limit.
    const small = defaultDeps(withLimits({ ...LIMITS, workerMemoryMb: 96, analysisTimeoutMs: 60_000 }), {
      registry: registry.url,
      cache: freshCache(),
    });
    await assert.rejects(small.analyse({ name: "heavy-mcp", from: "1.0.0", to: "1.0.1", rules: {} }), (e) => {
      assert.equal((e as McpGuardError).code, "E_MCPGUARD_LIMIT");
      assert.match((e as Error).message, /needed more than its 96 MB memory budget/);
      return true;
    });
    const r = await small.analyse({ name: "postmark-mcp", from: "1.0.15", to: "1.0.16", rules: {} });
    assert.equal(r.risk, "critical");
  });

  it("the app's analysis is bounded by the analysis budget even when every request stalls", async () => {
    const proxy = await startFaultProxy(registry.url, [{ kind: "packument", action: "stall" }]);
    const limits = withLimits({ requestTimeoutMs: 10_000, requestRetryBaseMs: 20, analysisTimeoutMs: 300 });
    const deps = defaultDeps(limits, { registry: proxy.url, cache: freshCache() });
    await assert.rejects(
      deps.analyse({ name: "postmark-mcp", from: "1.0.15", to: "1.0.16", rules: {} }),
      (e) => {
        assert.equal((e as McpGuardError).code, "E_MCPGUARD_TIMEOUT");
        assert.match((e as Error).message, /took longer than 0\.3 s; re-run/);
        return true;
      },
    );
    await proxy.close();
  });

  it("detection reads the registry's manifest, and a registry failure there is an error, not 'not MCP'", async () => {
    const deps = defaultDeps(LIMITS, { registry: registry.url, cache: freshCache() });
    const m = await deps.manifests(["postmark-mcp@1.0.16", "postmark-mcp@1.0.15"]);
    assert.deepEqual(m.get("postmark-mcp@1.0.16")!.keywords, ["mcp", "postmark", "email"]);
    assert.equal(m.get("postmark-mcp@1.0.15")!.version, "1.0.15");
    const proxy = await startFaultProxy(registry.url, [{ kind: "packument", action: { status: 502 } }]);
    const failing = defaultDeps(LIMITS, { registry: proxy.url, cache: freshCache() });
    await assert.rejects(failing.manifests(["postmark-mcp@1.0.16"]), /502.*re-run/);
    await proxy.close();
  });
});
