/**
 * The structured package diff: per-file status, hunks with original line numbers,
 * renamed bundler chunks paired by content, minified lines split before diffing.
 */
import { diffArrays } from "diff";
import type { Limits } from "../common/limits.js";
import { isLoadablePath } from "./files.js";
import type { FileChange, Hunk, HunkLine, PackageDiff, PackageFile, PackageSnapshot } from "./types.js";

/** Lines as shown and diffed, each mapped back to its line in the original file. */
export interface DisplayLines {
  texts: string[];
  lines: number[];
}

const CONTEXT = 3;
const RENAME_MIN_SIMILARITY = 0.5;
/** Above this many removed×added candidates, only exact-content renames are paired. */
const RENAME_MAX_PAIRS = 250_000;

/**
 * Offsets just after statement ends (`;`, `{`, `}`) in one long line, skipping strings,
 * template text, comments and regular expressions. A scanner, not a parser: it only has to
 * cut both versions of a bundle the same way so that hunks become readable statements.
 */
export function statementCuts(src: string): number[] {
  const cuts: number[] = [];
  let quote = "";
  let prevSignificant = "";
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") {
      quote = ch;
    } else if (ch === "/" && src[i + 1] === "/") {
      break; // line comment: the rest of the line
    } else if (ch === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) break;
      i = end + 1;
      continue;
    } else if (ch === "/" && (prevSignificant === "" || "(,=:[!&|?{};+-*%<>~^".includes(prevSignificant))) {
      // A regular expression literal: skip to its closing slash (classes may hold slashes).
      let inClass = false;
      for (i++; i < src.length; i++) {
        const c = src[i]!;
        if (c === "\\") i++;
        else if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) break;
      }
    } else if (ch === ";" || ch === "{" || ch === "}") {
      cuts.push(i + 1);
    }
    if (ch !== " " && ch !== "\t") prevSignificant = ch;
  }
  return cuts;
}

/** Splits lines longer than `limit` at statement boundaries: a bundle's one-line file becomes readable lines. */
export function toDisplayLines(text: string, limit: number): DisplayLines {
  const texts: string[] = [];
  const lines: number[] = [];
  const raw = text.split("\n");
  for (let i = 0; i < raw.length; i++) {
    const src = raw[i]!;
    if (src.length <= limit) {
      texts.push(src);
      lines.push(i + 1);
      continue;
    }
    let from = 0;
    for (const at of statementCuts(src)) {
      if (at - from < 16) continue; // keep tiny fragments with their neighbour
      texts.push(src.slice(from, at));
      lines.push(i + 1);
      from = at;
    }
    if (from < src.length || from === 0) {
      texts.push(src.slice(from));
      lines.push(i + 1);
    }
  }
  return { texts, lines };
}

/** Dice similarity of two line multisets, as sets (fast, good enough to pair renamed chunks). */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

function extOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.indexOf(".");
  return dot >= 0 ? base.slice(dot) : "";
}

interface Pairing {
  renames: { from: PackageFile; to: PackageFile; similarity: number }[];
  removed: PackageFile[];
  added: PackageFile[];
}

function pairRenames(
  removed: PackageFile[],
  added: PackageFile[],
  display: (f: PackageFile) => DisplayLines,
): Pairing {
  const renames: Pairing["renames"] = [];
  const leftA = new Set(removed);
  const leftB = new Set(added);
  // 1. identical content, whatever the name
  const byHash = new Map<string, PackageFile[]>();
  for (const f of removed) byHash.set(f.sha256, [...(byHash.get(f.sha256) ?? []), f]);
  for (const f of added) {
    const candidates = byHash.get(f.sha256);
    const from = candidates?.shift();
    if (from) {
      renames.push({ from, to: f, similarity: 1 });
      leftA.delete(from);
      leftB.delete(f);
    }
  }
  // 2. similar text content with the same extension (chunk-QW4I.js → chunk-4PNJ.js)
  const texts = (xs: Set<PackageFile>) => [...xs].filter((f) => f.kind === "text");
  const candA = texts(leftA);
  const candB = texts(leftB);
  if (candA.length * candB.length > 0 && candA.length * candB.length <= RENAME_MAX_PAIRS) {
    const sets = new Map<PackageFile, Set<string>>();
    const setOf = (f: PackageFile) => {
      let s = sets.get(f);
      if (!s) {
        s = new Set(
          display(f)
            .texts.map((t) => t.trim())
            .filter((t) => t.length > 0),
        );
        sets.set(f, s);
      }
      return s;
    };
    const scored: { a: PackageFile; b: PackageFile; s: number }[] = [];
    for (const a of candA) {
      for (const b of candB) {
        if (extOf(a.path) !== extOf(b.path)) continue;
        const ratio = Math.min(a.size, b.size) / Math.max(a.size, b.size, 1);
        if (ratio < RENAME_MIN_SIMILARITY) continue;
        const s = similarity(setOf(a), setOf(b));
        if (s >= RENAME_MIN_SIMILARITY) scored.push({ a, b, s });
      }
    }
    scored.sort((x, y) => y.s - x.s || x.a.path.localeCompare(y.a.path) || x.b.path.localeCompare(y.b.path));
    for (const { a, b, s } of scored) {
      if (!leftA.has(a) || !leftB.has(b)) continue;
      renames.push({ from: a, to: b, similarity: s });
      leftA.delete(a);
      leftB.delete(b);
    }
  }
  return { renames, removed: [...leftA], added: [...leftB] };
}

