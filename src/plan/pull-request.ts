/**
 * The pull-request plan: the facts read from GitHub and the package reviews in, every write the app
 * will make out (review, reviewer requests, check). Pure: the app publishes what this returns.
 */
import type { AnalysedChange, GateDecision } from "../gate/approval.js";
import { changeFrom, changeLabel, changeSetFingerprint, type VersionChange } from "../gate/changes.js";
import {
  type CheckState,
  decidePull,
  type ExistingCheck,
  type PullFacts,
  whoMayApprove,
} from "../gate/pull.js";
import { type CheckText, renderCheck, rerunHelps, supersededText } from "../render/check.js";
import {
  type ApprovalPolicy,
  REVIEW_MARKER,
  renderPullReview,
  renderReviewNotice,
} from "../render/markdown.js";
import type { PackageReview } from "../review/types.js";

export type Conclusion = "success" | "action_required" | "failure" | "cancelled";

/** A completed check: its conclusion, texts, the state kept in it, and whether Re-run is offered. */
export interface CheckWrite {
  conclusion: Conclusion;
  output: CheckText;
  state?: CheckState;
  detailsUrl?: string;
  /** Offer the Re-run button. */
  rerun?: boolean;
}

/** The one review: create it, or update ours in place. */
export type ReviewWrite = { kind: "create"; body: string } | { kind: "update"; id: number; body: string };

/** What the analysis step found for a pull request. */
export interface PullAnalysis {
  /** Guarded changes at the head, and the package review of each (same order). */
  guarded: VersionChange[];
  reviews: PackageReview[];
  /** The base tip and the merge base gave different change sets (both are in `guarded`). */
  tipDiffers?: boolean;
  /**
   * The head, base tip and merge base GitHub reports after the analysis: a push, a retarget or a base
   * move makes this result stale.
   */
  headNow: string;
  baseNow?: string;
  mergeBaseNow?: string;
}

/** What publishing the review and the reviewer requests gave: the review's URL, or why either failed. */
export interface Published {
  url?: string;
  problem?: string;
  requestProblem?: string;
}

export interface PullPlan {
  conclusion: Conclusion;
  /** The one review, created or updated in place; null when there is nothing new to write. */
  review: ReviewWrite | null;
  /** A short comment to post once the review is updated in place: an edit notifies nobody. */
  notice: string | null;
  /** The URL of our existing review, when it is kept as it is. */
  reviewUrl?: string;
  reviewersToRequest: { users: string[]; teams: string[] };
  /** The check, once the review is posted (its URL) or could not be (why), and reviewers asked or not. */
  check(posted: Published): CheckWrite;
}

/** What the change set installs, and the malware records known for it now (the re-check compares). */
function installed(analysis: PullAnalysis): Pick<CheckState, "installs" | "knownRecords"> {
  const installs = analysis.guarded.flatMap((c, i) =>
    c.source === "lockfile" || c.source === "manifest"
      ? [`${c.name}@${c.to}`, ...(analysis.reviews[i]?.dependencies ?? []).map((d) => `${d.name}@${d.to}`)]
      : [],
  );
  const known = analysis.reviews.flatMap((r) => [
    ...(r.evidence?.advisories?.matches ?? []).map((m) => m.id),
    // Records of what the change pulls in are in its findings ("MAL-2025-20690 from …").
    ...r.findings.filter((f) => f.rule === "known-malicious").map((f) => f.evidence.split(" ")[0]!),
  ]);
  return {
    ...(installs.length ? { installs: [...new Set(installs)].sort() } : {}),
    ...(known.length ? { knownRecords: [...new Set(known)].sort() } : {}),
  };
}

/** When the registry says the new version was published (only for reviews that read the registry). */
function publishedAt(r: PackageReview): { publishedAt?: string | null } {
  const p = r.evidence?.publishing;
  if (!p) return {};
  return { publishedAt: p.versions.find((v) => v.version === p.to)?.time ?? null };
}

/** One line per finding for the check, with the hosts it names (defanged when shown). */
function summarise(c: VersionChange, r: PackageReview): AnalysedChange {
  return {
    dir: c.dir,
    name: changeLabel(c),
    from: changeFrom(c),
    to: c.to,
    risk: r.risk,
    complete: r.complete,
    findings: r.findings.length,
    top: r.findings.slice(0, 5).map((f) => ({
      text: `${f.severity} ${f.rule} ${f.file}${f.line ? `:${f.line}` : ""}: ${f.message}`,
      hosts: f.hosts ?? [],
    })),
    ...publishedAt(r),
  };
}

