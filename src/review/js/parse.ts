/**
 * Reading JavaScript: one meriyah parse (as a module, then as CommonJS), line numbers from offsets,
 * and which paths are code.
 */
import { type ESTree, parse } from "meriyah";

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

/** Parses a JS file as a module, then as CommonJS (by extension when it says). Throws when neither works. */
export function parseProgram(text: string, path: string): ESTree.Program {
  return parseAny(text, path, () => 0, false).ast;
}
export function parseAny(
  text: string,
  path: string,
  lineOf: (offset: number) => number,
  withComments = true,
): { ast: ESTree.Program; comments: { value: string; line: number }[] } {
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
        ranges: withComments ? { start: true } : { start: true, end: true },
        webcompat: true,
        validateRegex: false,
        jsx: /x$/i.test(path),
        ...(withComments
          ? {
              onComment: (_type: string, value: string, start: number) => {
                comments.push({ value, line: lineOf(start) });
              },
            }
          : {}),
      });
      return { ast, comments };
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}
