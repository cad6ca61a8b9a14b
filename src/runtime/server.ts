/**
 * The app's HTTP server: GitHub's webhooks (signature-checked by Probot) at WEBHOOK_PATH, and
 * `/healthz` for the container's health check. Configuration comes from the environment.
 *
 * `shutdown()` (SIGTERM, SIGINT: see process.ts) drains: no new webhooks (the listener closes, and a
 * request on a connection still open is answered 503), the sweep stops, waiting jobs are handed back
 * at once and running ones get the grace period, then are handed back too (docs/DECISIONS.md).
 */
import { createServer, type Server } from "node:http";
import { createNodeMiddleware, createProbot, type Probot } from "probot";
import type { AppDeps } from "../app/deps.js";
import app from "../app/index.js";
import { McpGuardError } from "../common/errors.js";
import { appOctokit } from "../github/octokit.js";
import { advisorySources } from "../npm/osv.js";
import { defaultDeps } from "./deps.js";
import { appIdFrom, msFrom, privateKeyFrom } from "./env.js";
import type { DrainResult, WorkQueue } from "./queue.js";
import {
  recheckMerged,
  revalidateGreenChecks,
  type Sweeper,
  sweepAbandonedChecks,
  sweepEvery,
} from "./sweep.js";

/**
 * Default shutdown budget: within `docker stop`'s default 10 s before SIGKILL. With a longer stop
 * timeout (Kubernetes: 30 s) raise it with MCP_GUARD_SHUTDOWN_GRACE_MS (README, docs/DECISIONS.md).
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 8_000;
/** Of the shutdown budget, kept at the end (at most half of it) to mark unfinished checks as interrupted. */
export const RELEASE_RESERVE_MS = 3_000;
/** How often a running process sweeps for abandoned or interrupted checks. */
export const DEFAULT_SWEEP_INTERVAL_MS = 5 * 60_000;
/** How often every green check is decided again (the safety net under the event subscriptions). */
export const DEFAULT_REVALIDATE_INTERVAL_MS = 60 * 60_000;

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** A prepared Probot (tests pass one with a mocked Octokit). */
  probot?: Probot;
  deps?: AppDeps & { queue: WorkQueue };
  port?: number;
  host?: string;
  /** Re-run checks abandoned in progress by an earlier process (default on; `MCP_GUARD_SWEEP=off`). */
  sweep?: boolean;
  /** Between sweeps (`MCP_GUARD_SWEEP_INTERVAL_MS`, default 5 min; 0: at start only). */
  sweepIntervalMs?: number;
  /** Between re-validations of green checks (`MCP_GUARD_REVALIDATE_INTERVAL_MS`, default 1 h; 0: off). */
  revalidateIntervalMs?: number;
  /** The whole shutdown's budget (`MCP_GUARD_SHUTDOWN_GRACE_MS`, default 8 s). */
  shutdownGraceMs?: number;
}

export interface RunningServer extends Server {
  /** Drains and stops; resolves when every job finished or was handed back. Idempotent. */
  shutdown(): Promise<DrainResult>;
  /** The shutdown's budget in milliseconds. */
  readonly shutdownGraceMs: number;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  // An unsigned webhook endpoint would let anyone trigger work as the app: refuse to run that way.
  if (env.NODE_ENV === "production" && !env.WEBHOOK_SECRET) {
    throw new McpGuardError(
      "E_MCPGUARD_CONFIG",
      "WEBHOOK_SECRET must be set in production: webhooks are verified with it",
    );
  }
  const graceMs =
    opts.shutdownGraceMs ?? msFrom(env, "MCP_GUARD_SHUTDOWN_GRACE_MS", DEFAULT_SHUTDOWN_GRACE_MS);
  const sweepIntervalMs =
    opts.sweepIntervalMs ?? msFrom(env, "MCP_GUARD_SWEEP_INTERVAL_MS", DEFAULT_SWEEP_INTERVAL_MS);
  const revalidateIntervalMs =
    opts.revalidateIntervalMs ??
    msFrom(env, "MCP_GUARD_REVALIDATE_INTERVAL_MS", DEFAULT_REVALIDATE_INTERVAL_MS);
  const probot =
    opts.probot ??
    createProbot({
      env,
      // Checked here, so a missing or bad key is named rather than "privateKey option is required".
      overrides: { Octokit: appOctokit(), appId: appIdFrom(env), privateKey: privateKeyFrom(env) },
    });
  const deps =
    opts.deps ??
    defaultDeps(undefined, {
      registry: env.MCP_GUARD_REGISTRY,
      cache: env.npm_config_cache,
      osv: advisorySources(env),
      ...(env.APP_ID ? { appId: Number(env.APP_ID) } : {}),
      orgConfig: env.MCP_GUARD_ORG_CONFIG === "on",
      // Every failed task is logged (a review's re-decision lost to an outage must not pass silently).
      onError: (e, key) => probot.log.error({ err: e, pr: key }, "mcp-guard: a queued task failed"),
    });
  const webhooks = await createNodeMiddleware((p) => app(p, undefined, deps), {
    probot,
    webhooksPath: env.WEBHOOK_PATH ?? "/api/github/webhooks",
  });
  let stopping = false;
  const server = createServer(async (req, res) => {
    if (stopping) {
      // A delivery on a connection still open: it fails where GitHub shows it, and can be redelivered.
      res.writeHead(503, { "content-type": "text/plain", connection: "close" }).end("draining");
      return;
    }
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
  let sweeper: Sweeper | null = null;
  let revalidator: Sweeper | null = null;
  if (opts.sweep ?? env.MCP_GUARD_SWEEP !== "off") {
    // In the background: webhooks are served meanwhile; a failed sweep leaves those checks blocking.
    const sweepArgs = (stopped: () => boolean) => ({
      auth: (id?: number) => probot.auth(id) as never,
      log: probot.log,
      deps,
      stopped,
    });
    sweeper = sweepEvery(sweepIntervalMs, (stopped) => sweepAbandonedChecks(sweepArgs(stopped)), probot.log);
    // The first re-validation one interval after the start: a restart does not re-decide everything.
    if (revalidateIntervalMs > 0)
      revalidator = sweepEvery(
        revalidateIntervalMs,
        // Green and due checks of open pull requests, then merged ones against newer intelligence.
        async (stopped) => {
          await revalidateGreenChecks(sweepArgs(stopped));
          await recheckMerged(sweepArgs(stopped));
        },
        probot.log,
        { delayFirst: true },
      );
  }
  let drained: Promise<DrainResult> | null = null;
  const shutdown = () => {
    drained ??= (async () => {
      // 1. No new work: the listener closes, idle keep-alive connections too, the sweep stops.
      stopping = true;
      server.close();
      server.closeIdleConnections();
      const sweepStopped = Promise.all([sweeper?.stop(), revalidator?.stop()]);
      // 2. Waiting jobs handed back now; running ones get the budget less the reserve for handing back.
      const result = await deps.queue.drain(Math.max(0, graceMs - Math.min(RELEASE_RESERVE_MS, graceMs / 2)));
      await sweepStopped;
      server.closeAllConnections();
      probot.log.info(
        { finished: result.finished, interrupted: result.released },
        "mcp-guard: stopped; work not finished was marked interrupted for the next process",
      );
      return result;
    })();
    return drained;
  };
  return Object.assign(server, { shutdown, shutdownGraceMs: graceMs });
}
