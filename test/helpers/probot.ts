/** A test Probot running the real app on fixture packages, with GitHub mocked by nock. */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach } from "node:test";
import nock from "nock";
import { Probot } from "probot";
import type { AppDeps } from "../../src/app/deps.js";
import app from "../../src/app/index.js";
import { withLimits } from "../../src/common/limits.js";
import { appOctokit, type GitHubPolicy } from "../../src/github/octokit.js";
import { readTarball } from "../../src/npm/tarball.js";
import type { PackageSnapshot } from "../../src/review/types.js";
import { WorkQueue } from "../../src/runtime/queue.js";
import { FIXTURES, fixtureIntegrity, review } from "./fixtures.js";

// Test files that mock GitHub turn nock on (test/setup.ts leaves it off for the others).
if (!nock.isActive()) nock.activate();

export const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

/** Fixture packages the app's engine sees instead of a registry: name@version → .tgz. */
const PACKAGES: Record<string, string> = {
  "postmark-mcp@1.0.15": "postmark-mcp-1.0.15.tgz",
  "postmark-mcp@1.0.16": "postmark-mcp-1.0.16.tgz",
  "postmark-mcp@1.0.17": "postmark-mcp-1.0.17.tgz",
};

export function fixtureDeps(): AppDeps & { analysed: string[]; queue: WorkQueue } {
  const limits = withLimits();
  const load = async (name: string, version: string): Promise<PackageSnapshot> => {
    const file = PACKAGES[`${name}@${version}`];
    if (!file)
      throw Object.assign(new Error(`${name}@${version}: no such package in the registry`), {
        code: "E_MCPGUARD_NOT_FOUND",
      });
    return readTarball(file, readFileSync(join(FIXTURES, "packages", file)), limits);
  };
  const analysed: string[] = [];
  return {
    analysed,
    queue: new WorkQueue(2),
    limits,
    appId: 123,
    async analyse(req) {
      analysed.push(`${req.name}@${req.from}→${req.to}`);
      const [a, b] = await Promise.all([load(req.name, req.from!), load(req.name, req.to)]);
      return review(a, b, { limits, settings: req.rules });
    },
    async manifests(specs) {
      const out = new Map<string, Record<string, unknown>>();
      for (const spec of specs) {
        const at = spec.lastIndexOf("@");
        const [name, version] = [spec.slice(0, at), spec.slice(at + 1)];
        const manifest = PACKAGES[spec] ? (await load(name, version)).manifest : { name, version };
        // As a registry's version document: the package.json plus where and what to download.
        const dist = {
          tarball: `https://registry.npmjs.org/${name}/-/${name.replace(/^@[^/]+\//, "")}-${version}.tgz`,
          integrity: fixtureIntegrity(name, version),
        };
        out.set(spec, { ...manifest, dist });
      }
      return out;
    },
  };
}

export const TEST_GITHUB_POLICY: GitHubPolicy = {
  retries: 2,
  maxWaitSeconds: 60,
  retryAfterBaseMs: 1,
  writeSpacingMs: 0,
  notificationSpacingMs: 0,
};

export async function testProbot(deps: AppDeps): Promise<Probot> {
  const probot = new Probot({
    appId: 123,
    privateKey,
    logLevel: "fatal",
    // The production Octokit and fault policy, with GitHub's waits shrunk from seconds to milliseconds.
    Octokit: appOctokit(TEST_GITHUB_POLICY),
  });
  await probot.load((p: Probot) => app(p, undefined, deps));
  return probot;
}

export const GH = "https://api.github.com";

/**
 * Registers, in the calling describe(), a fresh test app per test with nock locked down, and
 * records every GitHub request that no mock matched (an unexpected call, or an unexpected write).
 */
export function appUnderTest() {
  const t = {
    probot: undefined as unknown as Probot,
    deps: undefined as unknown as ReturnType<typeof fixtureDeps>,
    unmatched: [] as string[],
  };
  // nock passes the request's options as a second argument; the first lacks the host when the host has
  // mocks registered (an unexpected call to a mocked host is exactly what this must catch).
  const onNoMatch = (
    req: { method?: string; path?: string; hostname?: string; host?: string },
    options?: { hostname?: string; host?: string },
  ) => {
    const host = String(req.hostname ?? req.host ?? options?.hostname ?? options?.host ?? "");
    if (host.includes("github")) t.unmatched.push(`${req.method} ${req.path}`);
  };
  beforeEach(async () => {
    t.unmatched = [];
    nock.emitter.on("no match", onNoMatch);
    t.deps = fixtureDeps();
    t.probot = await testProbot(t.deps);
  });
  afterEach(() => {
    nock.emitter.removeListener("no match", onNoMatch);
  });
  return t;
}
