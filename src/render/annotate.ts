/** Which diff line each finding belongs to, and the order files are shown in. Pure; shared by renderers. */
import { type FileChange, type Finding, type HunkLine, type Risk, riskRank } from "../review/types.js";

export interface FileView {
  change: FileChange;
  findings: Finding[];
  worst: Risk;
}

/** Files with findings first, riskiest first; then the rest by size of change. */
export function orderFiles(files: FileChange[], findings: Finding[]): FileView[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const views = files.map((change) => {
    const fs = byFile.get(change.path) ?? [];
    const worst = fs.reduce<Risk>((w, f) => (riskRank(f.severity) > riskRank(w) ? f.severity : w), "none");
    return { change, findings: fs, worst };
  });
  return views.sort(
    (x, y) =>
      riskRank(y.worst) - riskRank(x.worst) ||
      y.findings.length - x.findings.length ||
      y.change.added + y.change.removed - (x.change.added + x.change.removed) ||
      x.change.path.localeCompare(y.change.path),
  );
}

/** Maps each finding with a line to the one hunk line it is shown beside. */
export function annotations(change: FileChange, findings: Finding[]): Map<HunkLine, Finding[]> {
  const out = new Map<HunkLine, Finding[]>();
  const lines = change.hunks.flatMap((h) => h.lines);
  for (const f of findings) {
    if (f.line === null) continue;
    const candidates = lines.filter((l) => l.op !== "-" && l.newLine === f.line);
    if (candidates.length === 0) continue;
    const core = f.evidence.replace(/^…|…$/g, "").trim();
    const best =
      candidates.find(
        (l) => l.op === "+" && core.length > 0 && (l.text.includes(core) || core.includes(l.text.trim())),
      ) ??
      candidates.find((l) => l.op === "+") ??
      candidates[0]!;
    out.set(best, [...(out.get(best) ?? []), f]);
  }
  return out;
}

/** Hunks reordered so that those holding annotated lines come first. */
export function hunksFirstFlagged(change: FileChange, notes: Map<HunkLine, Finding[]>) {
  const flagged = change.hunks.filter((h) => h.lines.some((l) => notes.has(l)));
  const rest = change.hunks.filter((h) => !flagged.includes(h));
  return [...flagged, ...rest];
}