/**
 * Patience anchors: lines that occur exactly once in each side, kept in order (longest
 * increasing subsequence). Between anchors the gaps are small, so jsdiff stays fast on
 * multi-megabyte bundles where a plain Myers diff runs out of time.
 */
function anchors(a: number[], b: number[]): [number, number][] {
  const countA = new Map<number, number>();
  const countB = new Map<number, number>();
  const posB = new Map<number, number>();
  for (const x of a) countA.set(x, (countA.get(x) ?? 0) + 1);
  b.forEach((x, j) => {
    countB.set(x, (countB.get(x) ?? 0) + 1);
    posB.set(x, j);
  });
  const pairs: [number, number][] = [];
  a.forEach((x, i) => {
    if (countA.get(x) === 1 && countB.get(x) === 1) pairs.push([i, posB.get(x)!]);
  });
  // Longest increasing subsequence on the b positions (patience sorting).
  const tails: number[] = [];
  const prev: number[] = new Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const v = pairs[k]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) out.push(pairs[k]!);
  return out.reverse();
}

type Op = HunkLine["op"];

/** Ops for one gap between anchors: jsdiff within bounds, else the whole gap as removed + added. */
function gapOps(a: number[], b: number[], limits: Limits, out: Op[]): boolean {
  if (a.length === 0 || b.length === 0) {
    for (let i = 0; i < a.length; i++) out.push("-");
    for (let i = 0; i < b.length; i++) out.push("+");
    return true;
  }
  const changes = diffArrays(a, b, {
    timeout: limits.diffTimeoutMs,
    maxEditLength: limits.diffMaxEditLength,
  });
  if (!changes) {
    for (let i = 0; i < a.length; i++) out.push("-");
    for (let i = 0; i < b.length; i++) out.push("+");
    return false;
  }
  for (const c of changes) for (let i = 0; i < c.count; i++) out.push(c.added ? "+" : c.removed ? "-" : " ");
  return true;
}

/** Gaps are aligned by their own unique lines this many levels deep before jsdiff takes over. */
const PATIENCE_DEPTH = 4;
/** Gaps smaller than this (lines on both sides) go straight to jsdiff. */
const SMALL_GAP = 200;

/**
 * Patience diff: lines unique on both sides anchor the alignment, and each gap between anchors is
 * aligned the same way by the lines unique within it (a rebuilt bundle repeats many lines file-wide
 * that are unique in one function), then by jsdiff when none is left. Returns the number of gaps
 * jsdiff gave up on (shown whole).
 */
function align(a: number[], b: number[], limits: Limits, out: Op[], depth: number): number {
  const found = depth < PATIENCE_DEPTH && a.length + b.length >= SMALL_GAP ? anchors(a, b) : [];
  if (depth > 0 && !found.length) return gapOps(a, b, limits, out) ? 0 : 1;
  let bounded = 0;
  let pa = 0;
  let pb = 0;
  for (const [x, y] of [...found, [a.length, b.length] as [number, number]]) {
    // Common lines right after the previous anchor and right before this one need no diff.
    let head = 0;
    while (pa + head < x && pb + head < y && a[pa + head] === b[pb + head]) head++;
    let tail = 0;
    while (x - tail - 1 >= pa + head && y - tail - 1 >= pb + head && a[x - tail - 1] === b[y - tail - 1])
      tail++;
    for (let i = 0; i < head; i++) out.push(" ");
    const ga = a.slice(pa + head, x - tail);
    const gb = b.slice(pb + head, y - tail);
    if (ga.length && gb.length) bounded += align(ga, gb, limits, out, depth + 1);
    else if (!gapOps(ga, gb, limits, out)) bounded++;
    for (let i = 0; i < tail; i++) out.push(" ");
    if (x < a.length) out.push(" ");
    pa = x + 1;
    pb = y + 1;
  }
  return bounded;
}

