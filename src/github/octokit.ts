/**
 * The Octokit the app runs with: Probot's, with an explicit policy for GitHub's faults.
 * - 5xx and network errors: retried (plugin-retry), `retries` times.
 * - Primary and secondary rate limits: waited out when GitHub's wait (x-ratelimit-reset or
 *   retry-after) is at most `maxWaitSeconds`, `retries` times; longer waits fail the request
 *   instead of holding a worker, and the check says "re-run".
 * - A 403 for a missing permission names the permission to grant.
 */
import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";

export type Octokit = ProbotOctokit;

export interface Repo {
  owner: string;
  repo: string;
}

export interface GitHubPolicy {
  retries: number;
  maxWaitSeconds: number;
  /** Milliseconds per second of a retry-after (tests shrink it). */
  retryAfterBaseMs: number;
  /**
   * Spacing of writes, and of writes that notify people (reviews, review requests), per Octokit:
   * GitHub's advice against secondary limits is about 1 s and 3 s.
   */
  writeSpacingMs: number;
  notificationSpacingMs: number;
}

export const DEFAULT_GITHUB_POLICY: GitHubPolicy = {
  retries: 2,
  maxWaitSeconds: 60,
  retryAfterBaseMs: 1000,
  writeSpacingMs: 1000,
  notificationSpacingMs: 3000,
};

/** Which app permission a request needs, from its route (the names app.yml uses). */
export function permissionFor(method: string, url: string): string | null {
  if (/\/check-(runs|suites)/.test(url)) return method === "GET" ? "checks: read" : "checks: write";
  if (/\/pulls\b/.test(url)) return method === "GET" ? "pull_requests: read" : "pull_requests: write";
  if (/\/contents\/|\/git\/trees\//.test(url)) return "contents: read";
  if (/\/teams\//.test(url)) return "members: read";
  if (/\/collaborators\//.test(url)) return "metadata: read";
  return null;
}

interface HookError extends Error {
  status?: number;
  code?: string;
  response?: { headers?: Record<string, string | undefined> };
}

/** Rewrites the final error of a request so the check can say what to do about it. */
function explainErrors(octokit: {
  hook: { error: (name: "request", fn: (e: HookError, o: { method: string; url: string }) => never) => void };
}) {
  octokit.hook.error("request", (error, options) => {
    const what = `${options.method} ${options.url}`;
    const headers = error.response?.headers ?? {};
    if (
      (error.status === 403 || error.status === 429) &&
      (headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(error.message))
    ) {
      error.message = `GitHub rate limit on ${what} (${error.message}); re-run once the limit resets`;
      throw error;
    }
    const permission = error.status === 403 ? permissionFor(options.method, options.url) : null;
    if (permission && /not accessible by integration|permission/i.test(error.message)) {
      error.message = `GitHub refused ${what} (${error.message}): the app needs the "${permission}" permission; an organisation owner can grant it in the app's installation settings`;
      error.code = "E_MCPGUARD_PERMISSION";
      throw error;
    }
    if ((error.status ?? 0) >= 500) {
      error.message = `GitHub answered ${error.status} to ${what} (${error.message}); re-run`;
    }
    throw error;
  });
}

type LogFn = (fields: unknown, ...rest: unknown[]) => void;

/** Longest text a log field keeps; a longer one (a review body, a lockfile) is logged by its size. */
const LOGGED_TEXT_MAX = 200;

/** A log line's fields with long texts replaced by their sizes (`body` → `bodyBytes`), nested ones too. */
export function sizedFields(fields: unknown, depth = 0): unknown {
  if (!fields || typeof fields !== "object" || Array.isArray(fields) || fields instanceof Error || depth > 4)
    return fields;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string" && v.length > LOGGED_TEXT_MAX) out[`${k}Bytes`] = Buffer.byteLength(v);
    else out[k] = sizedFields(v, depth + 1);
  }
  return out;
}

/**
 * Probot logs every request's parameters at debug level, a whole review body among them: this app's
 * Octokit logs long texts by their size instead, at every level.
 */
function sizedRequestLogs(octokit: { log: Record<string, LogFn> }) {
  for (const level of ["debug", "info", "warn", "error"]) {
    const fn = octokit.log[level];
    if (typeof fn !== "function") continue;
    const bound = fn.bind(octokit.log);
    octokit.log[level] = (fields, ...rest) => bound(sizedFields(fields), ...rest);
  }
}

export function appOctokit(policy: GitHubPolicy = DEFAULT_GITHUB_POLICY) {
  const wantRetry = (after: number, _o: unknown, _k: unknown, retryCount: number) =>
    retryCount < policy.retries && after <= policy.maxWaitSeconds;
  return ProbotOctokit.plugin(explainErrors as never, sizedRequestLogs as never).defaults(
    (o: Record<string, unknown>) => ({
      ...o,
      retry: { enabled: true, retries: policy.retries, retryAfterBaseValue: policy.retryAfterBaseMs },
      throttle: {
        ...(o.throttle as object),
        enabled: true,
        retryAfterBaseValue: policy.retryAfterBaseMs,
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: policy.writeSpacingMs }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: policy.notificationSpacingMs }),
        onRateLimit: wantRetry,
        onSecondaryRateLimit: wantRetry,
      },
    }),
  );
}
