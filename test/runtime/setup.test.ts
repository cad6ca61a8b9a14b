/**
 * Set-up as a user does it: `npm start` (no rebuild, a clear word when dist/ is missing, signals reach
 * the app), `.env` (loaded, the environment wins), the private key (missing, a folder, not a key: each
 * named with its variable and path), and the Node versions package.json promises.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import semver from "semver";
import { appIdFrom, msFrom, privateKeyFrom } from "../../src/runtime/env.js";
import { freePort, privateKey, ROOT } from "../helpers/app-process.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const TSX = import.meta.resolve("tsx");
const MAIN = join(ROOT, "src/runtime/main.ts");

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "mcp-guard-setup-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A folder holding the project's package.json, as after `npm ci` (and `npm run build` when `built`). */
function project(name: string, built: boolean): string {
  const at = join(dir, name);
  mkdirSync(at);
  writeFileSync(join(at, "package.json"), JSON.stringify(pkg));
  if (built) {
    // dist/runtime/main.js as the build leaves it; here it runs the source through tsx (NODE_OPTIONS).
    mkdirSync(join(at, "dist/runtime"), { recursive: true });
    writeFileSync(join(at, "dist/runtime/main.js"), `import ${JSON.stringify(pathToFileURL(MAIN).href)};\n`);
  }
  return at;
}

const quietNpm = { npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };

