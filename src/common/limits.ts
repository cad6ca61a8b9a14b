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
  /** Heap budget (V8 old generation) of the worker thread one app analysis runs in. */
  workerMemoryMb: number;
  /** Guarded package changes one pull request may hold; more fail the check ("split the PR"). */
  maxPackagesPerPr: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxTarballBytes: 50 * 1000 * 1000,
  maxUnpackedBytes: 256 * 1024 * 1024,
  maxEntries: 20_000,
  maxPathDepth: 64,
  maxTextFileBytes: 16 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  requestRetries: 2,
  requestRetryBaseMs: 1_000,
  analysisTimeoutMs: 90_000,
  maxChangedTextBytes: 48 * 1024 * 1024,
  diffTimeoutMs: 5_000,
  diffMaxEditLength: 50_000,
  splitLineChars: 400,
  workerMemoryMb: 1024,
  maxPackagesPerPr: 25,
};

export function withLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
