/**
 * The gate decision (DESIGN §9) as a pure function. Everything it reads was re-read from the API
 * by the caller at decision time; the webhook payload is a trigger, not evidence. Green only on the
 * two proven paths: no guarded change, or enough eligible approvals of this exact change set.
 */

import { maxRisk, type Risk, riskRank } from "../review/types.js";
import type { GuardConfig } from "./config.js";
import { type Cooldown, type Hold, holdOf, WAIVER } from "./release-age.js";

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface ReviewRecord {
  /** GitHub's review id (approvals are bound to change sets by it). */
  id?: number;
  user: string;
  isBot: boolean;
  state: ReviewState;
  commitId: string;
  submittedAt: string;
  /** The review's text (a waiver of the release-age hold is written there). */
  body?: string;
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
  /** When the registry says `to` was published (null: it gives no time; absent: not a registry version). */
  publishedAt?: string | null;
}

export interface GateInput {
  config: GuardConfig;
  configProblems: string[];
  /** Set when the analysis failed (fetch error, limit, timeout…): the check fails with it. */
  failure?: string;
  prAuthor: string;
  /** Who authored or committed the pull request's commits; null when GitHub could not list them all. */
  pushers: Pushers | null;
  changes: AnalysedChange[];
  /** Fingerprint of the guarded change set the pull request brings now. */
  fingerprint: string;
  /**
   * Fingerprint of the change set an approval was given for (what this app showed on the reviewed
   * commit when it was submitted: gate/pull.ts `boundFingerprint`); null when none can be told (void).
   */
  approvedSet: (r: ReviewRecord) => string | null;
  reviews: ReviewRecord[];
  standing: ReadonlyMap<string, Standing>;
  /** The release-age hold: the cooldown in force and the time of the decision (absent: no hold). */
  cooldown?: Cooldown | null;
  now?: number;
  /**
   * Malware records that name a version of the change set and were not known when it was analysed
   * (the periodic re-check): an approval given before them no longer counts.
   */
  malware?: MalwareMatch[];
}

export interface MalwareMatch {
  /** `name@version` */
  pkg: string;
  id: string;
  url: string;
}

/**
 * The pull request's commits as the two-person rule reads them. No approver may be among `logins`;
 * and while any commit is `unattributed`, nobody can be shown not to have pushed it, so no approval
 * counts at all (a reviewer could push under an e-mail linked to no account, then approve).
 */
export interface Pushers {
  /** Lower-cased logins of everyone who authored or committed a commit (GitHub's web-flow aside). */
  logins: ReadonlySet<string>;
  /** Shas of the commits whose author or committer GitHub links to no account. */
  unattributed: readonly string[];
}

export type GateKind =
  | "invalid-config"
  | "failed"
  | "no-changes"
  | "incomplete"
  | "below-threshold"
  | "approved"
  | "waiting"
  | "held"
  | "revoked";

