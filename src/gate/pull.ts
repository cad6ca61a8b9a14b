/**
 * The pull request as the gate sees it: plain data read from GitHub (by src/github/reads.ts) and
 * the state the app keeps in its check run. Pure types and small pure helpers.
 */

import {
  type AnalysedChange,
  decide,
  type GateDecision,
  type MalwareMatch,
  type Pushers,
  type ReviewRecord,
  type Standing,
} from "./approval.js";
import type { CommitFiles } from "./changes.js";
import type { ParsedConfig } from "./config.js";
import type { Cooldown } from "./release-age.js";

/** One pull request shape for every handler (webhook payloads and API answers map to it). */
export interface PullRef {
  number: number;
  author: string;
  headSha: string;
  /** The base branch's tip (as the payload or the compare API gives it). */
  baseSha: string;
  /** The base branch's name: its tip is read again at decision time. */
  baseRef: string;
}

/** A review on the pull request as GitHub lists it. */
export interface PullReview extends ReviewRecord {
  id: number;
  body: string;
  url: string;
}

/** What this app stores in its check run (only this app can write it), read back on review events. */
export interface CheckState {
  headSha: string;
  /** The base branch's tip the change set was computed against: a result belongs to (base, head). */
  baseSha: string;
  /**
   * The merge base of that tip and the head (what GitHub's merge applies the head's changes to).
   * Absent in states written before merge bases were read: such a state is never fresh.
   */
  mergeBaseSha?: string;
  /** Fingerprint of the guarded change set (every byte-deciding field, both comparisons). */
  fingerprint: string;
  /** The base tip and the merge base gave different change sets: both are in `changes`. */
  tipDiffers?: boolean;
  /** Set on the in-progress check a claim writes: the (base, head) being decided, nothing decided yet. */
  pending?: boolean;
  changes: AnalysedChange[];
  reviewUrl?: string;
  /** What could not be published (the review, a reviewer request), in our own words and logins. */
  notes?: string[];
  /** A release-age hold ends then (ISO): the periodic sweep decides the check again after it. */
  heldUntil?: string;
  /** Every version the change set installs (`name@version`, what it pulls in included): re-checked against intelligence. */
  installs?: string[];
  /** Malware record ids that named one of them when it was analysed (a newer one revokes approvals). */
  knownRecords?: string[];
  /** Who approved it, when the check is green by approval (named if intelligence revokes it later). */
  approvedBy?: string[];
}

/** The latest `mcp-guard` check run on a commit. */
export interface ExistingCheck {
  id: number;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  startedAt: string | null;
  completedAt?: string | null;
  /** The state it holds, or null when it holds none that parses. */
  state: CheckState | null;
}

/** Everything the gate reads from GitHub for one decision; the webhook payload is only a trigger. */
export interface PullFacts {
  pr: PullRef;
  /** `.github/mcp-guard.yml` from the default branch (or the org's `.github` repository). */
  config: ParsedConfig;
  /** Paths the pull request changes (empty under an invalid config: nothing else is read then). */
  changedFiles: string[];
  /** How many files GitHub listed (it lists at most 3,000), when the list was read. */
  listedFiles?: number;
  /** Dependency files of the folders the PR touches, at the base, the head and every approved commit. */
  filesAt: Map<string, CommitFiles>;
  reviews: PullReview[];
  /** Permission and team membership of everyone whose latest review approves (bots excluded). */
  standing: Map<string, Standing>;
  /**
   * Who authored or committed the pull request's commits, and the commits GitHub links to no account;
   * null when GitHub does not list them all. Read only when someone approves (none: nobody pushed).
   */
  pushers: Pushers | null;
  /** This app's bot login (`slug[bot]`): only its reviews can be its own. Unknown: none is. */
  ourLogin?: string;
  /** Bases of the open pull requests whose head is this head (this one included). */
  basesAtHead: string[];
  /** The merge base of the base tip (`pr.baseSha`) and the head; unset until read. */
  mergeBaseSha?: string;
  /**
   * For each review id of a latest approval: the fingerprint of the change set this app's check showed
   * on the reviewed commit when the review was given (null: none, or it cannot be told: the approval
   * is void). See `boundFingerprint`.
   */
  approvedSets: ReadonlyMap<number, string | null>;
  /** Where the rules came from: the file, and the commit it was read at. */
  configSource?: { file: string; commit: string };
  /** The base branch, when GitHub says its protection does not require the mcp-guard check. */
  notRequired?: string;
  /**
   * The release-age cooldown in force: config's `min_release_age`, else the repository's own setting on
   * the default branch (./release-age.ts); null or absent: none.
   */
  cooldown?: Cooldown | null;
  /** When the facts were read (ms): a hold is decided against it. */
  now?: number;
  /** Malware records newer than the stored analysis that name a version it installs (the re-check). */
  malware?: MalwareMatch[];
}

/**
 * The change set an approval was given for: the one this app's check on the reviewed commit showed
 * when the review was submitted. GitHub stamps check runs (started_at, completed_at) and reviews
 * (submitted_at) with its own clock, at one-second resolution.
 *
 * The run on display at `submittedAt` is the latest one started before it, and it shows a change set
 * only if it had completed before it (its state was computed then). A run in progress, one without a
 * state (a failure, a superseded run), a run started or completed in the review's own second (the
 * order cannot be told) give null: nothing was shown, nothing was approved. Every event that can
 * change the change set (a push, a retarget, a base move) starts a new run at once, so the run on
 * display is either the current one or one a change had not replaced yet; either way the approval
 * binds to a change set it was given under, and counts only while the pull request brings exactly that.
 */
export function boundFingerprint(runs: readonly ExistingCheck[], submittedAt: string): string | null {
  const at = Math.floor(Date.parse(submittedAt) / 1000);
  if (!Number.isFinite(at)) return null;
  const second = (t: string | null | undefined) => (t ? Math.floor(Date.parse(t) / 1000) : Number.NaN);
  if (runs.some((r) => !Number.isFinite(second(r.startedAt)) || second(r.startedAt) === at)) return null;
  const shown = runs
    .filter((r) => second(r.startedAt) < at)
    .sort((a, b) => second(b.startedAt) - second(a.startedAt) || b.id - a.id)[0];
  if (shown?.status !== "completed" || !(second(shown.completedAt) < at)) return null;
  const state = shown.state;
  return state && !state.pending && state.fingerprint ? state.fingerprint : null;
}

/** The configured reviewers, as a person reads them. */
export function whoMayApprove(config: ParsedConfig["config"]): string {
  const names = [
    ...config.reviewers.users.map((u) => `@${u}`),
    ...config.reviewers.teams.map((t) => `@${t}`),
  ];
  return names.length ? names.join(", ") : "a repository admin";
}

/**
 * A pull request's gate decided afresh, as on a review event: its reviews, standing and pushers read
 * now, the change set stored in its own check (only this app writes it), the approvals' change sets.
 */
export function decidePull(facts: PullFacts, state: CheckState): GateDecision {
  const { config, problems } = facts.config;
  return decide({
    config,
    configProblems: problems,
    prAuthor: facts.pr.author,
    pushers: facts.pushers,
    changes: state.changes,
    fingerprint: state.fingerprint,
    approvedSet: (r) => (r.id === undefined ? null : (facts.approvedSets.get(r.id) ?? null)),
    reviews: facts.reviews,
    standing: facts.standing,
    ...(facts.cooldown ? { cooldown: facts.cooldown } : {}),
    ...(facts.now !== undefined ? { now: facts.now } : {}),
    ...(facts.malware?.length ? { malware: facts.malware } : {}),
  });
}
