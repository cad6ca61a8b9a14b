/**
 * A merge queue asks for checks on a merge group's commit (`merge_group.checks_requested`): the
 * group passes only when every guarded package change in it (base → head) is covered, byte for byte,
 * by a pull request into the same branch whose gate passes now. Anything unknown fails the group.
 */
import type { Logger } from "probot";
import { McpGuardError } from "../common/errors.js";
import { RUNTIME_LIMITS } from "../common/limits.js";
import { ancestors, changeSetFingerprint, folderOf, type VersionChange } from "../gate/changes.js";
import { assertFullList } from "../gate/guard.js";
import {
  type CoveringPull,
  coverGroup,
  groupMembers,
  type MergeGroupRef,
  type MergeGroupVerdict,
  mayCover,
  type PullNote,
} from "../gate/merge-group.js";
import { decidePull, type ExistingCheck, type PullFacts } from "../gate/pull.js";
import type { Octokit, Repo } from "../github/octokit.js";
import {
  changedDependencyFiles,
  dependencyFiles,
  findCheck,
  getPull,
  queueRefs,
  readConfig,
  readPullFacts,
  readWorkspaceMembers,
} from "../github/reads.js";
import { completeCheck, startCheck } from "../github/writes.js";
import { isAbandoned } from "../plan/claim.js";
import { type CheckWrite, failureMessage, isFresh } from "../plan/pull-request.js";
import { mergeGroupFailure, renderCheck, renderMergeGroupCheck } from "../render/check.js";
import { guardedChangesOf } from "./analyse.js";
import type { AppDeps } from "./deps.js";
import { errorFields, retireAbandoned } from "./pull-request.js";

export interface MergeGroupArgs {
  octokit: Octokit;
  repo: Repo;
  defaultBranch: string;
  group: MergeGroupRef;
  log: Logger;
  deps: AppDeps;
  /** The clock, for the age of an in-progress check (injected in tests). */
  now?: () => number;
}

export async function handleMergeGroup(args: MergeGroupArgs): Promise<void> {
  const { octokit, repo, group, log, deps } = args;
  // 1. Claim the group's commit with an in-progress check before any work, unless it has a result or
  //    a live run already (a redelivered event).
  const existing = await findCheck(octokit, repo, group.headSha, deps.appId);
  const now = (args.now ?? Date.now)();
  if (existing && (existing.status === "completed" || !isAbandoned(existing, now, deps.limits))) {
    log.info(
      { group: group.headSha },
      "mcp-guard: the merge group already has a result or a live run; duplicate delivery ignored",
    );
    return;
  }
  if (existing) await retireAbandoned(octokit, repo, existing.id, log);
  const { id: checkId } = await startCheck(octokit, repo, group.headSha);
  let write: CheckWrite;
  try {
    write = await decideGroup(args);
  } catch (e) {
    log.error(
      { group: group.headSha, base: group.baseSha, ...errorFields(e) },
      "mcp-guard merge group failed",
    );
    // No Re-run button: a re-run of a group's check finds no pull request; the queue builds a new group.
    write = { conclusion: "failure", output: mergeGroupFailure(failureMessage(e)) };
  }
  await completeCheck(octokit, repo, checkId, write);
}

/**
 * Hands a merge group back when this process stops before deciding it: its check ends failing, never
 * left in progress (a group's check cannot be re-run: the queue builds a new group).
 */
export async function releaseGroup({ octokit, repo, group, log, deps }: MergeGroupArgs): Promise<void> {
  const check = await findCheck(octokit, repo, group.headSha, deps.appId);
  if (check?.status === "completed") return;
  const id = check ? check.id : (await startCheck(octokit, repo, group.headSha)).id;
  await completeCheck(octokit, repo, id, {
    conclusion: "failure",
    output: mergeGroupFailure(
      "mcp-guard was stopped (a deploy or a restart) before it decided this merge group; GitHub may time out and retry",
    ),
  });
  log.warn({ group: group.headSha }, "mcp-guard: stopping before this merge group was decided; check failed");
}

