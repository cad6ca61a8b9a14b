/**
 * A pull request was opened or its head moved (or a re-run was asked for): review every guarded
 * package change and decide the gate. Takes plain arguments, not a Probot context.
 */
import type { Logger } from "probot";
import {
  type CommitFiles,
  changeSetFingerprint,
  findChanges,
  isDependencyFile,
  isUnsupportedLockfile,
  type VersionChange,
} from "../core/changes.js";
import { type GuardConfig, parseConfig } from "../core/config.js";
import type { AnalysedChange } from "../core/gate.js";
import { isGuarded, needsDetection } from "../core/guard.js";
import type { Limits } from "../core/limits.js";
import type { Review } from "../core/types.js";
import {
  type CheckRun,
  CONFIG_PATH,
  completeCheck,
  createReview,
  findCheck,
  getPull,
  listPullFiles,
  listReviews,
  loadConfigDocument,
  type Octokit,
  type Repo,
  readFile,
  requestReviewers,
  startCheck,
  updateReview,
} from "../github/api.js";
import { CHECK_NAME, type CheckState, readCheckState, renderCheck } from "../render/check.js";
import { REVIEW_MARKER, renderPullReview } from "../render/markdown.js";
import type { AppDeps } from "./deps.js";

import { decideGate, type PullRef } from "./gate.js";

/**
 * The changes that config or detection guards. Detection reads the registry manifests of the packages
 * config does not decide, in one batch. Unknown is not "no": when they cannot be read the check fails,
 * saying how to decide by config instead.
 */
async function guardedOf(
  deps: AppDeps,
  changes: VersionChange[],
  config: GuardConfig,
  known: Map<string, Record<string, unknown>>,
): Promise<VersionChange[]> {
  const detect = (c: VersionChange) => c.source === "lockfile" && needsDetection(c.name, config.packages);
  const specs = [...new Set(changes.filter(detect).map((c) => `${c.name}@${c.to}`))].filter(
    (s) => !known.has(s),
  );
  if (specs.length) {
    try {
      for (const [spec, m] of await deps.manifests(specs, config.registry)) known.set(spec, m);
    } catch (e) {
      throw Object.assign(
        new Error(
          `cannot tell whether every changed package is an MCP package (${(e as Error).message}); list packages under packages.include or packages.exclude to decide without the registry`,
          { cause: e },
        ),
        { code: (e as { code?: string }).code },
      );
    }
  }
  return changes.filter((c) =>
    isGuarded(c.name, detect(c) ? (known.get(`${c.name}@${c.to}`) ?? null) : null, config.packages),
  );
}

/**
 * A check left in progress past twice the analysis budget has no live run behind it: the analysis is
 * terminated at the budget, and the GitHub calls around it get the same again. It was left by a
 * crash or a restart, and is analysed again.
 */
export function isAbandoned(check: CheckRun, now: number, limits: Limits): boolean {
  if (check.status !== "in_progress" && check.status !== "queued") return false;
  const started = check.startedAt ? Date.parse(check.startedAt) : Number.NaN;
  return !(now - started < limits.analysisTimeoutMs * 2);
}

/**
 * Ends a check a stopped process left in progress, before a new run takes over, so the pull request
 * does not show a spinner forever. `cancelled` still blocks a required check.
 */
export async function retireAbandoned(
  octokit: Octokit,
  repo: Repo,
  check: CheckRun,
  log: Logger,
): Promise<void> {
  try {
    await completeCheck(octokit, repo, check.id, "cancelled", {
      title: "Abandoned by a stopped process",
      summary: "The process analysing this commit stopped before it finished; a new analysis has started.",
      text: "",
    });
  } catch (e) {
    // Cosmetic: the new run decides the PR whether or not the old spinner could be stopped.
    log.warn({ err: e, check: check.id }, "mcp-guard: could not end an abandoned check");
  }
}

export interface PullRequestArgs {
  octokit: Octokit;
  repo: Repo;
  defaultBranch: string;
  pr: PullRef;
  log: Logger;
  deps: AppDeps;
  /** Re-runs asked for by a person analyse again even when a result exists. */
  force?: boolean;
  /** The clock, for the age of an in-progress check (injected in tests). */
  now?: () => number;
}

const LOCK_AND_MANIFEST = ["package.json", "package-lock.json", "npm-shrinkwrap.json"];

export async function loadConfig(octokit: Octokit, repo: Repo, defaultBranch: string) {
  const { doc, file, problem } = await loadConfigDocument(octokit, repo, defaultBranch);
  if (problem) return { config: parseConfig(undefined).config, problems: [problem] };
  return parseConfig(doc, file || CONFIG_PATH);
}

export function whoMayApprove(config: GuardConfig): string {
  const names = [
    ...config.reviewers.users.map((u) => `@${u}`),
    ...config.reviewers.teams.map((t) => `@${t}`),
  ];
  return names.length ? names.join(", ") : "a repository admin";
}

