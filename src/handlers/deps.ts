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
   * The registry manifest of name@version, for MCP detection. Throws when it cannot be read: a package
   * whose nature is unknown is not cleared (the check fails, naming the package).
   */
  manifest(name: string, version: string, registry?: string): Promise<Record<string, unknown>>;
  /** Where analyses run, bounded (webhooks are acknowledged before the work). */
  queue: WorkQueue;
  limits: Limits;
}

/** Published versions do not change; remember a bounded number of manifests read for detection. */
const MANIFEST_MEMO = 500;

export function defaultDeps(limits: Limits = withLimits(), where: DepsOptions = {}): AppDeps {
  const manifests = new Map<string, Record<string, unknown>>();
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
    async manifest(name, version, registry) {
      const key = `${registry ?? where.registry ?? ""} ${name}@${version}`;
      const known = manifests.get(key);
      if (known) return known;
      const m = await runIsolated<Record<string, unknown>>(
        {
          kind: "manifest",
          spec: `${name}@${version}`,
          where: registry ? { ...where, registry } : where,
          limits,
        },
        {
          timeoutMs: limits.analysisTimeoutMs,
          memoryMb: limits.workerMemoryMb,
          what: `reading ${name}@${version}`,
        },
      );
      if (manifests.size >= MANIFEST_MEMO) manifests.delete(manifests.keys().next().value!);
      manifests.set(key, m);
      return m;
    },
  };
}