function checkWrite(facts: PullFacts, decision: GateDecision, state: CheckState | undefined) {
  const { config } = facts.config;
  const output = renderCheck(decision, state?.changes ?? [], {
    whoMayApprove: whoMayApprove(config),
    configured: config.fromFile,
    ...(facts.configSource ? { configSource: facts.configSource } : {}),
    ...(facts.notRequired ? { notRequiredOn: facts.notRequired } : {}),
    ...(state?.tipDiffers ? { tipDiffers: true } : {}),
    ...(state?.reviewUrl ? { reviewUrl: state.reviewUrl } : {}),
    ...(state?.notes?.length ? { reviewProblem: state.notes.join(" ") } : {}),
  });
  return {
    conclusion: decision.conclusion,
    output,
    // Only a change set that was actually read is kept: a review event re-decides from it. A failed or
    // unconfigured run keeps none, so no later event can turn it green without a new analysis.
    ...(state && decision.kind !== "invalid-config" && decision.kind !== "failed"
      ? { state: decided(state, decision) }
      : {}),
    ...(state?.reviewUrl ? { detailsUrl: state.reviewUrl } : {}),
    // Offered only where asking again can change the result (the text says which).
    rerun:
      decision.kind === "invalid-config" || (decision.kind === "failed" && rerunHelps(decision.problems)),
  } satisfies CheckWrite;
}

/** The state with what this decision adds: when a hold ends, who approved a green change set. */
function decided(state: CheckState, decision: GateDecision): CheckState {
  const { heldUntil: _h, approvedBy: _a, ...rest } = state;
  return {
    ...rest,
    ...(decision.hold ? { heldUntil: decision.hold.until } : {}),
    ...(decision.kind === "approved" ? { approvedBy: decision.approvedBy } : {}),
  };
}

/** Who may approve which changes, as the review states it: the config on the default branch. */
export function approvalPolicy(config: PullFacts["config"]["config"]): ApprovalPolicy {
  return {
    reviewers: [...config.reviewers.users, ...config.reviewers.teams].map((n) => `@${n}`),
    requiredApprovals: config.requiredApprovals,
    requireFrom: config.requireApprovalFrom,
    allowIncomplete: config.allowApprovalOfIncomplete,
  };
}

/** Our earlier review: the one holding the marker, written by this app (anyone can copy the marker). */
function ourReview(facts: PullFacts) {
  const ours = facts.ourLogin?.toLowerCase();
  return facts.reviews.find((r) => r.body.includes(REVIEW_MARKER) && ours && r.user.toLowerCase() === ours);
}

export function planPullRequest(facts: PullFacts, analysis: PullAnalysis): PullPlan {
  const nobody = { users: [], teams: [] };
  // 1. A newer push makes this result stale: cancel the check, write nothing else.
  const retargeted =
    (analysis.baseNow ?? facts.pr.baseSha) !== facts.pr.baseSha ||
    (analysis.mergeBaseNow ?? facts.mergeBaseSha) !== facts.mergeBaseSha;
  if (analysis.headNow !== facts.pr.headSha || retargeted) {
    const output = supersededText(analysis.headNow, retargeted);
    return {
      conclusion: "cancelled",
      review: null,
      notice: null,
      reviewersToRequest: nobody,
      check: () => ({ conclusion: "cancelled", output }),
    };
  }
  // 2. The one review: posted when something is guarded, updated in place when it changed.
  const { config } = facts.config;
  const approval = approvalPolicy(config);
  const existing = ourReview(facts);
  const body = analysis.reviews.length || existing ? renderPullReview(analysis.reviews, { approval }) : null;
  const review: ReviewWrite | null =
    body === null || existing?.body === body
      ? null
      : existing
        ? { kind: "update", id: existing.id, body }
        : { kind: "create", body };
  const notice =
    review?.kind === "update" && existing
      ? renderReviewNotice(analysis.reviews, existing.url, facts.pr.headSha, approval)
      : null;
  // 3. The designated reviewers are asked when there is something to approve.
  const reviewersToRequest =
    analysis.guarded.length && config.fromFile
      ? {
          users: config.reviewers.users.filter((u) => u.toLowerCase() !== facts.pr.author.toLowerCase()),
          teams: config.reviewers.teams,
        }
      : nobody;
  // 4. The gate decision, and the check that carries it with the analysed change set.
  const changes = analysis.guarded.map((c, i) => summarise(c, analysis.reviews[i]!));
  const base: CheckState = {
    headSha: facts.pr.headSha,
    baseSha: facts.pr.baseSha,
    ...(facts.mergeBaseSha ? { mergeBaseSha: facts.mergeBaseSha } : {}),
    fingerprint: changeSetFingerprint(analysis.guarded),
    changes,
    ...installed(analysis),
    ...(analysis.tipDiffers ? { tipDiffers: true } : {}),
  };
  const decision = decidePull(facts, base);
  const reviewProblem = (problem: string) =>
    `The review could not be posted (${problem}); run \`mcp-guard diff\` locally to see the diff.`;
  return {
    conclusion: decision.conclusion,
    review,
    notice,
    ...(review === null && existing ? { reviewUrl: existing.url } : {}),
    reviewersToRequest,
    check: (posted) => {
      // What could not be published stays in the state, so a later review event keeps saying it.
      const notes = [
        ...(posted.problem ? [reviewProblem(posted.problem)] : []),
        ...(posted.requestProblem ? [posted.requestProblem] : []),
      ];
      return checkWrite(facts, decision, {
        ...base,
        ...(posted.url ? { reviewUrl: posted.url } : {}),
        ...(notes.length ? { notes } : {}),
      });
    },
  };
}