/** Reads package.json and npm lockfiles of the given folders at a commit. */
async function dependencyFiles(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  dirs: Set<string>,
): Promise<CommitFiles> {
  const out: CommitFiles = new Map();
  for (const dir of dirs) {
    for (const name of LOCK_AND_MANIFEST) {
      const path = dir ? `${dir}/${name}` : name;
      const text = await readFile(octokit, repo, path, sha);
      if (text !== null) out.set(path, text);
    }
  }
  return out;
}

export async function handlePullRequest({
  octokit,
  repo,
  defaultBranch,
  pr,
  log,
  deps,
  force = false,
  now = Date.now,
}: PullRequestArgs): Promise<void> {
  // 1. A redelivered event for a head that already has a result (or a live run) makes no writes.
  if (!force) {
    const existing = await findCheck(octokit, repo, pr.headSha, CHECK_NAME);
    const done = existing?.status === "completed" && readCheckState(existing.text)?.headSha === pr.headSha;
    const live = existing?.status === "in_progress" && !isAbandoned(existing, now(), deps.limits);
    if (done || live) {
      log.info({ head: pr.headSha }, "mcp-guard: this head already has a result; duplicate delivery ignored");
      return;
    }
    if (existing && isAbandoned(existing, now(), deps.limits))
      await retireAbandoned(octokit, repo, existing, log);
  }
  // 2. Claim the head commit with an in-progress check before any work.
  const checkId = await startCheck(octokit, repo, pr.headSha, CHECK_NAME);
  let state: CheckState = { headSha: pr.headSha, fingerprint: changeSetFingerprint([]), changes: [] };
  try {
    // 3. Config from the default branch only (org fallback); a PR cannot weaken its own gate.
    const { config, problems } = await loadConfig(octokit, repo, defaultBranch);

    // 4. The guarded version changes between base and head, in every folder the PR touches
    //    (none are read under an invalid config: the check fails with its problems).
    const prFiles = problems.length ? [] : await listPullFiles(octokit, repo, pr.number);
    const unsupported = prFiles.filter(isUnsupportedLockfile);
    if (unsupported.length) {
      // Not understood is not cleared: fail closed until these lockfiles are read.
      throw Object.assign(
        new Error(
          `${unsupported.join(", ")}: only npm lockfiles (package-lock.json, npm-shrinkwrap.json) are read so far; review this change by hand`,
        ),
        { code: "E_MCPGUARD_UNSUPPORTED" },
      );
    }
    const touched = prFiles.filter(isDependencyFile);
    const dirs = new Set(touched.map((p) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "")));
    const base = await dependencyFiles(octokit, repo, pr.baseSha, dirs);
    const manifests = new Map<string, Record<string, unknown>>();
    const guardedAt = async (files: CommitFiles) =>
      guardedOf(deps, findChanges(base, files), config, manifests);
    const guarded = problems.length
      ? []
      : await guardedAt(await dependencyFiles(octokit, repo, pr.headSha, dirs));

    if (guarded.length > deps.limits.maxPackagesPerPr) {
      throw Object.assign(
        new Error(
          `${guarded.length} guarded package changes exceed the per-PR limit of ${deps.limits.maxPackagesPerPr}; split the PR so each group can be reviewed`,
        ),
        { code: "E_MCPGUARD_LIMIT" },
      );
    }

    // 5. Review each guarded change with the engine, then post or update the one review.
    const reviews: Review[] = [];
    const analysed: AnalysedChange[] = [];
    for (const c of guarded) {
      if (c.source === "manifest") {
        // Only a range changed and there is no lockfile: the version cannot be pinned, so fail closed.
        throw Object.assign(
          new Error(
            `${c.dir || "."}: ${c.name} changed to "${c.to}" without a lockfile; commit package-lock.json`,
          ),
          {
            code: "E_MCPGUARD_NO_LOCKFILE",
          },
        );
      }
      const r = await deps.analyse({
        name: c.name,
        from: c.from,
        to: c.to,
        registry: config.registry,
        rules: config.rules,
      });
      reviews.push(r);
      analysed.push({
        dir: c.dir,
        name: c.name,
        from: c.from,
        to: c.to,
        risk: r.risk,
        complete: r.complete,
        findings: r.findings.length,
        top: r.findings.slice(0, 5).map((f) => ({
          text: `${f.severity} ${f.rule} ${f.file}${f.line ? `:${f.line}` : ""}: ${f.message}`,
          hosts: f.hosts ?? [],
        })),
      });
    }
    // A newer push makes this result stale: do not post it over the newer one.
    const now = await getPull(octokit, repo, pr.number);
    if (now.headSha !== pr.headSha) {
      await completeCheck(octokit, repo, checkId, "cancelled", {
        title: "Superseded by a newer push",
        summary: `The head moved to ${now.headSha.slice(0, 7)} while this commit was analysed; that commit gets its own check.`,
        text: "",
      });
      return;
    }
    // A review that cannot be posted (size, permissions, an outage) never blocks the check update.
    let reviewUrl: string | undefined;
    let reviewProblem: string | undefined;
    try {
      reviewUrl = await upsertReview(octokit, repo, pr, reviews);
    } catch (e) {
      reviewProblem = `The review could not be posted (${(e as Error).message}); run \`mcp-guard diff\` locally to see the diff.`;
      log.error({ err: e }, "mcp-guard review post failed");
    }
    state = {
      headSha: pr.headSha,
      fingerprint: changeSetFingerprint(guarded),
      changes: analysed,
      ...(reviewUrl ? { reviewUrl } : {}),
    };

    // 6. Ask the designated reviewers when there is something to approve.
    if (guarded.length && config.fromFile) {
      await requestReviewers(
        octokit,
        repo,
        pr.number,
        config.reviewers.users.filter((u) => u !== pr.author),
        config.reviewers.teams.map((t) => t.split("/")[1]!),
      );
    }

    // 7. Decide from what the API says now, and complete the check.
    const decision = await decideGate(octokit, repo, pr, config, problems, state, async (sha) =>
      guardedAt(await dependencyFiles(octokit, repo, sha, dirs)),
    );
    const output = renderCheck(
      reviewProblem ? { ...decision, notes: [...decision.notes, reviewProblem] } : decision,
      state,
      {
        whoMayApprove: whoMayApprove(config),
        configured: config.fromFile,
      },
    );
    await completeCheck(octokit, repo, checkId, decision.conclusion, output, reviewUrl);
  } catch (e) {
    // Our own errors carry a code and say whether re-running helps; anything else (a GitHub API
    // error, a worker crash) may well pass on a second try.
    const coded = typeof (e as { code?: unknown }).code === "string";
    const raw = (e as Error).message;
    const message = coded || /re-run/i.test(raw) ? raw : `${raw}; re-run`;
    log.error({ err: e }, "mcp-guard analysis failed");
    const output = renderCheck(
      { conclusion: "failure", kind: "failed", risk: "none", approvedBy: [], notes: [], problems: [message] },
      state,
      { whoMayApprove: "", configured: false },
    );
    await completeCheck(octokit, repo, checkId, "failure", output);
  }
}

