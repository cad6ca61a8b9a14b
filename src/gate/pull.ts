/**
 * The pull request as the gate sees it: plain data read from GitHub (by src/github/reads.ts) and
 * the state the app keeps in its check run. Pure types and small pure helpers.
 */

import {
  type AnalysedChange,
  decide,
  type GateDecision,
  type Pushers,
  type ReviewRecord,
  type Standing,
} from "./approval.js";
import { type CommitFiles, changeSetFingerprint, type VersionChange } from "./changes.js";
import type { ParsedConfig } from "./config.js";

/** One pull request shape for every handler (webhook payloads and API answers map to it). */
export interface PullRef {
  number: number;
  author: string;
  headSha: string;
  baseSha: string;
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
  /** The base the change set was computed against: a result belongs to (base, head). */
  baseSha: string;
  fingerprint: string;
  changes: AnalysedChange[];
  reviewUrl?: string;
  /** What could not be published (the review, a reviewer request), in our own words and logins. */
  notes?: string[];
}

/** The latest `mcp-guard` check run on a commit. */
export interface ExistingCheck {
  id: number;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  startedAt: string | null;
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
export function decidePull(
  facts: PullFacts,
  state: CheckState,
  guardedAt: ReadonlyMap<string, VersionChange[]>,
): GateDecision {
  const { config, problems } = facts.config;
  return decide({
    config,
    configProblems: problems,
    prAuthor: facts.pr.author,
    pushers: facts.pushers,
    headSha: facts.pr.headSha,
    changes: state.changes,
    fingerprint: state.fingerprint,
    fingerprintAt: (sha) => {
      const changes = guardedAt.get(sha);
      return changes ? changeSetFingerprint(changes) : null;
    },
    reviews: facts.reviews,
    standing: facts.standing,
  });
}
