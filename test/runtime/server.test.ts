import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { sign } from "@octokit/webhooks-methods";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { startServer } from "../../src/runtime/server.js";
import { lockfile, mockPullRequestRun, prPayload } from "../helpers/github.js";
import { fixtureDeps, privateKey } from "../helpers/probot.js";

const SECRET = "webhook-secret-for-tests";

describe("the HTTP server with signed webhooks", () => {
  let url: string;
  let close: () => Promise<void>;
  const deps = fixtureDeps();
  const unmatched: string[] = [];
  // Requests to our own loopback server pass through nock but are reported too: count GitHub's only.
  const onNoMatch = (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
    if (String(req.hostname ?? req.host ?? "").includes("github"))
      unmatched.push(`${req.method} ${req.path}`);
  };

  before(async () => {
    nock.emitter.on("no match", onNoMatch);
    const probot = new Probot({
      appId: 123,
      privateKey,
      secret: SECRET,
      logLevel: "fatal",
      Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
        ...o,
        retry: { enabled: false },
        throttle: { enabled: false },
      })),
    });
    const server = await startServer({ probot, deps, port: 0, host: "127.0.0.1", env: {}, sweep: false });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  after(async () => {
    nock.emitter.removeListener("no match", onNoMatch);
    nock.cleanAll();
    await close();
  });

  const deliver = (body: string, headers: Record<string, string>) =>
    fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "d-1",
        ...headers,
      },
      body,
    });

  it("answers its health check", async () => {
    const res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "ok");
  });

  it("processes a signed delivery and makes the expected GitHub calls", async () => {
    const { writes } = mockPullRequestRun({
      files: ["package-lock.json"],
      base: { "package-lock.json": lockfile({ "node_modules/zod": "3.24.0" }) },
      head: { "package-lock.json": lockfile({ "node_modules/zod": "3.25.0" }) },
      config: "reviewers:\n  users: [alice]\n",
      expectReview: false,
    });
    const body = JSON.stringify(prPayload("opened"));
    const res = await deliver(body, { "x-hub-signature-256": await sign(SECRET, body) });
    assert.equal(res.status, 200);
    await deps.queue.idle();
    assert.deepEqual(unmatched, []);
    assert.equal(writes.done.conclusion, "success");
  });

  it("rejects an unsigned delivery and a badly signed one, without calling GitHub", async () => {
    const body = JSON.stringify(prPayload("opened"));
    const unsigned = await deliver(body, {});
    const forged = await deliver(body, { "x-hub-signature-256": await sign("not-the-secret", body) });
    assert.ok(unsigned.status >= 400 && unsigned.status < 500, `unsigned: ${unsigned.status}`);
    assert.ok(forged.status >= 400 && forged.status < 500, `forged: ${forged.status}`);
    await deps.queue.idle();
    assert.deepEqual(unmatched, []);
  });

  it("refuses to start in production without a webhook secret", async () => {
    await assert.rejects(
      startServer({ env: { NODE_ENV: "production" }, port: 0, host: "127.0.0.1" }),
      /WEBHOOK_SECRET must be set in production/,
    );
  });
});
