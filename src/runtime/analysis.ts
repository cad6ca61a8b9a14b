/**
 * One analysis as it runs inside an isolated worker process (see isolate.ts): fetch both versions from the
 * registry, review the change. Also the manifest lookup used for MCP detection.
 */

import type { AnalyseRequest } from "../app/deps.js";
import { McpGuardError } from "../common/errors.js";
import { type Limits, RUNTIME_LIMITS } from "../common/limits.js";
import { gatherEvidence } from "../npm/evidence.js";
import { loadPackage } from "../npm/load.js";
import { type AdvisorySources, advisorySources } from "../npm/osv.js";
import { fetchManifest, sha512Of } from "../npm/registry.js";
import { reviewDependencyChanges } from "../npm/transitive.js";
import { withDependencies } from "../review/dependencies.js";
import { reviewPackage } from "../review/engine.js";
import type { PackageReview, PackageSnapshot } from "../review/types.js";
import { RULES } from "../rules/index.js";
import { reclaimer } from "./reclaim.js";

export interface RegistryWhere {
  /** Registry used when the repository's config names none (MCP_GUARD_REGISTRY); npmjs otherwise. */
  registry?: string;
  /** npm cache folder (npm_config_cache); pacote's default otherwise. */
  cache?: string;
  /** Malware intelligence: MCP_GUARD_OSV_URL / MCP_GUARD_OSV_DIR (src/npm/osv.ts); the public OSV API otherwise. */
  osv?: AdvisorySources;
}

/** Work a worker process can be given: plain data only (it crosses a process boundary). */
export type IsolatedTask =
  | { kind: "analyse"; req: AnalyseRequest; where: RegistryWhere; limits: Limits }
  | { kind: "manifests"; specs: string[]; where: RegistryWhere; limits: Limits };

/** The worker process's garbage hint: one per process, for every analysis it runs. */
const reclaim = reclaimer();

function emptySnapshot(name: string): PackageSnapshot {
  return { name, version: "(none)", source: "(none)", manifest: {}, files: new Map(), anomalies: [] };
}

/**
 * The old version, or an empty one when the registry no longer has it. The engine reports the
 * anomaly like any other (an `unreviewable` finding, scored with the rest).
 */
async function loadOld(spec: string, opts: { limits: Limits; registry?: string }): Promise<PackageSnapshot> {
  try {
    return await loadPackage(spec, opts);
  } catch (e) {
    if (!(e instanceof McpGuardError) || e.code !== "E_MCPGUARD_NOT_FOUND") throw e;
    const detail = `${spec} is no longer in the registry (unpublished?): reviewed as a new package`;
    return { ...emptySnapshot(spec), anomalies: [{ path: "package.json", kind: "unpublished", detail }] };
  }
}

function options(where: RegistryWhere, limits: Limits, registry?: string) {
  const r = registry ?? where.registry;
  return { limits, ...(r ? { registry: r } : {}), ...(where.cache ? { cache: where.cache } : {}) };
}

/** An analysis's result: the review, and the dependency reviews it made (the parent keeps them for reuse). */
export interface Analysed {
  review: PackageReview;
  fresh: Record<string, PackageReview>;
}

export async function analyseHere(
  req: AnalyseRequest,
  where: RegistryWhere,
  limits: Limits,
): Promise<Analysed> {
  const opts = options(where, limits, req.registry);
  const [a, b] = await Promise.all([
    req.from ? loadOld(`${req.name}@${req.from}`, opts) : Promise.resolve(emptySnapshot(req.name)),
    loadPackage(`${req.name}@${req.to}`, opts),
  ]);
  // The approval binds these bytes: the registry must still serve what the gate checked.
  const expected = sha512Of(req.integrity);
  if (expected && b.integrity && sha512Of(b.integrity) !== expected) {
    throw new McpGuardError(
      "E_MCPGUARD_MISMATCH",
      `${req.name}@${req.to}: the registry now serves a tarball (${b.integrity}) other than the one the lockfile and the approval bind (${expected}); refusing to review it`,
    );
  }
  const evidence = await gatherEvidence(
    { name: req.name, from: req.from, to: req.to },
    {
      ...opts,
      osv: where.osv ?? advisorySources(process.env),
      advisories: req.advisories ?? "required",
      publishing: true,
      publishingRequired: true,
    },
  );
  const engine = { rules: RULES, settings: req.rules, reclaim };
  const own = reviewPackage(a, b, { limits, ...engine, evidence });
  const dependencies = req.dependencies ?? [];
  if (!dependencies.length) return { review: own, fresh: {} };
  const bound = dependencies.length > limits.maxDependencyChanges;
  const kept = new Map(Object.entries(req.reviewed ?? {}));
  const known = new Set(kept.keys());
  const reviewed = await reviewDependencyChanges(
    dependencies.slice(0, limits.maxDependencyChanges),
    {
      ...opts,
      osv: where.osv ?? advisorySources(process.env),
      advisories: req.advisories ?? "required",
      engine,
    },
    kept,
  );
  const fresh = Object.fromEntries([...kept].filter(([k, r]) => !known.has(k) && r.complete));
  const merged = withDependencies(own, reviewed);
  if (!bound) return { review: merged, fresh };
  const why = `dependencies: the bump changes ${dependencies.length} packages, past the review's bound of ${limits.maxDependencyChanges} (maxDependencyChanges)`;
  return { review: { ...merged, complete: false, incomplete: [...merged.incomplete, why] }, fresh };
}

/** Registry manifests of many name@version specs, RUNTIME_LIMITS.detectionLanes at a time; the first failure fails them all. */
async function manifestsHere(specs: string[], where: RegistryWhere, limits: Limits) {
  const opts = options(where, limits);
  const out = new Map<string, Record<string, unknown>>();
  const queue = [...specs];
  const lane = async () => {
    for (let spec = queue.shift(); spec !== undefined; spec = queue.shift()) {
      out.set(spec, await fetchManifest(spec, opts, limits));
    }
  };
  await Promise.all(Array.from({ length: Math.min(RUNTIME_LIMITS.detectionLanes, specs.length) }, lane));
  return out;
}

export async function runTask(task: IsolatedTask): Promise<unknown> {
  if (task.kind === "analyse") return analyseHere(task.req, task.where, task.limits);
  return manifestsHere(task.specs, task.where, task.limits);
}
