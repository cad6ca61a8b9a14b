/**
 * The packages a bump adds or changes in the install, fetched and reviewed with the same engine.
 * - The CLI has no lockfile: B's manifest is resolved against the registry the way npm picks a
 *   version (pacote's manifest: the `latest` tag when the range allows it, else the highest match).
 *   A dependency whose spec is the same in A and B resolves to the same version at the same moment,
 *   so only specs that differ (and, below them, the dependencies of what they resolve to) are followed.
 * - The app passes the lockfile's changes (src/gate/pulled-in.ts): exact versions and integrities.
 * Bounded by Limits.maxDependencyChanges and maxDependencyBytes; past them the analysis is incomplete.
 * A review is reused across changes of the same bytes (keyed by name, versions, integrity and rule
 * settings): in this process, and in the app across analyses (the caller passes what it kept).
 */
import npa from "npm-package-arg";
import type { Limits } from "../common/limits.js";
import { dependenciesOf, INSTALLED } from "../common/manifest.js";
import {
  compactReview,
  type DependencyChange,
  type DependencyReview,
  reuseKey,
} from "../review/dependencies.js";
import { type EngineOptions, reviewPackage } from "../review/engine.js";
import type { PackageReview, PackageSnapshot } from "../review/types.js";
import { type AdvisoryPolicy, gatherEvidence } from "./evidence.js";
import { loadPackage } from "./load.js";
import type { AdvisorySources } from "./osv.js";
import { fetchManifest, type RegistryOptions, sha512Of } from "./registry.js";

export interface TransitiveOptions extends RegistryOptions {
  limits: Limits;
  osv: AdvisorySources;
  advisories: AdvisoryPolicy;
  engine: Pick<EngineOptions, "rules" | "settings" | "reclaim">;
}

export interface ResolvedChanges {
  changes: DependencyChange[];
  /** What could not be followed (a git dependency, a registry failure, a bound): the analysis is incomplete. */
  problems: string[];
}

const REGISTRY_SPECS = new Set(["version", "range", "tag"]);

/** A spec npm resolves from the registry; anything else is a problem, not a silent skip. */
function registrySpec(name: string, spec: string): string | null {
  try {
    const p = npa.resolve(name, spec);
    return REGISTRY_SPECS.has(p.type)
      ? null
      : `${name}@${spec} is a ${p.type} dependency: its code is not fetched, so not reviewed`;
  } catch (e) {
    return `${name}@${spec}: ${(e as Error).message}`;
  }
}

interface Step {
  name: string;
  specA: string | null;
  specB: string;
  via: string[];
}

/** The dependency changes from A to B (CLI), resolved against the registry, breadth first. */
export async function resolveDependencyChanges(
  a: PackageSnapshot,
  b: PackageSnapshot,
  opts: RegistryOptions & { limits: Limits },
): Promise<ResolvedChanges> {
  const out: DependencyChange[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  const queue: Step[] = [];
  const enqueue = (ma: Record<string, unknown> | null, mb: Record<string, unknown>, via: string[]) => {
    const before = dependenciesOf(ma, INSTALLED);
    for (const [name, specB] of dependenciesOf(mb, INSTALLED)) {
      const specA = before.get(name) ?? null;
      if (specA !== specB) queue.push({ name, specA, specB, via });
    }
  };
  enqueue(a.files.size ? a.manifest : null, b.manifest, [b.name]);
  const resolve = async (name: string, spec: string) => fetchManifest(`${name}@${spec}`, opts, opts.limits);
  for (let step = queue.shift(); step; step = queue.shift()) {
    const bad = registrySpec(step.name, step.specB);
    if (bad) {
      problems.push(bad);
      continue;
    }
    try {
      const mb = await resolve(step.name, step.specB);
      const ma =
        step.specA && !registrySpec(step.name, step.specA) ? await resolve(step.name, step.specA) : null;
      const to = String(mb.version);
      const from = ma ? String(ma.version) : null;
      if (from === to || seen.has(`${step.name}@${to}`)) continue;
      seen.add(`${step.name}@${to}`);
      const size = (mb.dist as { unpackedSize?: unknown } | undefined)?.unpackedSize;
      bytes += typeof size === "number" ? size : 0;
      if (out.length >= opts.limits.maxDependencyChanges || bytes > opts.limits.maxDependencyBytes) {
        problems.push(
          `the bump changes more than ${out.length} packages or ${opts.limits.maxDependencyBytes} bytes of dependencies: past the review's bounds (maxDependencyChanges, maxDependencyBytes)`,
        );
        break;
      }
      const integrity = sha512Of((mb.dist as { integrity?: unknown } | undefined)?.integrity);
      out.push({ name: step.name, from, to, via: step.via, ...(integrity ? { integrity } : {}) });
      enqueue(ma, mb, [...step.via, step.name]);
    } catch (e) {
      problems.push(`${step.name}@${step.specB}: ${(e as Error).message}`);
    }
  }
  return { changes: out, problems };
}

function emptySnapshot(name: string): PackageSnapshot {
  return { name, version: "(none)", source: "(none)", manifest: {}, files: new Map(), anomalies: [] };
}

/** Reviews of the same bytes with the same rules, reused across changes in this process (bounded, oldest out). */
const REUSED = new Map<string, PackageReview>();
const REUSED_MAX = 500;

function failed(c: DependencyChange, why: string): DependencyReview {
  const review: PackageReview = {
    package: { name: c.name, from: c.from ?? "(none)", to: c.to },
    risk: "none",
    raisedBy: [],
    complete: false,
    incomplete: [why],
    findings: [],
    files: { added: 0, removed: 0, modified: 0, renamed: 0, binary: 0 },
    tools: { added: [], removed: [], changed: [] },
    diff: { files: [], notes: [] },
  };
  return { change: c, review };
}

/** Fetches and reviews every change, one at a time; a package that cannot be fetched is incomplete, said. */
export async function reviewDependencyChanges(
  changes: readonly DependencyChange[],
  opts: TransitiveOptions,
  reused: Map<string, PackageReview> = REUSED,
): Promise<DependencyReview[]> {
  const out: DependencyReview[] = new Array(changes.length);
  const load = (spec: string) => loadPackage(spec, opts);
  const one = async (c: DependencyChange): Promise<DependencyReview> => {
    const key = reuseKey(c, opts.engine.settings);
    const again = reused.get(key);
    if (again) return { change: c, review: again };
    try {
      const [a, b] = await Promise.all([
        c.from ? load(`${c.name}@${c.from}`) : Promise.resolve(emptySnapshot(c.name)),
        load(`${c.name}@${c.to}`),
      ]);
      if (c.integrity && b.integrity && sha512Of(b.integrity) !== sha512Of(c.integrity))
        return failed(
          c,
          `the registry serves other bytes (${b.integrity}) than the lockfile pins (${c.integrity})`,
        );
      const evidence = await gatherEvidence(
        { name: c.name, from: c.from, to: c.to },
        { ...opts, publishing: true, publishingRequired: true },
      );
      const review = compactReview(reviewPackage(a, b, { limits: opts.limits, ...opts.engine, evidence }));
      if (reused.size >= REUSED_MAX) reused.delete(reused.keys().next().value!);
      reused.set(key, review);
      return { change: c, review };
    } catch (e) {
      return failed(c, (e as Error).message);
    }
  };
  // One at a time: two versions of a package and their trees are what a review holds, and the guarded
  // package's own review is still alive beside it; the memory budget is for one review at a time.
  for (const [i, c] of changes.entries()) {
    out[i] = await one(c);
    opts.engine.reclaim?.();
  }
  return out;
}
