/**
 * Merge queues (DESIGN §9): the gate on a merge group's commit. Pure. A group passes when it changes
 * no guarded package, or when every guarded change in it (base → head, found by the same code as for
 * a pull request) is, byte for byte, a change of an open pull request into the same branch whose gate
 * passes now: the approval binds to the exact change (package, from, to, integrity, source, install
 * path), so an approval of anything else covers nothing.
 */
import type { AnalysedChange } from "./approval.js";
import { changeFrom, changeId, changeLabel, type VersionChange } from "./changes.js";

/** The merge group as the webhook names it (a trigger: what it holds is read from the API). */
export interface MergeGroupRef {
  headSha: string;
  baseSha: string;
  /** The branch the group merges into, without `refs/heads/`. */
  baseBranch: string;
  /** The pull request the queue's branch name points at, when it follows GitHub's pattern. */
  queuedPull: number | null;
  /** The group's full ref (`refs/heads/gh-readonly-queue/<base>/pr-<n>-<sha>`). */
  headRef?: string;
}

/**
 * `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>`: the pull request that made the group. A
 * hint of where to look first, never evidence (the name is not a documented contract).
 */
export function queuedPullOf(headRef: string, baseBranch: string): number | null {
  return queueRefOf(headRef, baseBranch)?.pull ?? null;
}

/** A merge queue branch's pull request and the commit it was built on (`pr-<number>-<parent sha>`). */
export function queueRefOf(headRef: string, baseBranch: string): { pull: number; parent: string } | null {
  const ref = headRef.replace(/^refs\/heads\//, "");
  const prefix = `gh-readonly-queue/${baseBranch}/pr-`;
  if (!ref.startsWith(prefix)) return null;
  const m = /^(\d+)-([0-9a-f]{7,64})$/.exec(ref.slice(prefix.length));
  return m ? { pull: Number(m[1]), parent: m[2]! } : null;
}

/** Queue branches a group may stack on: name and the commit each points at. */
export interface QueueRef {
  ref: string;
  sha: string;
}

/** At most this many pull requests are followed down a stack of queue branches. */
export const MAX_GROUP_MEMBERS = 50;

/**
 * The pull requests in a merge group: the queued one, and, while the commit its branch was built on
 * is not the group's base, the pull request whose queue branch points at that commit, and so on down
 * the stack. Only these can cover the group's changes (an approved pull request elsewhere covers
 * nothing). A stack that cannot be followed to the base ends the list there: what it would have
 * covered stays uncovered, and the group fails naming it.
 */
export function groupMembers(
  group: MergeGroupRef & { headRef: string },
  refs: readonly QueueRef[],
): number[] {
  const first = queueRefOf(group.headRef, group.baseBranch);
  if (!first) return [];
  const out = [first.pull];
  let parent = first.parent;
  while (!group.baseSha.startsWith(parent) && out.length < MAX_GROUP_MEMBERS) {
    const below = refs.filter((r) => r.sha.startsWith(parent) && r.sha.length >= parent.length);
    const next = below.length === 1 ? queueRefOf(below[0]!.ref, group.baseBranch) : null;
    if (!next || out.includes(next.pull)) break;
    out.push(next.pull);
    parent = next.parent;
  }
  return out;
}

/** A pull request whose gate passes now, with its guarded changes as read now. */
export interface CoveringPull {
  number: number;
  changes: VersionChange[];
  approvedBy: string[];
}

/** A pull request that was looked at and covers nothing, and why (our words, numbers and logins). */
export interface PullNote {
  /** null: a note about the search, not one pull request. */
  number: number | null;
  why: string;
}

export interface CoveredChange {
  change: VersionChange;
  pull: number;
  approvedBy: string[];
}

export type MergeGroupVerdict =
  | { kind: "no-changes" }
  | { kind: "covered"; covered: CoveredChange[] }
  | { kind: "uncovered"; uncovered: VersionChange[]; covered: CoveredChange[]; notes: PullNote[] };

/** Which of the group's guarded changes the passing pull requests cover, each by its exact id. */
export function coverGroup(
  group: readonly VersionChange[],
  pulls: readonly CoveringPull[],
  notes: readonly PullNote[] = [],
): MergeGroupVerdict {
  if (group.length === 0) return { kind: "no-changes" };
  const byId = new Map<string, CoveringPull>();
  for (const p of pulls) for (const c of p.changes) if (!byId.has(changeId(c))) byId.set(changeId(c), p);
  const covered: CoveredChange[] = [];
  const uncovered: VersionChange[] = [];
  for (const change of group) {
    const p = byId.get(changeId(change));
    if (p) covered.push({ change, pull: p.number, approvedBy: p.approvedBy });
    else uncovered.push(change);
  }
  return uncovered.length
    ? { kind: "uncovered", uncovered, covered, notes: [...notes] }
    : { kind: "covered", covered };
}

/**
 * Whether a pull request's stored change set names one of the changes still uncovered (directory,
 * package, versions): only those are worth reading in full. A narrowing, never a proof: the full
 * read compares every byte-deciding field.
 */
export function mayCover(stored: readonly AnalysedChange[], uncovered: readonly VersionChange[]): boolean {
  return stored.some((s) =>
    uncovered.some(
      (u) => u.dir === s.dir && changeLabel(u) === s.name && changeFrom(u) === s.from && u.to === s.to,
    ),
  );
}
