/**
 * The app as its own process, as production runs it (src/runtime/main.ts, configured by the
 * environment), against a loopback stand-in for GitHub: signed webhooks in, stderr and exit observed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sign } from "@octokit/webhooks-methods";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.js";
import { FIXTURES } from "./fixtures.js";
import { ALICE_REVIEWS, BASE, HEAD, postmarkLock } from "./github.js";
import { type FaultProxy, startFaultProxy, startVerdaccio, type Verdaccio } from "./verdaccio.js";

export const SECRET = "process-test-secret";
export const ROOT = join(import.meta.dirname, "..", "..");
export const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  port: number;
  stderr: () => string;
  /** Resolves with the exit code (or signal) when the process has exited. */
  exited: Promise<number | string>;
  deliver(event: string, payload: object, id: string): Promise<Response>;
}

/** Starts src/runtime/main.ts from source with the environment production would give it. */
export async function startAppProcess(
  github: FakeGitHub,
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<AppProcess> {
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
      MCP_GUARD_OSV_DIR: join(FIXTURES, "intel", "osv", "none"),
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "")),
  );
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
  return {
    child,
    url,
    port,
    stderr: () => stderr,
    exited,
    async deliver(event, payload, id) {
      const body = JSON.stringify(payload);
      return fetch(`${url}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": id,
          "x-hub-signature-256": await sign(SECRET, body),
        },
        body,
      });
    },
  };
}

/**
 * The world of the process tests: a real registry serving postmark-mcp 1.0.15 and 1.0.16 behind a
 * proxy whose tarball downloads hang (an analysis that cannot finish), and a loopback GitHub holding
 * Dependabot's PR #7 that bumps it. `close` ends every process started in it, and the rest.
 */
export interface StalledWorld {
  registry: Verdaccio;
  proxy: FaultProxy;
  github: FakeGitHub;
  cache: string;
  children: ChildProcess[];
  close(): Promise<void>;
}

export async function stalledPostmarkWorld(): Promise<StalledWorld> {
  const registry = await startVerdaccio();
  for (const v of ["1.0.15", "1.0.16"]) {
    await registry.publish(readFileSync(join(FIXTURES, "packages", `postmark-mcp-${v}.tgz`)), {
      name: "postmark-mcp",
      version: v,
    });
  }
  const proxy = await startFaultProxy(registry.url, [{ kind: "tarball", action: "stall" }]);
  const github = await startFakeGitHub({
    owner: "acme",
    repo: "service",
    pull: { number: 7, author: "dependabot[bot]", head: HEAD, base: BASE, baseRef: "main" },
    // main is at the PR's base: the config is read there, and the PR left main there.
    branches: { main: BASE },
    files: {
      [BASE]: { ".github/mcp-guard.yml": ALICE_REVIEWS, "package-lock.json": postmarkLock("1.0.15") },
      [HEAD]: { "package-lock.json": postmarkLock("1.0.16") },
    },
    changedFiles: ["package-lock.json"],
  });
  const cache = mkdtempSync(join(tmpdir(), "mcp-guard-cache-"));
  const children: ChildProcess[] = [];
  return {
    registry,
    proxy,
    github,
    cache,
    children,
    async close() {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
      await proxy.close();
      await registry.close();
      await github.close();
      rmSync(cache, { recursive: true, force: true });
    },
  };
}
