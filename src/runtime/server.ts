/**
 * The app's HTTP server: GitHub's webhooks (signature-checked by Probot) at WEBHOOK_PATH, and
 * `/healthz` for the container's health check. Configuration comes from the environment.
 */
import { createServer, type Server } from "node:http";
import { createNodeMiddleware, createProbot, type Probot } from "probot";
import type { AppDeps } from "../app/deps.js";
import app from "../app/index.js";
import { McpGuardError } from "../common/errors.js";
import { appOctokit } from "../github/octokit.js";
import { defaultDeps } from "./deps.js";
import { sweepAbandonedChecks } from "./sweep.js";

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** A prepared Probot (tests pass one with a mocked Octokit). */
  probot?: Probot;
  deps?: AppDeps;
  port?: number;
  host?: string;
  /** Re-run checks abandoned in progress by an earlier process (default on; `MCP_GUARD_SWEEP=off`). */
  sweep?: boolean;
}

export async function startServer(opts: StartOptions = {}): Promise<Server> {
  const env = opts.env ?? process.env;
  // An unsigned webhook endpoint would let anyone trigger work as the app: refuse to run that way.
  if (env.NODE_ENV === "production" && !env.WEBHOOK_SECRET) {
    throw new McpGuardError(
      "E_MCPGUARD_CONFIG",
      "WEBHOOK_SECRET must be set in production: webhooks are verified with it",
    );
  }
  const probot = opts.probot ?? createProbot({ env, overrides: { Octokit: appOctokit() } });
  const deps =
    opts.deps ??
    defaultDeps(undefined, {
      registry: env.MCP_GUARD_REGISTRY,
      cache: env.npm_config_cache,
      ...(env.APP_ID ? { appId: Number(env.APP_ID) } : {}),
      // Every failed task is logged (a review's re-decision lost to an outage must not pass silently).
      onError: (e, key) => probot.log.error({ err: e, pr: key }, "mcp-guard: a queued task failed"),
    });
  const webhooks = await createNodeMiddleware((p) => app(p, undefined, deps), {
    probot,
    webhooksPath: env.WEBHOOK_PATH ?? "/api/github/webhooks",
  });
  const server = createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (await webhooks(req, res)) return;
    if (!res.headersSent) res.writeHead(404).end();
  });
  const port = opts.port ?? Number(env.PORT ?? 3000);
  const host = opts.host ?? env.HOST ?? "0.0.0.0";
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  if (opts.sweep ?? env.MCP_GUARD_SWEEP !== "off") {
    // In the background: webhooks are served meanwhile; a failed sweep leaves those checks blocking.
    sweepAbandonedChecks({ auth: (id) => probot.auth(id) as never, log: probot.log, deps }).catch((e) =>
      probot.log.error({ err: e }, "mcp-guard: sweep for abandoned checks failed"),
    );
  }
  return server;
}
