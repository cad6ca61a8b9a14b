/** The app's dependencies as the process runs them: analyses in isolated workers, a bounded queue. */

import type { AppDeps } from "../app/deps.js";
import { type Limits, RUNTIME_LIMITS, withLimits } from "../common/limits.js";
import { advisorySources } from "../npm/osv.js";
import { reuseKey } from "../review/dependencies.js";
import type { PackageReview } from "../review/types.js";
import type { Analysed, RegistryWhere } from "./analysis.js";
import { runIsolated } from "./isolate.js";
import { type QueueOptions, WorkQueue } from "./queue.js";

export type DepsOptions = RegistryWhere &
  Pick<QueueOptions, "onError"> & { appId?: number; orgConfig?: boolean };

export function defaultDeps(
  limits: Limits = withLimits(),
  options: DepsOptions = {},
): AppDeps & { queue: WorkQueue } {
  // Only plain data crosses into the analysis process.
  const { onError, appId, orgConfig, ...given } = options;
  // The worker gets only what it needs of the environment: the advisory sources are decided here.
  const where = { ...given, osv: given.osv ?? advisorySources(process.env) };
  const memo = new Map<string, Record<string, unknown>>();
  // Compact reviews of dependencies (findings, no diff), by what decides them: reused across changes.
  const dependencyReviews = new Map<string, PackageReview>();
  return {
    queue: new WorkQueue(RUNTIME_LIMITS.queueConcurrency, onError ? { onError } : {}),
    limits,
    ...(appId !== undefined ? { appId } : {}),
    orgConfig: orgConfig ?? false,
    async advisories(pkgs) {
      const { lookupAdvisories } = await import("../npm/osv.js");
      const found = await lookupAdvisories(pkgs, where.osv, limits);
      // A source that failed while another answered: what was found still counts.
      return found.problem && !found.matches.size ? null : found.matches;
    },
    async analyse(req) {
      // Dependencies reviewed for an earlier change (the same bytes and rules) are not fetched again.
      const reviewed: Record<string, PackageReview> = {};
      for (const d of req.dependencies ?? []) {
        const key = reuseKey(d, req.rules);
        const kept = dependencyReviews.get(key);
        if (kept) reviewed[key] = kept;
      }
      const { review, fresh } = await runIsolated<Analysed>(
        { kind: "analyse", req: Object.keys(reviewed).length ? { ...req, reviewed } : req, where, limits },
        {
          timeoutMs: limits.analysisTimeoutMs,
          memoryMb: limits.workerMemoryMb,
          what: `analysing ${req.name} ${req.from ?? "(new)"} → ${req.to}`,
        },
      );
      for (const [key, r] of Object.entries(fresh)) {
        if (dependencyReviews.size >= RUNTIME_LIMITS.dependencyReviews)
          dependencyReviews.delete(dependencyReviews.keys().next().value!);
        dependencyReviews.set(key, r);
      }
      return review;
    },
    async manifests(specs, registry) {
      const at = (spec: string) => `${registry ?? where.registry ?? ""} ${spec}`;
      const missing = [...new Set(specs)].filter((spec) => !memo.has(at(spec)));
      // One worker for the whole batch: detection may need dozens of transitive packages.
      const got = missing.length
        ? await runIsolated<Map<string, Record<string, unknown>>>(
            { kind: "manifests", specs: missing, where: registry ? { ...where, registry } : where, limits },
            {
              timeoutMs: limits.analysisTimeoutMs,
              memoryMb: limits.workerMemoryMb,
              what: `reading ${missing.length} package manifest(s)`,
            },
          )
        : new Map<string, Record<string, unknown>>();
      for (const [spec, m] of got) {
        if (memo.size >= RUNTIME_LIMITS.manifestMemo) memo.delete(memo.keys().next().value!);
        memo.set(at(spec), m);
      }
      return new Map(specs.map((spec) => [spec, got.get(spec) ?? memo.get(at(spec))!]));
    },
  };
}