describe("npm start", () => {
  it("does not rebuild (no prestart: it works after npm ci --omit=dev) and runs the built app", () => {
    assert.equal(pkg.scripts.prestart, undefined);
    assert.match(pkg.scripts.start, /exec node dist\/runtime\/main\.js$/);
  });

  it("says how to build when dist/ is missing, and exits 1", () => {
    const r = spawnSync("npm", ["start", "--silent"], {
      cwd: project("unbuilt", false),
      env: { PATH: process.env.PATH, ...quietNpm },
      encoding: "utf8",
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /mcp-guard: dist\/runtime\/main\.js is missing: run npm run build first/);
  });

  it("SIGTERM to npm start reaches the app: it drains and exits, and the port is released", async () => {
    const port = await freePort();
    const child = spawn("npm", ["start", "--silent"], {
      cwd: project("built", true),
      env: {
        PATH: process.env.PATH,
        ...quietNpm,
        NODE_OPTIONS: `--import=${TSX}`,
        APP_ID: "123",
        PRIVATE_KEY: privateKey,
        HOST: "127.0.0.1",
        PORT: String(port),
        MCP_GUARD_SWEEP: "off",
        LOG_LEVEL: "error",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const health = () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => "refused",
      );
    try {
      for (let i = 0; i < 300 && (await health()) !== 200; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(await health(), 200, `the app did not start: ${stderr}`);
      child.kill("SIGTERM");
      let after: number | string = 200;
      for (let i = 0; i < 100 && after !== "refused"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = await health();
      }
      assert.equal(after, "refused", "the port is released: no orphaned app holds it");
      assert.match(stderr, /mcp-guard: SIGTERM: finishing running work/);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe(".env and the private key", () => {
  /** Runs the process entry in `cwd` with `env`; it is expected to stop at the configuration. */
  function start(cwd: string, env: Record<string, string>) {
    return spawnSync(process.execPath, ["--import", TSX, MAIN], {
      cwd,
      env: { PATH: process.env.PATH, MCP_GUARD_SWEEP: "off", PORT: "0", HOST: "127.0.0.1", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });
  }

  it("npm start's process loads .env from its folder, and a variable set in the environment wins", () => {
    const at = join(dir, "dotenv");
    mkdirSync(at);
    writeFileSync(join(at, ".env"), "APP_ID=123\nPRIVATE_KEY_PATH=from-file.pem\n");
    const fromFile = start(at, {});
    assert.equal(fromFile.status, 1);
    assert.match(fromFile.stderr, /PRIVATE_KEY_PATH is .*from-file\.pem, but there is no such file/);
    const fromEnv = start(at, { PRIVATE_KEY_PATH: join(at, "from-env.pem") });
    assert.equal(fromEnv.status, 1);
    assert.match(fromEnv.stderr, /PRIVATE_KEY_PATH is .*from-env\.pem, but there is no such file/);
    assert.doesNotMatch(fromEnv.stderr, /from-file/);
  });

  it("a missing key file is named with its variable and path (not 'privateKey option is required')", () => {
    const missing = join(dir, "nope", "key.pem");
    const r = start(dir, { APP_ID: "123", PRIVATE_KEY_PATH: missing });
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim(), `mcp-guard: PRIVATE_KEY_PATH is ${missing}, but there is no such file`);
  });

  it("a key path that is a folder, a file that is not a key, an invalid inline key, no key at all: each said plainly", () => {
    const notKey = join(dir, "not-a-key.pem");
    writeFileSync(notKey, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assert.throws(() => privateKeyFrom({ PRIVATE_KEY_PATH: dir }), {
      code: "E_MCPGUARD_CONFIG",
      message: `PRIVATE_KEY_PATH is ${dir}, but it is a folder`,
    });
    assert.throws(
      () => privateKeyFrom({ PRIVATE_KEY_PATH: notKey }),
      new RegExp(
        `^McpGuardError: PRIVATE_KEY_PATH \\(${notKey}\\) is not a PEM private key \\(.+\\); use the \\.pem file`,
      ),
    );
    assert.throws(
      () => privateKeyFrom({ PRIVATE_KEY: "not a key" }),
      /^McpGuardError: PRIVATE_KEY is not a PEM private key/,
    );
    assert.throws(
      () => privateKeyFrom({}),
      /the app's private key is not configured: set PRIVATE_KEY \(the PEM text\) or PRIVATE_KEY_PATH/,
    );
  });

  it("a valid key is read from a file relative to the working folder, inline, one-line with \\n, or base64", () => {
    writeFileSync(join(dir, "app.pem"), privateKey);
    assert.equal(privateKeyFrom({ PRIVATE_KEY_PATH: "app.pem" }, dir), privateKey);
    assert.equal(privateKeyFrom({ PRIVATE_KEY: privateKey }), privateKey.trim());
    assert.equal(privateKeyFrom({ PRIVATE_KEY: privateKey.trim().replace(/\n/g, "\\n") }), privateKey.trim());
    assert.equal(privateKeyFrom({ PRIVATE_KEY: Buffer.from(privateKey).toString("base64") }), privateKey);
  });

  it("APP_ID and the durations must be numbers", () => {
    assert.equal(appIdFrom({ APP_ID: "123" }), 123);
    assert.throws(() => appIdFrom({}), /APP_ID is not set: give the GitHub App's numeric id/);
    assert.throws(
      () => appIdFrom({ APP_ID: "my-app" }),
      /APP_ID must be the GitHub App's numeric id .*not "my-app"/,
    );
    assert.equal(msFrom({}, "MCP_GUARD_SHUTDOWN_GRACE_MS", 25_000), 25_000);
    assert.equal(msFrom({ MCP_GUARD_SHUTDOWN_GRACE_MS: "8000" }, "MCP_GUARD_SHUTDOWN_GRACE_MS", 1), 8_000);
    assert.throws(
      () => msFrom({ MCP_GUARD_SHUTDOWN_GRACE_MS: "25s" }, "MCP_GUARD_SHUTDOWN_GRACE_MS", 1),
      /MCP_GUARD_SHUTDOWN_GRACE_MS must be a whole number of milliseconds, not "25s"/,
    );
  });
});

describe("the Node versions package.json promises", () => {
  it("every installed package (runtime and development) supports every Node version of `engines`", () => {
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
    const ours: string = pkg.engines.node;
    const narrower = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([path, p]) => path && p.engines?.node && !semver.subset(ours, p.engines.node))
      .map(([path, p]) => `${path} ${p.engines!.node}`);
    assert.deepEqual(narrower, []);
    assert.ok(
      semver.satisfies(process.versions.node, ours),
      `this Node (${process.versions.node}) is promised`,
    );
  });
});
