/** What handlers need from outside GitHub: the analysis engine and package manifests. Injected, so tests use fixtures. */
import { type Limits, withLimits } from "../core/limits.js";
import type { Review } from "../core/types.js";
import { WorkQueue } from "../queue.js";
import type { AnalyseRequest, RegistryWhere } from "./analysis.js";
import { runIsolated } from "./isolate.js";

export type { AnalyseRequest } from "./analysis.js";
export type DepsOptions = RegistryWhere;

export interface AppDeps {
  /** Fetches both versions and reviews the change (a new package is reviewed against an empty one). */
  analyse(req: AnalyseRequest): Promise<Review>;
  /**
   * Registry manifests of `name@version` specs, for MCP detection, keyed by spec. Throws when any cannot
   * be read: a package whose nature is unknown is not cleared (the check fails, naming the package).
   */
  manifests(specs: string[], registry?: string): Promise<Map<string, Record<string, unknown>>>;
  /** Where analyses run, bounded (webhooks are acknowledged before the work). */
  queue: WorkQueue;
  limits: Limits;
}

/** Published versions do not change; remember a bounded number of manifests read for detection. */
const MANIFEST_MEMO = 500;

export function defaultDeps(limits: Limits = withLimits(), where: DepsOptions = {}): AppDeps {
  const memo = new Map<string, Record<string, unknown>>();
  return {
    queue: new WorkQueue(2),
    limits,
    analyse(req) {
      return runIsolated<Review>(
        { kind: "analyse", req, where, limits },
        {
          timeoutMs: limits.analysisTimeoutMs,
          memoryMb: limits.workerMemoryMb,
          what: `analysing ${req.name} ${req.from ?? "(new)"} → ${req.to}`,
        },
      );
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
        if (memo.size >= MANIFEST_MEMO) memo.delete(memo.keys().next().value!);
        memo.set(at(spec), m);
      }
      return new Map(specs.map((spec) => [spec, got.get(spec) ?? memo.get(at(spec))!]));
    },
  };
}