/**
 * Whether a check's stored change set is the one the pull request brings now: computed for this
 * head, this base tip and this merge base. Anything else must be analysed afresh, never assumed.
 */
export function isFresh(check: ExistingCheck | null, facts: Pick<PullFacts, "pr" | "mergeBaseSha">): boolean {
  const state = check?.state;
  return (
    check?.status === "completed" &&
    !!state &&
    !state.pending &&
    state.headSha === facts.pr.headSha &&
    state.baseSha === facts.pr.baseSha &&
    state.mergeBaseSha !== undefined &&
    state.mergeBaseSha === facts.mergeBaseSha
  );
}

/**
 * A review was submitted, edited or dismissed (or a fact behind the decision changed: a member, a
 * team): the gate decided again from the change set stored in the check. `"stale"` when that change
 * set is not the one the pull request brings now (the caller analyses afresh); null when nothing
 * changed (no write).
 *
 * On a closed pull request (`open: false`) the event still counts, one way only: a green check the
 * re-decision no longer supports is withdrawn (a dismissal while closed must not leave a green check
 * that reopening, another pull request at this head or a merge could rely on), but nothing is turned
 * green or rewritten: reopening decides afresh from everything, so a closed pull request's reviews
 * never grant a result.
 */
export function planReviewEvent(
  facts: PullFacts,
  check: ExistingCheck | null,
  { open }: { open: boolean } = { open: true },
): CheckWrite | null | "stale" {
  if (!open && check?.conclusion !== "success") return null; // nothing green to withdraw
  if (!isFresh(check, facts)) return "stale";
  const state = check!.state!;
  const decision = decidePull(facts, state);
  if (!open && decision.conclusion === "success") return null;
  const write = checkWrite(facts, decision, state);
  const same = (a: CheckText, b: ExistingCheck) => a.title === b.title && a.summary === b.summary;
  return check!.conclusion === write.conclusion && same(write.output, check!) ? null : write;
}

/** The check when the run failed before a decision: the reason, and whether a re-run can help. */
export function planFailure(facts: Pick<PullFacts, "config"> | null, message: string): CheckWrite {
  const decision: GateDecision = {
    conclusion: "failure",
    kind: "failed",
    risk: "none",
    approvedBy: [],
    notes: [],
    problems: [message],
  };
  const output = renderCheck(decision, [], {
    whoMayApprove: "",
    configured: facts?.config.config.fromFile ?? false,
  });
  return { conclusion: "failure", output, rerun: rerunHelps([message]) };
}

/**
 * The reason a run failed, as the check shows it. Our own errors carry a code and say whether
 * re-running helps; anything else (a GitHub API error, a worker crash) may well pass on a second try.
 */
export function failureMessage(e: unknown): string {
  const coded = typeof (e as { code?: unknown }).code === "string";
  const raw = (e as Error).message ?? String(e);
  return coded || /re-run/i.test(raw) ? raw : `${raw}; re-run`;
}
