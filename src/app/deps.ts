/**
 * What the app's handlers need from outside GitHub, as interfaces: the runtime provides them
 * (src/runtime/deps.ts: registry reads in isolated workers, a bounded queue), tests pass fixtures.
 */
import type { Limits } from "../common/limits.js";
import type { DependencyChange } from "../review/dependencies.js";
import type { RuleSetting } from "../review/engine.js";
import type { AdvisoryMatch } from "../review/intel/types.js";
import type { PackageReview } from "../review/types.js";

export interface AnalyseRequest {
  name: string;
  from: string | null;
  to: string;
  registry?: string;
  rules: Record<string, RuleSetting>;
  /** The integrity the lockfile (or, without one, the registry) pins for `to`: the review checks the bytes. */
  integrity?: string;
  /** Config `advisories`: an unanswered malware lookup blocks (required, the default) or is noted. */
  advisories?: "required" | "best-effort";
  /** What the change installs with it (from the lockfile): reviewed and folded into its review. */
  dependencies?: DependencyChange[];
  /** Reviews of some of them kept from earlier analyses (by `reuseKey`): not fetched or reviewed again. */
  reviewed?: Record<string, PackageReview>;
}

/** Where work runs after the webhook is acknowledged. Jobs that share a key run one at a time. */
export interface TaskQueue {
  /**
   * With `coalesce`, a job of the same key and kind still waiting is superseded by this one. `release`
   * hands the job back when the process stops before it can run or finish (see app/interrupted.ts).
   */
  push(
    job: () => Promise<void>,
    key?: string,
    opts?: { coalesce?: string; release?: () => Promise<void> },
  ): void;
}

export interface AppDeps {
  /** Fetches both versions and reviews the change (a new package is reviewed against an empty one). */
  analyse(req: AnalyseRequest): Promise<PackageReview>;
  /**
   * Registry manifests of `name@version` specs, for MCP detection, keyed by spec. Throws when any cannot
   * be read: a package whose nature is unknown is not cleared (the check fails, naming the package).
   */
  manifests(specs: string[], registry?: string): Promise<Map<string, Record<string, unknown>>>;
  queue: TaskQueue;
  limits: Limits;
  /** This app's id: only its own check runs are read as its state. */
  appId?: number;
  /**
   * Read the organisation's `.github` repository's config when a repository has none: an operator's
   * choice (`MCP_GUARD_ORG_CONFIG=on`), off by default (whoever can create that repository would set
   * every repository's rules).
   */
  orgConfig?: boolean;
  /**
   * Malware records (malicious ones only) naming each `name@version`, for the periodic re-check of
   * decided change sets; null when the sources could not be asked (the re-check then changes nothing).
   */
  advisories?(pkgs: { name: string; version: string }[]): Promise<Map<string, AdvisoryMatch[]> | null>;
  /** The clock a decision is made at (a release-age hold ends at a time); Date.now unless a test sets it. */
  now?: () => number;
  /** Waits between attempts of a failed review re-decision (default app/review.ts; tests shrink them). */
  reviewRetryWaitsMs?: readonly number[];
}
