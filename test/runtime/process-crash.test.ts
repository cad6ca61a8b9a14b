/**
 * A real crash: the app runs as its own process (src/runtime/main.ts, configured by the environment as in
 * production) against a loopback stand-in for GitHub and a real registry. It is killed with SIGKILL
 * in the middle of an analysis; its check is left in progress (blocking). A new process started later
 * finds that check in its start-up sweep and completes the review.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { sign } from "@octokit/webhooks-methods";
import { type FakeGitHub, startFakeGitHub } from "../helpers/fake-github.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { ALICE_REVIEWS, BASE, HEAD, postmarkLock, prPayload } from "../helpers/github.js";
import { type FaultProxy, startFaultProxy, startVerdaccio, type Verdaccio } from "../helpers/verdaccio.js";

const SECRET = "process-test-secret";
const ROOT = join(import.meta.dirname, "..", "..");
const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a process killed mid-analysis", () => {
  let registry: Verdaccio;
  let proxy: FaultProxy;
  let github: FakeGitHub;
  let cache: string;
  const children: ChildProcess[] = [];

  before(async () => {
    registry = await startVerdaccio();
    for (const v of ["1.0.15", "1.0.16"]) {
      await registry.publish(readFileSync(join(FIXTURES, "packages", `postmark-mcp-${v}.tgz`)), {
        name: "postmark-mcp",
        version: v,
      });
    }
    // Tarball downloads hang: the first process is killed while it waits for one.
    proxy = await startFaultProxy(registry.url, [{ kind: "tarball", action: "stall" }]);
    github = await startFakeGitHub({
      owner: "acme",
      repo: "service",
      pull: { number: 7, author: "dependabot[bot]", head: HEAD, base: BASE },
      files: {
        main: { ".github/mcp-guard.yml": ALICE_REVIEWS },
        [BASE]: { "package-lock.json": postmarkLock("1.0.15") },
        [HEAD]: { "package-lock.json": postmarkLock("1.0.16") },
      },
      changedFiles: ["package-lock.json"],
    });
    cache = mkdtempSync(join(tmpdir(), "mcp-guard-cache-"));
  });
  after(async () => {
    for (const c of children) c.kill("SIGKILL");
    await proxy.close();
    await registry.close();
    await github.close();
    rmSync(cache, { recursive: true, force: true });
  });

  /** `npm start` as production runs it, from source. */
  async function startApp(): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
    const port = await freePort();
    const child = spawn(process.execPath, [...process.execArgv, join(ROOT, "src/runtime/main.ts")], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        APP_ID: "123",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: SECRET,
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        HOST: "127.0.0.1",
        PORT: String(port),
        LOG_LEVEL: "error",
        MCP_GUARD_REGISTRY: proxy.url,
        npm_config_cache: cache,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(child);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const url = `http://127.0.0.1:${port}`;
    const end = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the app exited: ${stderr}`);
      const ok = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > end) throw new Error(`the app did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { child, url, stderr: () => stderr };
  }

  it("leaves a blocking check, and the next process's start-up sweep completes the review", async () => {
    // 1. The first process takes a Dependabot PR and starts analysing it.
    const first = await startApp();
    const payload = JSON.stringify(prPayload("opened"));
    const res = await fetch(`${first.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "crash-1",
        "x-hub-signature-256": await sign(SECRET, payload),
      },
      body: payload,
    });
    assert.equal(res.status, 200);
    await until("the analysis to be waiting for a tarball", () =>
      proxy.requests.some((r) => r.kind === "tarball"),
    );
    assert.equal(github.checks.length, 1);
    assert.equal(github.checks[0]!.status, "in_progress");

    // 2. Killed: no cleanup, no last words.
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    assert.equal(
      github.checks[0]!.status,
      "in_progress",
      "the check is left blocking: in progress is not success",
    );
    assert.equal(github.checks[0]!.conclusion, null);
    assert.ok(!github.log.some((l) => l.method === "PATCH"), "nothing was written after the kill");
    assert.equal(github.reviews.length, 0, "no review before the kill");

    // 3. Later (past twice the analysis budget) the registry is healthy and a new process starts.
    github.checks[0]!.started_at = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    proxy.faults.splice(0);
    const second = await startApp();
    const rerun = () => github.checks.find((c) => c.id > 1 && c.status === "completed");
    await until("the re-run to complete its check", () => rerun() !== undefined);
    assert.ok(
      github.log.some((l) => l.method === "GET" && l.path === "/app/installations"),
      "the sweep ran",
    );
    assert.equal(
      github.checks[0]!.conclusion,
      "cancelled",
      "the abandoned check is ended, not left spinning",
    );
    assert.equal(github.checks[0]!.output.title, "Abandoned by a stopped process");
    const done = rerun()!;
    assert.equal(done.head_sha, HEAD);
    assert.equal(done.conclusion, "action_required");
    assert.match(done.output.title, /critical/);
    assert.equal(github.reviews.length, 1);
    assert.match(github.reviews[0]!.body, /hidden-recipient/);
    assert.equal(second.stderr(), "", "no error logged");
  });
});
