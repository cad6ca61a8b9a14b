/** Whether a pull-request event starts a run, from the check already on its head. Pure. */
import type { Limits } from "../common/limits.js";
import type { ExistingCheck } from "../gate/pull.js";
import { INTERRUPTED } from "../render/check.js";

export type Claim = { kind: "skip"; why: string } | { kind: "start"; retire?: ExistingCheck };

/**
 * A check left in progress past twice the analysis budget has no live run behind it: the analysis is
 * terminated at the budget, and the GitHub calls around it get the same again. It was left by a
 * crash or a restart, and is analysed again.
 */
export function isAbandoned(
  check: ExistingCheck,
  now: number,
  limits: Pick<Limits, "analysisTimeoutMs">,
): boolean {
  if (check.status !== "in_progress" && check.status !== "queued") return false;
  const started = check.startedAt ? Date.parse(check.startedAt) : Number.NaN;
  return !(now - started < limits.analysisTimeoutMs * 2);
}

/**
 * A check a stopping process ended as interrupted (it could not finish within its grace period): no
 * live run is behind it, so the sweep re-runs it at once instead of waiting for it to age. Only this
 * app writes its own check runs, so the title is a trustworthy mark.
 */
export function isInterrupted(check: ExistingCheck): boolean {
  return (
    check.status === "completed" && check.conclusion === "cancelled" && check.title === INTERRUPTED.title
  );
}

/**
 * A redelivered event for a head that already has a result (or a live run) starts nothing; an
 * abandoned run is retired and analysed again. Re-runs asked for by a person and reopened pull
 * requests (`force`: reviews may have changed while it was closed) always start.
 */
export function planClaim(
  existing: ExistingCheck | null,
  pr: { headSha: string; baseSha: string },
  opts: { now: number; limits: Pick<Limits, "analysisTimeoutMs">; force: boolean },
): Claim {
  if (opts.force || !existing) return { kind: "start" };
  // A result belongs to (base, head): the same head under another base (a retarget, a second PR) is decided again.
  if (
    existing.status === "completed" &&
    existing.state?.headSha === pr.headSha &&
    existing.state.baseSha === pr.baseSha &&
    existing.state.mergeBaseSha !== undefined
  )
    return { kind: "skip", why: "this head already has a result for this base" };
  if (isAbandoned(existing, opts.now, opts.limits)) return { kind: "start", retire: existing };
  // A run in progress for this (base, head) decides it; one for another base (or that does not say)
  // is superseded at once: its result would belong to the old base.
  if (
    existing.status === "in_progress" &&
    existing.state?.pending &&
    existing.state.headSha === pr.headSha &&
    existing.state.baseSha === pr.baseSha
  )
    return { kind: "skip", why: "a run for this head and base is in progress" };
  return { kind: "start" };
}
