/**
 * Reading JavaScript: one meriyah parse (as a module, then as CommonJS), line numbers from offsets,
 * and which paths are code.
 */
import { type ESTree, parse } from "meriyah";
import { findStringArrays } from "../eval/string-array.js";
import { resolveScopes } from "./scopes.js";

export function isJsPath(path: string): boolean {
  return /\.(?:m|c)?jsx?$/i.test(path);
}

export function isCodePath(path: string): boolean {
  return /\.(?:m|c)?[jt]sx?$/i.test(path) && !/\.d\.[mc]?ts$/i.test(path);
}

/** Offsets where each line starts, so a node's line is a binary search away (no `loc` objects). */
export function lineIndex(text: string): (offset: number | undefined) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    if (offset === undefined) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** One parse of a file: its tree (nodes carry `start` and `end` offsets), its comments and its lines. */
export interface Parsed {
  ast: ESTree.Program;
  comments: { value: string; line: number }[];
  line: (offset: number | undefined) => number;
}

/** Files up to this size get names per scope; larger ones (a 7.9 MB third-party bundle) keep per-file names. */
export const SCOPE_PASS_MAX_CHARS = 4 * 1024 * 1024;

/** Parses a JS file as a module, then as CommonJS (by extension when it says). Throws when neither works. */
export function parseProgram(text: string, path: string): ESTree.Program {
  return parseFile(text, path).ast;
}

export function parseFile(text: string, path: string): Parsed {
  const line = lineIndex(text);
  const modes: ("module" | "commonjs")[] = /\.cjs$/i.test(path)
    ? ["commonjs"]
    : /\.mjs$/i.test(path)
      ? ["module"]
      : ["module", "commonjs"];
  let lastError: unknown;
  for (const sourceType of modes) {
    const comments: { value: string; line: number }[] = [];
    try {
      const ast = parse(text, {
        sourceType,
        next: true,
        ranges: { start: true, end: true },
        webcompat: true,
        validateRegex: false,
        jsx: /x$/i.test(path),
        onComment: (_type: string, value: string, start: number) => {
          comments.push({ value, line: line(start) });
        },
      });
      // Names per scope (./scopes.ts), except in the very largest bundles, where the pass would add a
      // third of the parse's time and tens of MB for one file (docs/BENCHMARKS.md).
      if (text.length <= SCOPE_PASS_MAX_CHARS) resolveScopes(ast);
      findStringArrays(ast);
      return { ast, comments, line };
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

/**
 * Trees shared by two readers of one file (the MCP surface, then the facts walk), so a large bundle is
 * parsed once: while shelving is on, the first reader of a named file parses it and shelves the tree;
 * the next reader takes it off the shelf. Shelving stops when the first reader is done, so a tree waits
 * only between those two reads.
 */
export class SharedTrees {
  private readonly shelf = new WeakMap<object, Parsed | Error>();
  private wanted: WeakSet<object>;

  constructor(wanted: Iterable<object> = []) {
    this.wanted = new WeakSet(wanted);
  }

  /** The file's tree: from the shelf (taking it off), or parsed now. Throws the parse error. */
  parse(file: { text?: string; path: string }): Parsed {
    let out = this.shelf.get(file);
    if (out) this.shelf.delete(file);
    else {
      try {
        out = parseFile(file.text!, file.path);
      } catch (e) {
        out = e instanceof Error ? e : new Error(String(e));
      }
      if (this.wanted.has(file)) {
        this.wanted.delete(file);
        this.shelf.set(file, out);
      }
    }
    if (out instanceof Error) throw out;
    return out;
  }

  /** No more trees go on the shelf; those on it wait for their second reader. */
  stopShelving(): void {
    this.wanted = new WeakSet();
  }
}
