/**
 * Code facts, parsed once per file version for a whole review: a file's relative imports of constants
 * resolve to the exports of the other file (JSON files included), and the data files the code names
 * are read for keys.
 */
import { DYNAMIC, fromJson, type StaticValue } from "../eval/value.js";
import { joinRelative, MAX_LINKED_BYTES } from "../js/modules.js";
import { isCodePath, isJsPath, SharedTrees } from "../js/parse.js";
import type { PackageFile, PackageSnapshot } from "../types.js";
import { analyzeModule } from "./collect.js";
import { dataFacts, isDataPath, textFacts } from "./text.js";
import type { CodeFacts, ModuleValues } from "./types.js";

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
  trees: SharedTrees = new SharedTrees(),
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
    return isJsPath(target.path) && target.size <= MAX_LINKED_BYTES
      ? (analysed(target)?.exports() ?? DYNAMIC)
      : DYNAMIC;
  };
  const analysed = (file: PackageFile) => {
    if (cache.has(file)) return cache.get(file)!;
    let out: ReturnType<typeof analyzeModule> | null = null;
    if (file.kind === "text" && isCodePath(file.path)) {
      out = isJsPath(file.path)
        ? analyzeModule(file.text!, file.path, modulesOf(file), () => trees.parse(file))
        : { facts: textFacts(file.text!), exports: () => DYNAMIC };
    } else if (file.kind === "text" && loadedData.has(file.path)) {
      out = { facts: withEmbeddedCode(dataFacts(file.text!, file.path), file), exports: () => DYNAMIC };
    }
    cache.set(file, out);
    return out;
  };
  return (file) => analysed(file)?.facts ?? null;
}

/** Text in a data file that reads like code (a worker's source, a "template" run with eval). */
const CODE_LIKE = /\b(?:require|import|fetch|Function|eval|process|child_process)\b[\s\S]*[(;{]/;
const MAX_EMBEDDED = 20;

/**
 * Code kept as text in a data file the package's code reads (`{"compiler": "const h=require('https')…"}`)
 * is reviewed as code: its facts join the data file's, at the line of its key, so what it does is seen
 * wherever it is run from.
 */
function withEmbeddedCode(facts: CodeFacts, file: PackageFile): CodeFacts {
  // JSON, and source maps (JSON too: code the package reads out of `sourcesContent` runs like any code).
  if (!/\.(?:json|map)$/i.test(file.path)) return facts;
  let doc: unknown;
  try {
    doc = JSON.parse(file.text!);
  } catch {
    return facts;
  }
  const texts: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (texts.length >= MAX_EMBEDDED || depth > 16) return;
    if (typeof v === "string") {
      if (v.length >= 40 && CODE_LIKE.test(v)) texts.push(v);
    } else if (v && typeof v === "object") for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(doc, 0);
  for (const text of texts) {
    const inner = analyzeModule(text, `${file.path}.js`).facts;
    if (!inner.parsed) continue;
    const at = file.text!.indexOf(JSON.stringify(text).slice(1, 40));
    const line = at < 0 ? 1 : file.text!.slice(0, at).split("\n").length;
    const moved = <T extends { line: number }>(xs: T[]) => xs.map((x) => ({ ...x, line }));
    facts.capabilities.push(...moved(inner.capabilities));
    facts.remoteCode.push(...moved(inner.remoteCode));
    facts.strings.push(...moved(inner.strings));
    facts.calls.push(...moved(inner.calls));
    facts.envDumps.push(...moved(inner.envDumps));
    facts.sinks.push(...moved(inner.sinks));
    facts.requests.push(...moved(inner.requests));
  }
  return facts;
}

/** Data files above this are not read for keys (a locale table, a schema dump): text rules still see them. */
const DATA_FACTS_MAX_BYTES = 1024 * 1024;

/**
 * Changed data files of B that B's code names (by file name): a value moved from code into
 * `defaults.json` is reviewed like code. Unchanged data is what A had already.
 */
export function loadedDataFiles(
  b: PackageSnapshot,
  changed: readonly { file: PackageFile; old?: PackageFile }[],
): Set<string> {
  const data = changed.filter((c) => isDataPath(c.file.path) && c.file.size <= DATA_FACTS_MAX_BYTES);
  if (!data.length) return new Set();
  const code = [...b.files.values()].filter((f) => f.kind === "text" && isCodePath(f.path));
  const out = new Set<string>();
  for (const c of data) {
    const name = c.file.path.slice(c.file.path.lastIndexOf("/") + 1);
    // A bundle's `//# sourceMappingURL=` comment names its map without reading it.
    const reads = (f: PackageFile) =>
      f.text!.includes(name) && f.text!.replace(/\/\/[#@]\s*sourceMappingURL=.*$/gm, "").includes(name);
    if (code.some(reads)) {
      out.add(c.file.path);
      if (c.old) out.add(c.old.path);
    }
  }
  return out;
}
