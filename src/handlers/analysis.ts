/**
 * One analysis as it runs inside an isolated worker (see isolate.ts): fetch both versions from the
 * registry, review the change. Also the manifest lookup used for MCP detection.
 */
import type { RuleSetting } from "../core/engine.js";
import { review } from "../core/engine.js";
import { McpGuardError } from "../core/errors.js";
import type { Limits } from "../core/limits.js";
import type { PackageSnapshot, Review } from "../core/types.js";
import { loadPackage } from "../npm/load.js";
import { fetchManifest } from "../npm/registry.js";

export interface AnalyseRequest {
  name: string;
  from: string | null;
  to: string;
  registry?: string;
  rules: Record<string, RuleSetting>;
}

export interface RegistryWhere {
  /** Registry used when the repository's config names none (MCP_GUARD_REGISTRY); npmjs otherwise. */
  registry?: string;
  /** npm cache folder (npm_config_cache); pacote's default otherwise. */
  cache?: string;
}

/** Work a worker can be given: plain data only (it crosses a thread boundary). */
export type IsolatedTask =
  | { kind: "analyse"; req: AnalyseRequest; where: RegistryWhere; limits: Limits }
  | { kind: "manifests"; specs: string[]; where: RegistryWhere; limits: Limits };

const UNPUBLISHED = "(unpublished)";

function emptySnapshot(name: string): PackageSnapshot {
  return { name, version: "(none)", source: "(none)", manifest: {}, files: new Map(), anomalies: [] };
}

/** The old version, or an empty one marked unpublished when the registry no longer has it. */
async function loadOld(spec: string, opts: { limits: Limits; registry?: string }): Promise<PackageSnapshot> {
  try {
    return await loadPackage(spec, opts);
  } catch (e) {
    if (!(e instanceof McpGuardError) || e.code !== "E_MCPGUARD_NOT_FOUND") throw e;
    return { ...emptySnapshot(spec), source: UNPUBLISHED };
  }
}

function options(where: RegistryWhere, limits: Limits, registry?: string) {
  const r = registry ?? where.registry;
  return { limits, ...(r ? { registry: r } : {}), ...(where.cache ? { cache: where.cache } : {}) };
}

export async function analyseHere(
  req: AnalyseRequest,
  where: RegistryWhere,
  limits: Limits,
): Promise<Review> {
  const opts = options(where, limits, req.registry);
  const [a, b] = await Promise.all([
    req.from ? loadOld(`${req.name}@${req.from}`, opts) : Promise.resolve(emptySnapshot(req.name)),
    loadPackage(`${req.name}@${req.to}`, opts),
  ]);
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
}

/** Registry manifests of many name@version specs, 8 at a time; the first failure fails them all. */
async function manifestsHere(specs: string[], where: RegistryWhere, limits: Limits) {
  const opts = options(where, limits);
  const out = new Map<string, Record<string, unknown>>();
  const queue = [...specs];
  const lane = async () => {
    for (let spec = queue.shift(); spec !== undefined; spec = queue.shift()) {
      out.set(spec, await fetchManifest(spec, opts, limits));
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, specs.length) }, lane));
  return out;
}

export async function runTask(task: IsolatedTask): Promise<unknown> {
  if (task.kind === "analyse") return analyseHere(task.req, task.where, task.limits);
  return manifestsHere(task.specs, task.where, task.limits);
}
