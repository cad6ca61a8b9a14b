/** Caps of DESIGN §4. Defaults here; every caller may pass lower ones (tests do). */
export interface Limits {
  /** Compressed tarball bytes. */
  maxTarballBytes: number;
  /** Sum of unpacked bytes. */
  maxUnpackedBytes: number;
  maxEntries: number;
  maxPathDepth: number;
  /** One file read as text; larger files keep only size and hash. */
  maxTextFileBytes: number;
  /** Registry request timeout, and retries of transient failures (5xx, 429, resets, timeouts). */
  requestTimeoutMs: number;
  requestRetries: number;
  /** Wait before the first retry; each next wait is 4× longer, at most 10 s. */
  requestRetryBaseMs: number;
  /** Whole analysis of one package change (fetch both + review). */
  analysisTimeoutMs: number;
  /** Old + new bytes of changed text files diffed per package; past it, files are listed unread. */
  maxChangedTextBytes: number;
  /** jsdiff bounds for one file. */
  diffTimeoutMs: number;
  diffMaxEditLength: number;
  /** Lines longer than this are split at statement boundaries before diffing. */
  splitLineChars: number;
  /** Heap budget (V8 old generation) of the worker process one app analysis runs in. */
  workerMemoryMb: number;
  /** Guarded package changes one pull request may hold; more fail the check ("split the PR"). */
  maxPackagesPerPr: number;
  /** Packages a bump adds or changes in the install that are reviewed with it; past it, incomplete. */
  maxDependencyChanges: number;
  /** Unpacked bytes of those packages (registry's `dist.unpackedSize`); past it, incomplete. */
  maxDependencyBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  // Far above a real MCP server (the largest bundle reviewed so far is 7.9 MB unpacked); bounds the download.
  maxTarballBytes: 50 * 1000 * 1000,
  // A gzip bomb stops here: 256 MiB of text is already beyond what a person or the parser can review.
  maxUnpackedBytes: 256 * 1024 * 1024,
  // Bounds the per-entry work; measured at 301 MB RSS for 25,000 entries (docs/BENCHMARKS.md).
  maxEntries: 20_000,
  // Deep paths are there to slow down path handling, not to hold code.
  maxPathDepth: 64,
  // The largest real bundle seen is 7.9 MB; a code file past this is not read and the analysis is incomplete.
  maxTextFileBytes: 16 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  requestRetries: 2,
  // Waits of 1 s then 4 s: a registry hiccup passes, an outage fails within the analysis budget.
  requestRetryBaseMs: 1_000,
  // The slowest real bump measured takes 8.2 s (docs/BENCHMARKS.md); 90 s leaves room for a slow registry.
  analysisTimeoutMs: 90_000,
  // About 30 bytes of memory per byte of changed minified code: 48 MiB fits the worker's 1 GiB heap.
  maxChangedTextBytes: 48 * 1024 * 1024,
  // jsdiff's bounds per file: past them a region is shown whole as removed and added.
  diffTimeoutMs: 5_000,
  diffMaxEditLength: 50_000,
  // Minified lines are split at statement boundaries so a change shows as the statement that changed.
  splitLineChars: 400,
  // A 15 MiB rewritten bundle peaks at 976 MB RSS with the process baseline (docs/BENCHMARKS.md).
  workerMemoryMb: 1024,
  // One review a person can read; Dependabot groups larger than this are better split.
  maxPackagesPerPr: 25,
  // A bump that adds a web framework brings ~30 packages; 60 reviews fit the analysis budget.
  maxDependencyChanges: 60,
  // Four of the largest MCP bundles seen: past it the bump is too large to review as one change.
  maxDependencyBytes: 64 * 1024 * 1024,
};

export function withLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** Sizes of the app's runtime that are not per-analysis caps. */
export const RUNTIME_LIMITS = {
  // Compact dependency reviews kept for reuse across changes (findings only, a few KB each).
  dependencyReviews: 2_000,
  // Analyses at a time per process: each may use a 1 GiB worker heap on a 2-core machine.
  queueConcurrency: 2,
  // Folders with dependency files read per commit; at most three commits are read per pull request
  // (the merge base, the base tip and the head).
  maxDependencyFolders: 40,
  // Workspace members whose package.json is read at the head (the install model checks every one).
  maxWorkspaceMembers: 200,
  // Jobs waiting at most: at ~5 s an analysis, 500 is most of an hour of backlog; past it, fail loudly.
  maxWaiting: 500,
  // Published versions do not change: manifests read for detection are remembered, this many.
  manifestMemo: 500,
  // Registry manifests read at once for detection: a Dependabot group of 30 packages in 4 rounds.
  detectionLanes: 8,
} as const;

/**
 * Budgets of the texts people read. GitHub caps a review body at 65,536 characters and a check run's
 * title and summary at 255 and 65,535; we stay below with room for the marker and the footer.
 */
export const TEXT_BUDGET = {
  /** One PR review body (GitHub: 65,536). */
  reviewChars: 60_000,
  /** Characters of the review kept for the heading and marker when several packages share it. */
  reviewHeadingChars: 200,
  /** Share of a package's review the findings table may take: the verdict comes before any diff. */
  findingsShare: 0.6,
  /** Share for the tool-surface section; its changed-description rows may use half of it. */
  surfaceShare: 0.2,
  /** Room kept for the table's heading and the "n more findings" line. */
  findingsReserveChars: 500,
  /** Room kept after the last file section for the "n files not shown" footer. */
  footerChars: 400,
  /** Lines of context per file section, tried in turn until the section fits. */
  contextSteps: [200, 60, 15] as readonly number[],
  /** One diff line shown; longer lines are cut (bundles keep the statement that matters in the window). */
  lineChars: 300,
  /** Check run title (GitHub: 255) and summary (GitHub: 65,535). */
  checkTitleChars: 240,
  checkSummaryChars: 60_000,
  /** Package rows and findings listed in the check; the review has the rest. */
  checkRows: 50,
  checkFindings: 10,
} as const;
