/**
 * The gate decision (DESIGN §9) as a pure function. Everything it reads was re-read from the API
 * by the caller at decision time; the webhook payload is a trigger, not evidence. Green only on the
 * two proven paths: no guarded change, or enough eligible approvals of this exact change set.
 */

import { maxRisk, type Risk, riskRank } from "../review/types.js";
import type { GuardConfig } from "./config.js";

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface ReviewRecord {
  user: string;
  isBot: boolean;
  state: ReviewState;
  commitId: string;
  submittedAt: string;
}

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface Standing {
  permission: Permission;
  /** Configured teams (org/slug) the user is an active member of. */
  activeTeams: string[];
}

export interface AnalysedChange {
  dir: string;
  name: string;
  from: string | null;
  to: string;
  risk: Risk;
  complete: boolean;
  findings: number;
  /** The most severe findings, one line each ("critical hidden-recipient index.js:33: …"), with the hosts they name. */
  top?: { text: string; hosts: string[] }[];
}

export interface GateInput {
  config: GuardConfig;
  configProblems: string[];
  /** Set when the analysis failed (fetch error, limit, timeout…): the check fails with it. */
  failure?: string;
  prAuthor: string;
  /**
   * Lower-cased logins of everyone who authored or committed a commit of the pull request: none of
   * them may approve it (two-person rule). null when GitHub could not list them all: no approval counts.
   */
  pushers: ReadonlySet<string> | null;
  headSha: string;
  changes: AnalysedChange[];
  /** Fingerprint of the guarded change set at the head. */
  fingerprint: string;
  /** Fingerprint at another commit a review was given on; null when unknown (the review is void). */
  fingerprintAt: (sha: string) => string | null;
  reviews: ReviewRecord[];
  standing: ReadonlyMap<string, Standing>;
}

export type GateKind =
  | "invalid-config"
  | "failed"
  | "no-changes"
  | "incomplete"
  | "below-threshold"
  | "approved"
  | "waiting";

export interface GateDecision {
  conclusion: "success" | "action_required" | "failure";
  kind: GateKind;
  risk: Risk;
  approvedBy: string[];
  /** Why each latest approval did or did not count (for the check summary). */
  notes: string[];
  problems: string[];
}

const WRITE: Permission[] = ["admin", "maintain", "write"];
const STATEFUL: ReviewState[] = ["APPROVED", "CHANGES_REQUESTED", "DISMISSED"];

/** The latest review that sets a state (comments do not clear an approval, as on GitHub). */
export function latestReviews(reviews: ReviewRecord[]): Map<string, ReviewRecord> {
  const out = new Map<string, ReviewRecord>();
  for (const r of [...reviews].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))) {
    if (STATEFUL.includes(r.state)) out.set(r.user.toLowerCase(), r);
  }
  return out;
}

function mayApprove(user: string, s: Standing | undefined, config: GuardConfig): string | null {
  if (!s) return "not found";
  if (!WRITE.includes(s.permission)) return `has ${s.permission} permission, write needed`;
  const { users, teams } = config.reviewers;
  if (users.length === 0 && teams.length === 0)
    return s.permission === "admin" ? null : "not a repository admin (no reviewers configured)";
  if (users.some((u) => u.toLowerCase() === user.toLowerCase())) return null;
  if (s.activeTeams.some((t) => teams.includes(t))) return null;
  return "not a designated reviewer";
}

export function decide(input: GateInput): GateDecision {
  const risk = input.changes.reduce<Risk>((r, c) => maxRisk(r, c.risk), "none");
  const base = { risk, approvedBy: [] as string[], notes: [] as string[], problems: [] as string[] };
  // 1. Nothing is decided on an invalid config or a failed analysis.
  if (input.configProblems.length)
    return { ...base, conclusion: "failure", kind: "invalid-config", problems: input.configProblems };
  if (input.failure) return { ...base, conclusion: "failure", kind: "failed", problems: [input.failure] };
  // 2. No guarded change: green.
  if (input.changes.length === 0) return { ...base, conclusion: "success", kind: "no-changes" };
  const complete = input.changes.every((c) => c.complete);
  const { config } = input;
  // 3. Below the configured threshold: green without approval (only for complete analyses).
  if (
    complete &&
    config.requireApprovalFrom !== "none" &&
    riskRank(risk) < riskRank(config.requireApprovalFrom)
  ) {
    return { ...base, conclusion: "success", kind: "below-threshold" };
  }
  // 4. Count eligible approvals of this exact change set.
  const approvedBy: string[] = [];
  const notes: string[] = [];
  for (const [, r] of latestReviews(input.reviews)) {
    if (r.state !== "APPROVED") {
      notes.push(`@${r.user}: latest review is ${r.state.toLowerCase().replace("_", " ")}`);
      continue;
    }
    const why =
      r.user.toLowerCase() === input.prAuthor.toLowerCase()
        ? "is the author of the pull request"
        : r.isBot || /\[bot\]$/.test(r.user)
          ? "is a bot"
          : input.pushers === null
            ? "the pull request has more commits than GitHub lists, so who pushed them is unknown"
            : input.pushers.has(r.user.toLowerCase())
              ? "pushed a commit to this pull request (two-person rule)"
              : (mayApprove(r.user, input.standing.get(r.user.toLowerCase()), config) ??
                (r.commitId === input.headSha || input.fingerprintAt(r.commitId) === input.fingerprint
                  ? null
                  : "approved a different set of package changes"));
    if (why) notes.push(`@${r.user}: approval does not count: ${why}`);
    else approvedBy.push(r.user);
  }
  const approved = approvedBy.length >= config.requiredApprovals;
  if (!complete && !(approved && config.allowApprovalOfIncomplete)) {
    return { ...base, conclusion: "failure", kind: "incomplete", approvedBy, notes };
  }
  if (approved) return { ...base, conclusion: "success", kind: "approved", approvedBy, notes };
  return { ...base, conclusion: "action_required", kind: "waiting", approvedBy, notes };
}
