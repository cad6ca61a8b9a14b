/** Time bounds for work that talks to the outside: a deadline and retries with backoff. Pure. */
import { McpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";

/** Rejects with E_MCPGUARD_TIMEOUT ("re-run") when `work` has not settled within `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new McpGuardError("E_MCPGUARD_TIMEOUT", `${what} took longer than ${ms / 1000} s; re-run`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Wait before the first retry; each next wait is `factor` times longer, up to `maxDelayMs`. */
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

/** The waits a policy makes between attempts, in order (documented and tested as such). */
export function backoffDelays(p: RetryPolicy): number[] {
  return Array.from({ length: p.retries }, (_, i) => Math.min(p.maxDelayMs, p.baseDelayMs * p.factor ** i));
}

/**
 * Runs `attempt` until it succeeds, `transient(error)` says a retry cannot help, or the retries are
 * spent; the last error is rethrown unchanged. `sleep` is injectable so tests can record the waits.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  transient: (e: unknown) => boolean,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  const delays = backoffDelays(policy);
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (n >= delays.length || !transient(e)) throw e;
      await sleep(delays[n]!);
    }
  }
}

export function retryPolicy(limits: Pick<Limits, "requestRetries" | "requestRetryBaseMs">): RetryPolicy {
  return {
    retries: limits.requestRetries,
    baseDelayMs: limits.requestRetryBaseMs,
    factor: 4,
    maxDelayMs: 10_000,
  };
}

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ERR_SOCKET_TIMEOUT",
  "EAI_AGAIN",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

/** Can asking again help? 5xx, 408, 429, resets, refused connections, timeouts, cut streams. */
export function isTransient(e: unknown): boolean {
  const err = e as { code?: string; statusCode?: number; type?: string; message?: string };
  if (typeof err.statusCode === "number") {
    return err.statusCode >= 500 || err.statusCode === 408 || err.statusCode === 429;
  }
  if (err.code && TRANSIENT_CODES.has(err.code)) return true;
  if (err.type === "request-timeout" || err.type === "body-timeout") return true;
  return /premature close|socket hang up|aborted/i.test(err.message ?? "");
}