async function decideGroup(args: MergeGroupArgs): Promise<CheckWrite> {
  const { octokit, repo, group, deps } = args;
  // 2. Config from the default branch: an invalid one fails the group with its problems.
  const config = await readConfig(octokit, repo, args.defaultBranch, { orgConfig: deps.orgConfig ?? false });
  if (config.problems.length) {
    const output = renderCheck(
      {
        conclusion: "failure",
        kind: "invalid-config",
        risk: "none",
        approvedBy: [],
        notes: [],
        problems: config.problems,
      },
      [],
      { whoMayApprove: "", configured: config.config.fromFile },
    );
    return { conclusion: "failure", output };
  }
  // 3. The guarded changes base → head, with the same code as a pull request's.
  const changed = await changedDependencyFiles(octokit, repo, group.baseSha, group.headSha);
  const dirs = new Set(changed.map(folderOf).flatMap((d) => [d, ...ancestors(d)]));
  if (dirs.size > RUNTIME_LIMITS.maxDependencyFolders) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `this merge group changes dependency files in ${dirs.size} folders (at most ${RUNTIME_LIMITS.maxDependencyFolders} are read); merge fewer pull requests at once`,
    );
  }
  const headFiles = await dependencyFiles(octokit, repo, group.headSha, dirs);
  // Every workspace's package.json: the install model checks each against the root's lockfile.
  await readWorkspaceMembers(octokit, repo, group.headSha, headFiles);
  const facts: PullFacts = {
    pr: { number: 0, author: "", headSha: group.headSha, baseSha: group.baseSha, baseRef: group.baseBranch },
    mergeBaseSha: group.baseSha,
    config,
    changedFiles: changed,
    filesAt: new Map([
      [group.baseSha, await dependencyFiles(octokit, repo, group.baseSha, dirs)],
      [group.headSha, headFiles],
    ]),
    reviews: [],
    standing: new Map(),
    pushers: { logins: new Set(), unattributed: [] },
    basesAtHead: [group.baseSha],
    approvedSets: new Map(),
  };
  const { guarded } = await guardedChangesOf(facts, deps);
  // 4. Cover each change by a passing pull request in the group.
  const verdict = guarded.length ? await cover(args, guarded) : coverGroup([], []);
  return {
    conclusion: verdict.kind === "uncovered" ? "failure" : "success",
    output: renderMergeGroupCheck(verdict, group.baseBranch),
  };
}

async function cover(args: MergeGroupArgs, guarded: VersionChange[]): Promise<MergeGroupVerdict> {
  const { octokit, repo, group } = args;
  const pulls: CoveringPull[] = [];
  const notes: PullNote[] = [];
  const uncovered = () => {
    const v = coverGroup(guarded, pulls);
    return v.kind === "uncovered" ? v.uncovered : [];
  };
  // Only the pull requests in the group: the queued one, and those its queue branch stacks on.
  const refs = group.headRef ? await queueRefs(octokit, repo, group.baseBranch) : [];
  const members = group.headRef
    ? groupMembers({ ...group, headRef: group.headRef }, refs)
    : group.queuedPull !== null
      ? [group.queuedPull]
      : [];
  if (!members.length)
    notes.push({ number: null, why: "the merge group's branch names no pull request, so none can cover it" });
  for (const [i, n] of members.entries()) {
    if (!uncovered().length) break;
    const r = await passingPull(args, n, i === 0 ? null : uncovered());
    if ("why" in r) {
      if (r.why) notes.push({ number: n, why: r.why });
    } else pulls.push(r);
  }
  return coverGroup(guarded, pulls, notes);
}

/**
 * A pull request's guarded changes when its gate passes now, or why it covers nothing (an empty
 * reason: its check names none of the changes still uncovered, so it was not read in full).
 */
async function passingPull(
  { octokit, repo, group, defaultBranch, deps }: MergeGroupArgs,
  number: number,
  narrowTo: VersionChange[] | null,
): Promise<CoveringPull | { why: string }> {
  let pr: Awaited<ReturnType<typeof getPull>>;
  try {
    pr = await getPull(octokit, repo, number);
  } catch (e) {
    // Not found: it covers nothing (its changes stay uncovered, so the group fails naming them).
    if ((e as { status?: number }).status === 404) return { why: "not found" };
    throw e;
  }
  if (!pr.open) return { why: "not open" };
  if (pr.baseRef !== group.baseBranch) return { why: `not a pull request into ${group.baseBranch}` };
  const check: ExistingCheck | null = await findCheck(octokit, repo, pr.headSha, deps.appId);
  const state = check?.status === "completed" ? check.state : null;
  if (!state || state.pending || state.headSha !== pr.headSha)
    return narrowTo ? { why: "" } : { why: "its head has no mcp-guard result" };
  if (narrowTo && !mayCover(state.changes, narrowTo)) return { why: "" };
  // Read as for a review event, with the head's files: the change set must be the one its check analysed.
  const facts = await readPullFacts(octokit, repo, pr, defaultBranch, {
    head: true,
    appId: deps.appId,
    orgConfig: deps.orgConfig ?? false,
    ...(deps.now ? { now: deps.now } : {}),
  });
  if (!isFresh(check, facts))
    return { why: "its mcp-guard result is for another base or merge base; it is decided again" };
  assertFullList(facts.listedFiles, pr.changedFiles);
  const { guarded: changes } = await guardedChangesOf(facts, deps);
  if (changeSetFingerprint(changes) !== state.fingerprint)
    return { why: "its changes differ from those its mcp-guard check analysed; re-run its check" };
  const decision = decidePull(facts, state);
  if (decision.conclusion !== "success") return { why: whyNot(decision.kind, decision.risk) };
  return { number, changes, approvedBy: decision.approvedBy };
}

function whyNot(kind: string, risk: string): string {
  switch (kind) {
    case "waiting":
      return `waiting for approval (risk: ${risk})`;
    case "incomplete":
      return "its analysis is incomplete";
    case "invalid-config":
      return "the configuration is invalid";
    default:
      return `its mcp-guard check does not pass (${kind})`;
  }
}
