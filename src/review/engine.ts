/**
 * The review engine: two package snapshots in, one PackageReview out. Pure: no network, no fs,
 * no clock; limits and rule configuration are arguments. The CLI and the app both call it.
 */

import type { Limits } from "../common/limits.js";
import { diffPackages } from "./diff.js";
import { factsCache, loadedDataFiles } from "./facts/cache.js";
import type { RegistryEvidence } from "./intel/types.js";
import { JS_FILE, MAX_LINKED_BYTES } from "./js/modules.js";
import { isJsPath, SharedTrees } from "./js/parse.js";
import { extractSurface } from "./mcp/extract.js";
import type { McpSurface, SurfaceDiff } from "./mcp/surface.js";
import { diffSurfaces } from "./mcp/surface-diff.js";
import { toolPackages } from "./mcp/tool-packages.js";
import type { ChangedFile, Rule, RuleContext } from "./rule.js";
import { score } from "./score.js";
import {
  type FileCounts,
  type Finding,
  type PackageDiff,
  type PackageReview,
  type PackageSnapshot,
  riskRank,
  type Severity,
  type UnreviewableNote,
} from "./types.js";

export interface RuleSetting {
  off?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface EngineOptions {
  limits: Limits;
  /** The rules to run (src/rules/index.ts has the registry); passed in so the engine never imports them. */
  rules: readonly Rule[];
  /** Per-rule settings from config: off, severity, options. */
  settings?: Record<string, RuleSetting>;
  /**
   * Called when a large syntax tree is no longer needed, so the process can collect it before the next
   * one is built (src/runtime/reclaim.ts). The engine stays pure: it only says when.
   */
  reclaim?: () => void;
  /** What the registry and malware intelligence say of the change (gathered by the shell). */
  evidence?: RegistryEvidence;
}

/** Files from this size on are large enough that their dead tree is worth collecting at once. */
const LARGE_FILE_BYTES = 1024 * 1024;

function counts(review: Pick<PackageReview, "diff">): FileCounts {
  const c: FileCounts = { added: 0, removed: 0, modified: 0, renamed: 0, binary: 0 };
  for (const f of review.diff.files) {
    if (f.status === "added") c.added++;
    else if (f.status === "removed") c.removed++;
    else if (f.status === "renamed") c.renamed++;
    else if (f.status === "binary") c.binary++;
    else c.modified++;
  }
  return c;
}

const bySeverityThenPlace = (x: Finding, y: Finding) =>
  riskRank(y.severity) - riskRank(x.severity) ||
  x.file.localeCompare(y.file) ||
  (x.line ?? 0) - (y.line ?? 0) ||
  x.rule.localeCompare(y.rule);

export function reviewPackage(a: PackageSnapshot, b: PackageSnapshot, options: EngineOptions): PackageReview {
  // 1. Diff the two versions file by file (minified lines split at statement boundaries).
  const diff = diffPackages(a, b, options.limits);
  const changed = changedFiles(diff);
  if (changed.some((c) => c.file.size >= LARGE_FILE_BYTES)) options.reclaim?.();
  // 2. The MCP surface of B's changed files (unchanged files declare the same tools). The trees it
  // parses stay on a shelf for the facts walk below, so no file of B is parsed twice.
  const trees = new SharedTrees(changed.map((c) => c.file));
  const { a: onlyA, b: onlyB } = surfaceScopes(a, b, diff, changed);
  const surfaceB = extractSurface(b, onlyB, trees);
  trees.stopShelving();
  // Code facts, parsed once per file; data files the code names are read for keys too.
  const facts = factsCache(loadedDataFiles(b, changed), [b, a], trees);

  for (const c of changed) {
    facts(c.file);
    if (c.file.size >= LARGE_FILE_BYTES) options.reclaim?.();
  }

  // 3. Record what could not be analysed: odd tarball entries, code that does not parse or decode cleanly.
  const notes = unreviewableNotes(a, b, diff, changed, facts);
  notes.push(...evidenceNotes(options.evidence));
  const fullDiff = { files: diff.files, notes };
  const surfaceA = extractSurface(a, onlyA);
  const surface = { a: surfaceA, b: surfaceB, diff: diffSurfaces(surfaceA, surfaceB) };

  // 4. Run every enabled rule; each reports only what B introduces.
  const evidence = options.evidence ?? {};
  const findings = runRules(options, { a, b, diff: fullDiff, changed, facts, surface, evidence });
  const reaches = toolPackages(surface.b, b, facts);
  attachToTools(findings, surface.b);
  findings.sort(bySeverityThenPlace);

  // 5. Score, and say whether the analysis is complete.
  const assessment = score(findings);
  const incomplete = notes.filter((n) => n.blocking).map((n) => `${n.file}: ${n.reason}`);
  return {
    package: { name: b.name, from: a.version, to: b.version },
    risk: assessment.risk,
    raisedBy: assessment.raisedBy,
    complete: incomplete.length === 0,
    incomplete,
    findings,
    files: counts({ diff }),
    tools: toolChanges(surface.diff),
    diff: fullDiff,
    surface: surface.diff,
    ...(options.evidence ? { evidence: options.evidence } : {}),
    ...(Object.keys(reaches).length ? { toolPackages: reaches } : {}),
  };
}

/** Changed text files of B that rules read: not removed, not skipped, not an identical rename. */
function changedFiles(diff: PackageDiff): ChangedFile[] {
  return diff.files
    .filter(
      (c) =>
        c.new?.kind === "text" &&
        !c.skipped &&
        c.status !== "removed" &&
        !(c.status === "renamed" && c.similarity === 1),
    )
    .map((c) => ({ change: c, file: c.new!, old: c.old }));
}

/** The diff's notes, odd tarball entries of both versions, and changed code that is lossy or does not parse. */
function unreviewableNotes(
  a: PackageSnapshot,
  b: PackageSnapshot,
  diff: PackageDiff,
  changed: readonly ChangedFile[],
  facts: RuleContext["facts"],
): UnreviewableNote[] {
  const notes: UnreviewableNote[] = [...diff.notes];
  for (const x of b.anomalies) notes.push({ file: x.path, reason: `${x.kind}: ${x.detail}`, blocking: true });
  for (const x of a.anomalies)
    notes.push({ file: x.path, reason: `old version: ${x.kind}: ${x.detail}`, blocking: false });
  for (const c of changed) {
    if (c.file.lossy) {
      notes.push({
        file: c.file.path,
        reason: "holds invalid UTF-8 or NUL bytes; reviewed as Node reads it (invalid bytes as U+FFFD)",
        blocking: false,
      });
    }
    const f = facts(c.file);
    if (f && isJsPath(c.file.path) && !f.parsed) {
      notes.push({
        file: c.file.path,
        reason: `does not parse as JavaScript (${f.parseError}); checked by text patterns only`,
        blocking: true,
      });
    }
  }
  return notes;
}

/** Which files' MCP surface a review reads: the changed files of A and of B. */
function surfaceScopes(
  a: PackageSnapshot,
  b: PackageSnapshot,
  diff: PackageDiff,
  changed: readonly ChangedFile[],
): { a: (path: string) => boolean; b: (path: string) => boolean } {
  const changedA = new Set(diff.files.filter((c) => c.old && c.status !== "renamed").map((c) => c.old!.path));
  for (const c of diff.files)
    if (c.old && c.status === "renamed" && c.similarity !== 1) changedA.add(c.old.path);
  const changedB = new Set(changed.map((c) => c.file.path));
  // A tool table kept in JSON (`const tools = require("./tools.json")`): the code that names a changed
  // JSON file declares what it holds, so that code is read on both sides.
  const names = diff.files
    .map((c) => (c.new ?? c.old)!.path)
    .filter((p) => /\.json$/i.test(p) && !/(?:^|\/)package(?:-lock)?\.json$/.test(p))
    .map((p) => p.slice(p.lastIndexOf("/") + 1));
  if (names.length) {
    // One scan of each file for all the names (a release may change hundreds of locale files).
    const named = new RegExp(
      [...new Set(names)].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    );
    for (const [snap, set] of [
      [a, changedA],
      [b, changedB],
    ] as const)
      for (const f of snap.files.values())
        if (f.kind === "text" && JS_FILE.test(f.path) && f.size <= MAX_LINKED_BYTES && named.test(f.text!))
          set.add(f.path);
  }
  return { a: (p) => changedA.has(p), b: (p) => changedB.has(p) };
}

/** Every enabled rule's findings, with the configured severity; rules share one memo per review. */
function runRules(options: EngineOptions, base: Omit<RuleContext, "options" | "memo">): Finding[] {
  const memo = new Map<string, unknown>();
  const findings: Finding[] = [];
  for (const rule of options.rules) {
    const setting = options.settings?.[rule.id] ?? {};
    if (setting.off) continue;
    const ctx: RuleContext = {
      ...base,
      options: setting.options ?? {},
      memo: <T>(key: string, compute: () => T): T => {
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key) as T;
      },
    };
    for (const f of rule.detect(ctx)) {
      findings.push({ rule: rule.id, ...f, severity: setting.severity ?? f.severity });
    }
  }
  return findings;
}

