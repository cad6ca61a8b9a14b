/**
 * What the gate concludes about one commit's dependency files against the base, before any package is
 * analysed: no guarded change, the guarded changes to review, or unknown (blocking, with why). Pure:
 * the registry's version documents are an argument. The app's analysis step and the differential tests
 * against the real package managers both go through here.
 */
import { isMcpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";
import type { CommitFiles, VersionChange } from "./changes.js";
import { findChanges } from "./changes.js";
import type { GuardConfig } from "./config.js";
import { assertReviewable, guardedChanges, type Manifests, newSpecs, oldSpecs } from "./guard.js";
import { bindRegistryIntegrity, sourceProblems } from "./sources.js";

export type Verdict =
  | { kind: "no-change" }
  | { kind: "changes"; changes: VersionChange[] }
  | { kind: "unknown"; code: string; message: string };

/** The registry specs the verdict needs, new versions first (then old ones, given the new ones' documents). */
export { newSpecs, oldSpecs };

/**
 * The guarded change set of `head` against `base`. `manifests` holds the registry's version document
 * of every spec `newSpecs` and `oldSpecs` ask for (null: the registry could not answer).
 */
export function verdictOf(
  base: CommitFiles,
  head: CommitFiles,
  packages: GuardConfig["packages"],
  manifests: Manifests,
  limits: Pick<Limits, "maxPackagesPerPr">,
): Verdict {
  try {
    const changes = bindRegistryIntegrity(findChanges(base, head), manifests);
    sourceProblems(changes, manifests);
    const guarded = guardedChanges(changes, packages, manifests);
    assertReviewable(guarded, limits);
    return guarded.length ? { kind: "changes", changes: guarded } : { kind: "no-change" };
  } catch (e) {
    if (isMcpGuardError(e)) return { kind: "unknown", code: e.code, message: e.message };
    throw e;
  }
}