/** One review per PR, found by its marker and updated in place; none while nothing is guarded. */
async function upsertReview(
  octokit: Octokit,
  repo: Repo,
  pr: PullRef,
  reviews: Review[],
): Promise<string | undefined> {
  const existing = (await listReviews(octokit, repo, pr.number)).find((r) => r.body.includes(REVIEW_MARKER));
  if (reviews.length === 0 && !existing) return undefined;
  const body = renderPullReview(reviews);
  if (existing) {
    if (existing.body === body) return existing.url;
    return updateReview(octokit, repo, pr.number, existing.id, body);
  }
  return createReview(octokit, repo, pr.number, pr.headSha, body);
}

/** A review was submitted, edited or dismissed: re-decide from the stored analysis, write only if it changed. */
export async function handleReview({
  octokit,
  repo,
  defaultBranch,
  pr: hint,
  deps,
}: PullRequestArgs): Promise<void> {
  // The payload is a trigger: the head and the author are read from the API now.
  const current = await getPull(octokit, repo, hint.number);
  if (!current.open) return;
  const pr: PullRef = current;
  const check = await findCheck(octokit, repo, pr.headSha, CHECK_NAME);
  const state = readCheckState(check?.text);
  if (check?.status !== "completed" || !state || state.headSha !== pr.headSha) return; // the PR handler decides
  const { config, problems } = await loadConfig(octokit, repo, defaultBranch);
  // Only reviews on other commits need those commits' change sets: read them lazily.
  const changesAt = async (sha: string) => {
    const touched = (await listPullFiles(octokit, repo, pr.number)).filter(isDependencyFile);
    const dirs = new Set(touched.map((p) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "")));
    const base = await dependencyFiles(octokit, repo, pr.baseSha, dirs);
    return guardedOf(
      deps,
      findChanges(base, await dependencyFiles(octokit, repo, sha, dirs)),
      config,
      new Map(),
    );
  };
  const decision = await decideGate(octokit, repo, pr, config, problems, state, changesAt);
  const output = renderCheck(decision, state, {
    whoMayApprove: whoMayApprove(config),
    configured: config.fromFile,
  });
  if (
    check.conclusion === decision.conclusion &&
    check.title === output.title &&
    check.summary === output.summary
  )
    return;
  await completeCheck(octokit, repo, check.id, decision.conclusion, output);
}