/**
 * Line diff of two display-line lists → hunks with 3 lines of context. `bounded` counts the
 * gaps where jsdiff gave up; those are shown whole (over-inclusive, never silent).
 */
export function diffLinesBounded(
  a: DisplayLines,
  b: DisplayLines,
  limits: Limits,
): { hunks: Hunk[]; bounded: number } {
  const ids = new Map<string, number>();
  const idOf = (t: string) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = ids.size;
      ids.set(t, id);
    }
    return id;
  };
  const ia = a.texts.map(idOf);
  const ib = b.texts.map(idOf);
  const kinds: Op[] = [];
  const bounded = align(ia, ib, limits, kinds, 0);

  const ops: HunkLine[] = [];
  let i = 0;
  let j = 0;
  for (const op of kinds) {
    if (op === "+") ops.push({ op, text: b.texts[j]!, newLine: b.lines[j++] });
    else if (op === "-") ops.push({ op, text: a.texts[i]!, oldLine: a.lines[i++] });
    else ops.push({ op, text: b.texts[j]!, oldLine: a.lines[i++], newLine: b.lines[j++] });
  }

  const hunks: Hunk[] = [];
  let current: HunkLine[] | null = null;
  let lastChange = -Infinity;
  for (let k = 0; k < ops.length; k++) {
    if (ops[k]!.op === " ") continue;
    if (current && k - lastChange <= 2 * CONTEXT) {
      for (let m = lastChange + 1; m <= k; m++) current.push(ops[m]!);
    } else {
      if (current) current.push(...ops.slice(lastChange + 1, Math.min(ops.length, lastChange + 1 + CONTEXT)));
      current = ops.slice(Math.max(0, k - CONTEXT), k + 1);
      hunks.push({ lines: current });
    }
    lastChange = k;
  }
  if (current) current.push(...ops.slice(lastChange + 1, Math.min(ops.length, lastChange + 1 + CONTEXT)));
  return { hunks, bounded };
}

function countOps(hunks: Hunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const h of hunks)
    for (const l of h.lines) {
      if (l.op === "+") added++;
      else if (l.op === "-") removed++;
    }
  return { added, removed };
}

function emptyText(): DisplayLines {
  return { texts: [], lines: [] };
}

/**
 * The state of one package diff: display lines parsed once per file, and the package-wide budget of
 * changed text. Changed text is what costs time and memory (about 30 bytes of memory per byte of
 * minified code). Past the budget, files are listed unread and the review is incomplete: a change
 * this large is for a person, and failing fast beats a worker running out of memory or time.
 */
class PackageDiffer {
  readonly files: FileChange[] = [];
  readonly notes: PackageDiff["notes"] = [];
  private readonly cache = new Map<PackageFile, DisplayLines>();
  private textBudget: number;

  constructor(private readonly limits: Limits) {
    this.textBudget = limits.maxChangedTextBytes;
  }

  display = (f: PackageFile): DisplayLines => {
    let d = this.cache.get(f);
    if (!d) {
      d = f.kind === "text" ? toDisplayLines(f.text!, this.limits.splitLineChars) : emptyText();
      this.cache.set(f, d);
    }
    return d;
  };

  /** Takes `bytes` from the budget, or lists the file unread (blocking) when the budget is spent. */
  private overBudget(
    path: string,
    bytes: number,
    change: Pick<FileChange, "path" | "oldPath" | "old" | "new">,
  ): boolean {
    if (bytes <= this.textBudget) {
      this.textBudget -= bytes;
      return false;
    }
    const reason = `not diffed: the changed text of this package exceeds the ${this.limits.maxChangedTextBytes}-byte review limit; review it by hand`;
    this.files.push({
      ...change,
      status: "too-large",
      hunks: [],
      added: 0,
      removed: 0,
      unreviewable: reason,
      skipped: true,
    });
    this.notes.push({ file: path, reason, blocking: true });
    return true;
  }