/**
 * An intelligence source that could not be asked is said, never read as "no record": with
 * `advisories: required` it makes the analysis incomplete; best-effort shows it without blocking.
 */
function evidenceNotes(evidence: RegistryEvidence | undefined): UnreviewableNote[] {
  const notes: UnreviewableNote[] = [];
  const advisories = evidence?.advisories;
  if (advisories?.problem) {
    const reason = advisories.required
      ? `malware intelligence could not be checked (${advisories.problem}); with advisories: required an unanswered lookup is not a clean one (set advisories: best-effort to decide without it)`
      : `malware intelligence could not be checked (${advisories.problem}); advisories: best-effort, so this does not block`;
    notes.push({ file: "(advisories)", reason, blocking: advisories.required });
  }
  // A local tarball's or folder's registry history only describes it: its absence is shown in the
  // Publishing section, not as a finding. Bytes from the registry without their packument are unknown.
  const publishing = evidence?.publishing;
  if (publishing?.problem && publishing.required) {
    notes.push({
      file: "(publishing)",
      reason: `publishing evidence could not be read (${publishing.problem}): trust and publisher were not compared`,
      blocking: true,
    });
  }
  return notes;
}

/** A finding inside a tool's handler belongs to that tool. */
function attachToTools(findings: Finding[], surface: McpSurface) {
  for (const f of findings) {
    if (f.tool || f.line === null) continue;
    const t = surface.tools.find(
      (x) => x.handler && x.handler.file === f.file && f.line! >= x.handler.from && f.line! <= x.handler.to,
    );
    if (t) f.tool = t.name;
  }
}

function toolChanges(d: SurfaceDiff): PackageReview["tools"] {
  return {
    added: d.added.map((t) => ({ name: t.name, description: t.description })),
    removed: d.removed.map((t) => ({ name: t.name })),
    changed: [
      ...d.renamed.map((r) => ({
        name: r.after.name,
        renamedFrom: r.before.name,
        changes: [`renamed from ${r.before.name}`],
      })),
      ...d.changed.map((c) => ({ name: c.after.name, changes: c.changes })),
    ],
  };
}
