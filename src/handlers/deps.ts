/** What handlers need from outside GitHub: the analysis engine and package manifests. Injected, so tests use fixtures. */

import { withTimeout } from "../core/deadline.js";
import type { RuleSetting } from "../core/engine.js";
import { review } from "../core/engine.js";
import { McpGuardError } from "../core/errors.js";
import { type Limits, withLimits } from "../core/limits.js";
import type { PackageSnapshot, Review } from "../core/types.js";
import { loadPackage } from "../npm/load.js";
import { fetchManifest } from "../npm/registry.js";
import { WorkQueue } from "../queue.js";

export interface AnalyseRequest {
  name: string;
  from: string | null;
  to: string;
  registry?: string;
  rules: Record<string, RuleSetting>;
}

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

const UNPUBLISHED = "(unpublished)";

/** The old version, or an empty one marked unpublished when the registry no longer has it. */
async function loadOld(spec: string, opts: { limits: Limits; registry?: string }): Promise<PackageSnapshot> {
  try {
    return await loadPackage(spec, opts);
  } catch (e) {
    if (!(e instanceof McpGuardError) || e.code !== "E_MCPGUARD_NOT_FOUND") throw e;
    return { ...emptySnapshot(spec), source: UNPUBLISHED };
  }
}

function emptySnapshot(name: string): PackageSnapshot {
  return { name, version: "(none)", source: "(none)", manifest: {}, files: new Map(), anomalies: [] };
}

export interface DepsOptions {
  /** Registry used when the repository's config names none (MCP_GUARD_REGISTRY); npmjs otherwise. */
  registry?: string;
  /** npm cache folder (npm_config_cache); pacote's default otherwise. */
  cache?: string;
}

export function defaultDeps(limits: Limits = withLimits(), options: DepsOptions = {}): AppDeps {
  const where = (registry?: string) => ({
    limits,
    ...((registry ?? options.registry) ? { registry: registry ?? options.registry } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
  return {
    queue: new WorkQueue(2),
    limits,
    async analyse(req) {
      const opts = where(req.registry);
      const [a, b] = await withTimeout(
        Promise.all([
          req.from ? loadOld(`${req.name}@${req.from}`, opts) : Promise.resolve(emptySnapshot(req.name)),
          loadPackage(`${req.name}@${req.to}`, opts),
        ]),
        limits.analysisTimeoutMs,
        `fetching ${req.name} ${req.from ?? "(new)"} and ${req.to}`,
      );
      const result = review(a, b, { limits, rules: req.rules });
      if (a.source === UNPUBLISHED) {
        // Say so in the review: everything in B is compared with nothing.
        const note = {
          file: "package.json",
          reason: `${req.name}@${req.from} is no longer in the registry (unpublished?): reviewed as a new package`,
          blocking: false,
        };
        result.diff.notes.push(note);
        result.findings.push({
          rule: "unreviewable",
          severity: "medium",
          file: note.file,
          line: null,
          message: note.reason,
          evidence: "not analysed",
        });
      }
      return result;
    },
    async manifest(name, version, registry) {
      return fetchManifest(`${name}@${version}`, where(registry), limits);
    },
  };
}