  /** A file present on both sides (or a rename pair): unchanged, binary, too large, or line-diffed. */
  compare(path: string, oldF: PackageFile, newF: PackageFile, oldPath?: string, sim?: number): void {
    const renamed = oldPath !== undefined;
    const both = { path, oldPath, old: oldF, new: newF, hunks: [], added: 0, removed: 0 };
    if (oldF.sha256 === newF.sha256) {
      if (renamed) this.files.push({ ...both, status: "renamed", similarity: 1 });
      return;
    }
    if (oldF.kind !== "text" || newF.kind !== "text") {
      const status = oldF.kind === "binary" || newF.kind === "binary" ? "binary" : "too-large";
      const change: FileChange = { ...both, status };
      if (status === "too-large") {
        change.unreviewable = `file over the ${this.limits.maxTextFileBytes}-byte text limit changed (sha256 ${newF.sha256.slice(0, 16)}…)`;
        // Code nobody read is not reviewed code: the analysis is incomplete.
        this.notes.push({ file: path, reason: change.unreviewable, blocking: isLoadablePath(path) });
      }
      this.files.push(change);
      return;
    }
    if (this.overBudget(path, oldF.size + newF.size, { path, oldPath, old: oldF, new: newF })) return;
    const { hunks, bounded } = diffLinesBounded(this.display(oldF), this.display(newF), this.limits);
    const change: FileChange = {
      ...both,
      status: renamed ? "renamed" : "modified",
      similarity: sim,
      hunks,
      ...countOps(hunks),
    };
    if (bounded > 0) {
      change.unreviewable = `line diff exceeded its bounds (${this.limits.diffTimeoutMs} ms or ${this.limits.diffMaxEditLength} edits) in ${bounded} region(s); those regions are shown whole as removed and added`;
      this.notes.push({ file: path, reason: change.unreviewable, blocking: false });
    }
    this.files.push(change);
  }

  /** A file only in B: every line added. */
  added(f: PackageFile): void {
    if (f.kind === "text" && this.overBudget(f.path, f.size, { path: f.path, new: f })) return;
    const d = this.display(f);
    const lines: HunkLine[] = d.texts.map((text, i) => ({ op: "+", text, newLine: d.lines[i] }));
    this.files.push({
      path: f.path,
      status: "added",
      new: f,
      hunks: lines.length ? [{ lines }] : [],
      added: lines.length,
      removed: 0,
    });
    if (f.kind === "too-large") {
      this.notes.push({
        file: f.path,
        reason: `new file over the ${this.limits.maxTextFileBytes}-byte text limit (sha256 ${f.sha256.slice(0, 16)}…)`,
        blocking: isLoadablePath(f.path),
      });
    }
  }

  /** A file only in A: every line removed. */
  removed(f: PackageFile): void {
    if (f.kind === "text" && this.overBudget(f.path, f.size, { path: f.path, old: f })) return;
    const d = this.display(f);
    const lines: HunkLine[] = d.texts.map((text, i) => ({ op: "-", text, oldLine: d.lines[i] }));
    this.files.push({
      path: f.path,
      status: "removed",
      old: f,
      hunks: lines.length ? [{ lines }] : [],
      added: 0,
      removed: lines.length,
    });
  }
}

/** Diffs two package snapshots file by file. Pure: limits are an argument. */
export function diffPackages(a: PackageSnapshot, b: PackageSnapshot, limits: Limits): PackageDiff {
  const differ = new PackageDiffer(limits);
  // 1. Same path on both sides.
  const onlyA: PackageFile[] = [];
  for (const [path, f] of a.files) {
    const g = b.files.get(path);
    if (g) differ.compare(path, f, g);
    else onlyA.push(f);
  }
  // 2. Renames paired by content similarity (hashed bundle chunks), then what is left is added or removed.
  const onlyB = [...b.files.values()].filter((f) => !a.files.has(f.path));
  const pairing = pairRenames(onlyA, onlyB, differ.display);
  for (const r of pairing.renames) differ.compare(r.to.path, r.from, r.to, r.from.path, r.similarity);
  for (const f of pairing.added) differ.added(f);
  for (const f of pairing.removed) differ.removed(f);
  const files = differ.files.sort((x, y) => x.path.localeCompare(y.path));
  return { files, notes: differ.notes };
}
