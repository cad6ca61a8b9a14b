/** What handlers need from outside GitHub: the analysis engine and package manifests. Injected, so tests use fixtures. */
import pacote from "pacote";
import type { RuleSetting } from "../core/engine.js";
import { review } from "../core/engine.js";
import { type Limits, withLimits } from "../core/limits.js";
import type { PackageSnapshot, Review } from "../core/types.js";
import { loadPackage } from "../npm/load.js";
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
  /** The registry manifest of name@version, for MCP detection. */
  manifest(name: string, version: string, registry?: string): Promise<Record<string, unknown> | null>;
  /** Where analyses run, bounded (webhooks are acknowledged before the work). */
  queue: WorkQueue;
}

function emptySnapshot(name: string): PackageSnapshot {
  return { name, version: "(none)", source: "(none)", manifest: {}, files: new Map(), anomalies: [] };
}

export function defaultDeps(limits: Limits = withLimits()): AppDeps {
  return {
    queue: new WorkQueue(2),
    async analyse(req) {
      const opts = { limits, registry: req.registry };
      const [a, b] = await Promise.all([
        req.from ? loadPackage(`${req.name}@${req.from}`, opts) : Promise.resolve(emptySnapshot(req.name)),
        loadPackage(`${req.name}@${req.to}`, opts),
      ]);
      return review(a, b, { limits, rules: req.rules });
    },
    async manifest(name, version, registry) {
      try {
        return (await pacote.manifest(`${name}@${version}`, {
          ...(registry ? { registry } : {}),
          allowGit: "none",
          allowRemote: "none",
          allowFile: "none",
          allowDirectory: "none",
        } as pacote.Options)) as unknown as Record<string, unknown>;
      } catch {
        return null; // detection then falls back to config include/all
      }
    },
  };
}
