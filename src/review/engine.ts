/**
 * The review engine: two package snapshots in, one PackageReview out. Pure: no network, no fs,
 * no clock; limits and rule configuration are arguments. The CLI and the app both call it.
 */

import type { Limits } from "../common/limits.js";
import {
  analyzeModule,
  type CodeFacts,
  dataFacts,
  isDataPath,
  type ModuleValues,
  textFacts,
} from "./code-facts.js";
import { diffPackages } from "./diff.js";
import { DYNAMIC, fromJson, type StaticValue } from "./eval/value.js";
import { joinRelative } from "./js/modules.js";
import { isCodePath, isJsPath } from "./js/parse.js";
import { extractSurface } from "./mcp/extract.js";
import type { McpSurface, SurfaceDiff } from "./mcp/surface.js";
import { diffSurfaces } from "./mcp/surface-diff.js";
import type { ChangedFile, Rule, RuleContext } from "./rule.js";
import { score } from "./score.js";
import {
  type FileCounts,
  type Finding,
  type PackageFile,
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
}

/** Files a relative import may name: as written, then with Node's extensions and index files. */
const IMPORT_SUFFIXES = ["", ".js", ".mjs", ".cjs", ".json", "/index.js", "/index.mjs", "/index.cjs"];

/** Modules imported through more files than this are not followed (bounded, like the evaluator). */
const MAX_IMPORT_DEPTH = 4;

/**
 * Parses each code file once per review; non-code files get null. A file's relative imports of
 * constants resolve to the exports of the other file of the same snapshot (JSON files included),
 * so a value moved into another file is still the value.
 */
export function factsCache(
  loadedData: ReadonlySet<string> = new Set(),
  snapshots: readonly PackageSnapshot[] = [],
): (file: PackageFile) => CodeFacts | null {
  const cache = new WeakMap<PackageFile, ReturnType<typeof analyzeModule> | null>();
  const exportsCache = new WeakMap<PackageFile, StaticValue>();
  const visiting = new Set<PackageFile>();
  const modulesOf =
    (file: PackageFile): ModuleValues =>
    (spec) => {
      if (!spec.startsWith(".")) return null;
      const snap = snapshots.find((s) => s.files.get(file.path) === file);
      const base = snap && joinRelative(file.path, spec);
      if (!snap || base === null || base === undefined) return null;
      const target = IMPORT_SUFFIXES.map((x) => snap.files.get(base + x)).find((f) => f?.kind === "text");
      if (!target || visiting.has(target) || visiting.size >= MAX_IMPORT_DEPTH) return null;
      if (!exportsCache.has(target)) {
        visiting.add(target);
        try {
          exportsCache.set(target, exportsOf(target));
        } finally {
          visiting.delete(target);
        }
      }
      return { value: exportsCache.get(target)!, path: target.path };
    };
  const exportsOf = (target: PackageFile): StaticValue => {
    if (/\.json$/i.test(target.path)) {
      if (target.size > DATA_FACTS_MAX_BYTES) return DYNAMIC;
      try {
        return fromJson(JSON.parse(target.text!), 0);
      } catch {
        return DYNAMIC;
      }
    }
    return isJsPath(target.path) && target.size <= DATA_FACTS_MAX_BYTES
      ? (analysed(target)?.exports() ?? DYNAMIC)
      : DYNAMIC;
  };
  const analysed = (file: PackageFile) => {
    if (cache.has(file)) return cache.get(file)!;
    let out: ReturnType<typeof analyzeModule> | null = null;
    if (file.kind === "text" && isCodePath(file.path)) {
      out = isJsPath(file.path)
        ? analyzeModule(file.text!, file.path, modulesOf(file))
        : { facts: textFacts(file.text!), exports: () => DYNAMIC };
    } else if (file.kind === "text" && loadedData.has(file.path)) {
      out = { facts: dataFacts(file.text!, file.path), exports: () => DYNAMIC };
    }
    cache.set(file, out);
    return out;
  };
  return (file) => analysed(file)?.facts ?? null;
}

/** Data files above this are not read for keys (a locale table, a schema dump): text rules still see them. */
const DATA_FACTS_MAX_BYTES = 1024 * 1024;

/**
 * Changed data files of B that B's code names (by file name): a value moved from code into
 * `defaults.json` is reviewed like code. Unchanged data is what A had already.
 */
function loadedDataFiles(b: PackageSnapshot, changed: readonly ChangedFile[]): Set<string> {
  const data = changed.filter((c) => isDataPath(c.file.path) && c.file.size <= DATA_FACTS_MAX_BYTES);
  if (!data.length) return new Set();
  const code = [...b.files.values()].filter((f) => f.kind === "text" && isCodePath(f.path));
  const out = new Set<string>();
  for (const c of data) {
    const name = c.file.path.slice(c.file.path.lastIndexOf("/") + 1);
    if (code.some((f) => f.text!.includes(name))) {
      out.add(c.file.path);
      if (c.old) out.add(c.old.path);
    }
  }
  return out;
}

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
  const changed: ChangedFile[] = diff.files
    .filter(
      (c) =>
        c.new?.kind === "text" &&
        !c.skipped &&
        c.status !== "removed" &&
        !(c.status === "renamed" && c.similarity === 1),
    )
    .map((c) => ({ change: c, file: c.new!, old: c.old }));
  // Code facts, parsed once per file; data files the code names are read for keys too.
  const facts = factsCache(loadedDataFiles(b, changed), [b, a]);

  // 2. Record what could not be analysed: odd tarball entries, code that does not parse or decode cleanly.
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
  const fullDiff = { files: diff.files, notes };

  // 3. The MCP surface of the files that changed, on both sides (unchanged files declare the same tools).
  const changedA = new Set(diff.files.filter((c) => c.old && c.status !== "renamed").map((c) => c.old!.path));
  for (const c of diff.files)
    if (c.old && c.status === "renamed" && c.similarity !== 1) changedA.add(c.old.path);
  const changedB = new Set(changed.map((c) => c.file.path));
  const surfaceA = extractSurface(a, (p) => changedA.has(p));
  const surfaceB = extractSurface(b, (p) => changedB.has(p));
  const surface = { a: surfaceA, b: surfaceB, diff: diffSurfaces(surfaceA, surfaceB) };

  // 4. Run every enabled rule; each reports only what B introduces.
  const memo = new Map<string, unknown>();
  const findings: Finding[] = [];
  for (const rule of options.rules) {
    const setting = options.settings?.[rule.id] ?? {};
    if (setting.off) continue;
    const ctx: RuleContext = {
      a,
      b,
      diff: fullDiff,
      changed,
      facts,
      surface,
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
  attachToTools(findings, surfaceB);
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
  };
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
