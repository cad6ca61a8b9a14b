/** Lines and evidence for findings. Pure. */
import type { FileChange, PackageFile } from "../../review/rule.js";

/** The evidence for a line: the line itself, or a window around `needle` when the line is long. */
export function evidenceAt(file: PackageFile | undefined, line: number | null, needle?: string): string {
  if (!file?.text || !line) return needle ?? "";
  const src = lineText(file.text, line);
  const max = 200;
  if (src.trim().length <= max) return src.trim();
  const at = needle ? src.indexOf(needle) : -1;
  if (at < 0) return `${src.trim().slice(0, max)}…`;
  const from = Math.max(0, at - 80);
  const to = Math.min(src.length, at + needle!.length + 80);
  return `${from > 0 ? "…" : ""}${src.slice(from, to)}${to < src.length ? "…" : ""}`;
}

export function lineText(text: string, line: number): string {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return "";
    start = nl + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** 1-based line of the first occurrence of `needle` in `text`, or null. */
export function lineOfText(text: string, needle: string): number | null {
  const at = text.indexOf(needle);
  if (at < 0) return null;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

const added = new WeakMap<FileChange, ReadonlySet<number>>();

/** New-file line numbers that the diff marks as added (computed once per change; rules ask often). */
export function addedLines(change: FileChange): ReadonlySet<number> {
  let out = added.get(change);
  if (!out) {
    const lines = new Set<number>();
    for (const h of change.hunks)
      for (const l of h.lines) if (l.op === "+" && l.newLine) lines.add(l.newLine);
    added.set(change, lines);
    out = lines;
  }
  return out;
}