export interface GateDecision {
  conclusion: "success" | "action_required" | "failure";
  kind: GateKind;
  risk: Risk;
  approvedBy: string[];
  /** Why each latest approval did or did not count (for the check summary). */
  notes: string[];
  problems: string[];
  /** Set when a version is younger than the cooldown: until when, and why (the check shows both). */
  hold?: Hold;
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

/** Commits named in a note: at most this many short shas. */
const NAMED_COMMITS = 5;

/** Short shas as a person reads them (GitHub's shas are hex; anything else is not echoed). */
function commitList(shas: readonly string[]): { list: string; one: boolean } {
  const short = shas
    .slice(0, NAMED_COMMITS)
    .map((s) => s.replace(/[^0-9a-f]/gi, "").slice(0, 7) || "(no sha)");
  const more = shas.length > NAMED_COMMITS ? ` and ${shas.length - NAMED_COMMITS} more` : "";
  return { list: `${short.join(", ")}${more}`, one: shas.length === 1 };
}

/**
 * Why the two-person rule refuses `user`'s approval, or null. Who pushed must be known for every
 * commit: a list GitHub cut short, or a commit it links to no account, voids every approval.
 */
function twoPersonRule(pushers: Pushers | null, user: string): { why: string; unattributed?: true } | null {
  if (pushers === null)
    return { why: "the pull request has more commits than GitHub lists, so who pushed them is unknown" };
  if (pushers.logins.has(user.toLowerCase()))
    return { why: "pushed a commit to this pull request (two-person rule)" };
  if (pushers.unattributed.length) {
    const { list, one } = commitList(pushers.unattributed);
    return {
      why: `who pushed commit${one ? "" : "s"} ${list} is unknown (two-person rule)`,
      unattributed: true,
    };
  }
  return null;
}

/** Why an approval (the reviewer's latest review) does not count, or null when it does. */
function refusal(r: ReviewRecord, input: GateInput): { why: string; unattributed?: true } | null {
  if (r.user.toLowerCase() === input.prAuthor.toLowerCase())
    return { why: "is the author of the pull request" };
  if (r.isBot || /\[bot\]$/.test(r.user)) return { why: "is a bot" };
  const pushed = twoPersonRule(input.pushers, r.user);
  if (pushed) return pushed;
  const standing = mayApprove(r.user, input.standing.get(r.user.toLowerCase()), input.config);
  if (standing) return { why: standing };
  // On the head commit too: a retarget or a base move changes what the same commit brings.
  const set = input.approvedSet(r);
  if (set === input.fingerprint) return null;
  if (set === null) {
    const sha = r.commitId.replace(/[^0-9a-f]/gi, "").slice(0, 7) || "(no sha)";
    return {
      why: `was given while no mcp-guard result was shown for commit ${sha} (approve again once the check has a result)`,
    };
  }
  return { why: "approved a different set of package changes" };
}

/** The note that names the unattributed commits and says how to fix them. */
function unattributedFix(shas: readonly string[]): string {
  const { list, one } = commitList(shas);
  return one
    ? `Commit ${list} has an author or committer e-mail linked to no GitHub account, so the two-person rule cannot be checked and no approval counts: re-push it from an e-mail linked to a GitHub account (or squash or rebase it under a linked identity).`
    : `Commits ${list} have an author or committer e-mail linked to no GitHub account, so the two-person rule cannot be checked and no approval counts: re-push them from an e-mail linked to a GitHub account (or squash or rebase them under a linked identity).`;
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
  // A version younger than the cooldown is held whatever its risk, until it is old enough or a counted
  // approver waives the hold in their review (decided below, once the approvals are counted).
  const hold =
    input.cooldown && input.now !== undefined ? holdOf(input.changes, input.cooldown, input.now) : null;
  // 3. Below the configured threshold: green without approval (only for complete analyses).
  if (
    !hold &&
    complete &&
    config.requireApprovalFrom !== "none" &&
    riskRank(risk) < riskRank(config.requireApprovalFrom)
  ) {
    return { ...base, conclusion: "success", kind: "below-threshold" };
  }
  // 4. Count eligible approvals of this exact change set.
  const approvedBy: string[] = [];
  const notes: string[] = [];
  let unattributedVoided = false;
  for (const [, r] of latestReviews(input.reviews)) {
    if (r.state !== "APPROVED") {
      notes.push(`@${r.user}: latest review is ${r.state.toLowerCase().replace("_", " ")}`);
      continue;
    }
    const refused = refusal(r, input);
    if (!refused) approvedBy.push(r.user);
    else notes.push(`@${r.user}: approval does not count: ${refused.why}`);
    if (refused?.unattributed) unattributedVoided = true;
  }
  // What to do about unattributed commits is said once, after the approvals they voided.
  if (unattributedVoided && input.pushers) notes.push(unattributedFix(input.pushers.unattributed));
  const approved = approvedBy.length >= config.requiredApprovals;
  // Intelligence newer than the analysis: whatever was approved, the gate is open again, and says who
  // approved what the records now name.
  if (input.malware?.length) {
    const named = input.malware.map((m) => `${m.pkg} is known malware: ${m.id} (${m.url})`);
    return { ...base, conclusion: "failure", kind: "revoked", approvedBy, notes, problems: named };
  }
  if (!complete && !(approved && config.allowApprovalOfIncomplete)) {
    return { ...base, conclusion: "failure", kind: "incomplete", approvedBy, notes };
  }
  if (hold) {
    const latest = latestReviews(input.reviews);
    const waivedBy = approvedBy.filter((u) => WAIVER.test(latest.get(u.toLowerCase())?.body ?? ""));
    if (!approved || !waivedBy.length)
      return { ...base, conclusion: "action_required", kind: "held", approvedBy, notes, hold };
    notes.push(
      `Release-age hold (${input.cooldown!.from}) waived by ${waivedBy.map((u) => `@${u}`).join(", ")}: ${hold.why.join("; ")}`,
    );
  }
  if (approved) return { ...base, conclusion: "success", kind: "approved", approvedBy, notes };
  return { ...base, conclusion: "action_required", kind: "waiting", approvedBy, notes };
}
