/**
 * The review body (DESIGN §11): risk badge, package table, findings, then the annotated diff,
 * riskiest files first. Package content is escaped; the body never exceeds its budget and is
 * never cut inside a fence: files that do not fit are summarised with counts.
 */

import { diffWords } from "diff";
import { TEXT_BUDGET } from "../common/limits.js";
import type { SurfaceDiff } from "../review/mcp/surface-diff.js";
import { type Finding, type HunkLine, type PackageReview, type Risk, SEVERITIES } from "../review/types.js";
import { showInvisible } from "../review/unicode.js";
import { annotations, type FileView, hunksFirstFlagged, orderFiles } from "./annotate.js";
import { defang, fenceFor, htmlText, mdCode, mdText, truncate } from "./escape.js";

export const REVIEW_MARKER = "<!-- mcp-guard:review -->";
export const MAX_BODY = TEXT_BUDGET.reviewChars;

const BADGE: Record<Risk, string> = {
  none: "🟢 none",
  low: "🔵 low",
  medium: "🟡 medium",
  high: "🟠 high",
  critical: "🔴 critical",
};

export interface MarkdownOptions {
  /** Body budget in characters (GitHub allows 65,536). */
  maxChars?: number;
  /** A line about approval, supplied by the app. */
  approval?: string;
}

function severityCounts(findings: Finding[]): string {
  const parts = [...SEVERITIES]
    .reverse()
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return parts.length ? parts.join(", ") : "none";
}

const where = (f: Finding) => `${f.file}${f.line ? `:${f.line}` : ""}`;

function findingRow(f: Finding): string {
  const tool = f.tool ? ` (tool ${mdCode(truncate(f.tool, 80))})` : "";
  return `| ${BADGE[f.severity]} | ${f.rule} | ${mdCode(truncate(where(f), 120))}${tool} | ${mdText(defang(truncate(f.message, 300), f.hosts))} | ${mdCode(defang(truncate(f.evidence, 200), f.hosts))} |`;
}

const MAX_LINE = TEXT_BUDGET.lineChars;

function diffLine(l: HunkLine, notes: Finding[] | undefined): string {
  const text = showInvisible(truncate(l.text, MAX_LINE));
  const tag = notes?.length ? `    ⟵ ${notes.map((n) => `${BADGE[n.severity]} ${n.rule}`).join(", ")}` : "";
  return `${l.op}${text}${tag}`;
}

/** The lines shown for one file, at most `max`, windows around flagged lines first. */
function fileDiffLines(view: FileView, max: number): { lines: string[]; hidden: number } {
  const notes = annotations(view.change, view.findings);
  const out: string[] = [];
  let total = 0;
  for (const h of view.change.hunks) total += h.lines.length;
  for (const h of hunksFirstFlagged(view.change, notes)) {
    if (out.length >= max) break;
    const first = h.lines.find((l) => l.op !== "-")?.newLine ?? h.lines[0]?.oldLine ?? 0;
    let keep = h.lines.map(() => true);
    if (h.lines.length > max - out.length) {
      // Keep windows around annotated lines, then fill from the top.
      keep = h.lines.map(() => false);
      h.lines.forEach((l, i) => {
        if (notes.has(l))
          for (let j = Math.max(0, i - 4); j <= Math.min(h.lines.length - 1, i + 4); j++) keep[j] = true;
      });
      let budget = max - out.length - keep.filter(Boolean).length;
      for (let i = 0; i < h.lines.length && budget > 0; i++) {
        if (!keep[i]) {
          keep[i] = true;
          budget--;
        }
      }
    }
    out.push(`@@ line ${first} @@`);
    let skipped = 0;
    h.lines.forEach((l, i) => {
      if (!keep[i]) {
        skipped++;
        return;
      }
      if (skipped > 0) {
        out.push(` … ${skipped} lines not shown …`);
        skipped = 0;
      }
      out.push(diffLine(l, notes.get(l)));
    });
    if (skipped > 0) out.push(` … ${skipped} lines not shown …`);
  }
  const shown = out.filter((l) => /^[+\- ]/.test(l) && !l.startsWith(" … ")).length;
  return { lines: out, hidden: Math.max(0, total - shown) };
}

function fileSection(view: FileView, maxLines: number, open: boolean): string {
  const c = view.change;
  const name = c.oldPath ? `${c.oldPath} → ${c.path}` : c.path;
  const sim =
    c.similarity !== undefined && c.similarity < 1 ? ` (${Math.round(c.similarity * 100)}% similar)` : "";
  const stats =
    c.status === "binary" || c.status === "too-large"
      ? c.status
      : `${c.status}${sim}, +${c.added} −${c.removed}`;
  const flags = view.findings.length
    ? ` · ${BADGE[view.worst as Risk]} ${severityCounts(view.findings)}`
    : "";
  const summary = `<summary><code>${htmlText(truncate(name, 200))}</code> — ${stats}${flags}</summary>`;
  const parts = [`<details${open ? " open" : ""}>`, summary, ""];
  const unlined = view.findings.filter((f) => f.line === null);
  for (const f of unlined)
    parts.push(`- ${BADGE[f.severity]} ${f.rule}: ${mdText(defang(truncate(f.message, 300)))}`);
  if (unlined.length) parts.push("");
  if (c.unreviewable) parts.push(`_Not diffed: ${mdText(c.unreviewable)}_`, "");
  if (c.hunks.length > 0 && maxLines > 0) {
    const { lines, hidden } = fileDiffLines(view, maxLines);
    const body = lines.join("\n");
    const fence = fenceFor(body);
    parts.push(`${fence}diff`, body, fence);
    if (hidden > 0) parts.push(`_${hidden} more changed or context lines not shown._`);
  }
  parts.push("</details>", "");
  return parts.join("\n");
}

/** Old and new text with the changed words marked: ~~removed~~ in the old, **added** in the new. */
export function markedWords(before: string, after: string): { before: string; after: string } {
  const parts = diffWords(before, after);
  let b = "";
  let a = "";
  for (const p of parts) {
    const t = mdText(p.value);
    const mark = (m: string) => (t.trim() ? `${m}${t.trim()}${m}${/\s$/.test(p.value) ? " " : ""}` : t);
    if (p.added) a += mark("**");
    else if (p.removed) b += mark("~~");
    else {
      a += t;
      b += t;
    }
  }
  return { before: b, after: a };
}

function surfaceSection(d: SurfaceDiff | undefined, budget: number): string[] {
  if (!d) return [];
  const rows: string[] = [];
  for (const t of d.added)
    rows.push(`| ${mdCode(t.name)} | added | ${mdText(truncate(showInvisible(t.description ?? ""), 300))} |`);
  for (const r of d.renamed)
    rows.push(`| ${mdCode(r.after.name)} | renamed from ${mdCode(r.before.name)} | |`);
  for (const c of d.changed)
    rows.push(`| ${mdCode(c.after.name)} | changed | ${mdText(truncate(c.changes.join("; "), 300))} |`);
  for (const t of d.removed) rows.push(`| ${mdCode(t.name)} | removed | |`);
  for (const p of d.promptsAdded)
    rows.push(`| ${mdCode(p.name)} | prompt added | ${mdText(truncate(p.description ?? "", 200))} |`);
  for (const r of d.resourcesAdded)
    rows.push(`| ${mdCode(r.name)} | resource added | ${mdCode(r.uri ?? "")} |`);
  if (rows.length === 0) return [];
  const out = ["### Tool surface", "", "| tool | change | details |", "|---|---|---|"];
  let used = 0;
  let shown = 0;
  for (const r of rows) {
    if (used + r.length > budget * 0.5) break; // the rest is for changed descriptions
    out.push(r);
    used += r.length;
    shown++;
  }
  if (shown < rows.length) out.push("", `_${rows.length - shown} more tool changes not listed._`);
  const described = d.changed.filter((c) => (c.before.description ?? "") !== (c.after.description ?? ""));
  if (described.length) {
    out.push("", "| tool | old description | new description |", "|---|---|---|");
    for (const c of described) {
      const m = markedWords(
        truncate(c.before.description ?? "", 600),
        truncate(c.after.description ?? "", 600),
      );
      const row = `| ${mdCode(c.after.name)} | ${m.before} | ${m.after} |`;
      if (used + row.length > budget) {
        out.push("", "_More description changes not shown: the review is at its size limit._");
        break;
      }
      out.push(row);
      used += row.length;
    }
  }
  out.push("");
  return out;
}

export function renderMarkdown(review: PackageReview, options: MarkdownOptions = {}): string {
  const max = options.maxChars ?? MAX_BODY;
  const { name, from, to } = review.package;
  const head: string[] = [
    REVIEW_MARKER,
    `## mcp-guard: ${BADGE[review.risk]} risk — ${mdText(name)} ${mdText(from)} → ${mdText(to)}`,
    "",
  ];
  if (!review.complete) {
    head.push(
      `> [!CAUTION]`,
      `> **Analysis incomplete.** Parts of this version could not be analysed; do not rely on this review alone.`,
      "",
    );
  }
  head.push(
    "| package | from | to | risk | findings |",
    "|---|---|---|---|---|",
    `| ${mdCode(name)} | ${mdCode(from)} | ${mdCode(to)} | ${BADGE[review.risk]} | ${severityCounts(review.findings)} |`,
    "",
  );
  if (options.approval) head.push(mdText(options.approval), "");
  const fc = review.files;
  head.push(
    `Files: ${fc.added} added, ${fc.removed} removed, ${fc.modified} modified, ${fc.renamed} renamed, ${fc.binary} binary.`,
    "",
  );
  if (review.raisedBy.length)
    head.push(`Risk raised because signals combine in ${review.raisedBy.map(mdText).join("; ")}.`, "");

  const findings: string[] = [];
  if (review.findings.length) {
    findings.push(
      "### Findings",
      "",
      "| severity | rule | where | what | evidence |",
      "|---|---|---|---|---|",
    );
    // The table is the verdict: it keeps every finding as long as the budget allows, before any diff.
    let used = head.join("\n").length + findings.join("\n").length + TEXT_BUDGET.findingsReserveChars;
    let listed = 0;
    for (const f of review.findings) {
      const row = findingRow(f);
      if (used + row.length + 1 > max * TEXT_BUDGET.findingsShare) break;
      findings.push(row);
      used += row.length + 1;
      listed++;
    }
    if (listed < review.findings.length) {
      const rest = review.findings.slice(listed);
      findings.push(
        "",
        `_${rest.length} more findings not listed (${severityCounts(rest)}); run the CLI with --format json for all._`,
      );
    }
    findings.push("");
  }

  const views = orderFiles(review.diff.files, review.findings).filter(
    (v) => v.findings.length > 0 || v.change.hunks.length > 0 || v.change.status !== "renamed",
  );
  const tail: string[] = [];
  const surface = surfaceSection(review.surface, max * TEXT_BUDGET.surfaceShare);
  let body = [...head, ...findings, ...surface, "### Changes", ""].join("\n");
  const omitted: FileView[] = [];
  for (const [i, view] of views.entries()) {
    let section = "";
    for (const lines of TEXT_BUDGET.contextSteps) {
      section = fileSection(view, lines, i < 3 && view.findings.length > 0);
      if (body.length + section.length + TEXT_BUDGET.footerChars <= max) break;
      section = "";
    }
    if (section) body += `${section}\n`;
    else omitted.push(view);
  }
  if (omitted.length) {
    const flagged = omitted.filter((v) => v.findings.length > 0).length;
    tail.push(
      `_${omitted.length} more changed files not shown to stay within the size limit${flagged ? ` (${flagged} with findings, all listed above)` : ""}; run \`mcp-guard diff\` locally for the full diff._`,
    );
  }
  tail.push(
    "",
    `<sub>mcp-guard reviews package content as data; nothing from the package was executed.</sub>`,
  );
  const out = `${body}${tail.join("\n")}\n`;
  if (out.length <= max) return out;
  // Only reachable with an enormous header: keep the verdict and counts, drop the rest whole.
  return `${[...head, `_${review.findings.length} findings (${severityCounts(review.findings)}) not shown: the review is over the size limit; run the CLI._`, ...tail].join("\n")}\n`;
}

/**
 * The one PR review for all guarded changes: each package's review within an equal share of the
 * budget, the marker once. With no guarded change left, a short note replaces the old review.
 */
export function renderPullReview(reviews: PackageReview[], maxChars = MAX_BODY): string {
  if (reviews.length === 0) {
    return `${REVIEW_MARKER}\n## mcp-guard\n\nThis pull request no longer changes a guarded package.\n`;
  }
  if (reviews.length === 1) return renderMarkdown(reviews[0]!, { maxChars });
  const share = Math.floor((maxChars - TEXT_BUDGET.reviewHeadingChars) / reviews.length);
  const parts = reviews.map((r) => renderMarkdown(r, { maxChars: share }).replace(`${REVIEW_MARKER}\n`, ""));
  return `${REVIEW_MARKER}\n# mcp-guard: ${reviews.length} guarded package changes\n\n${parts.join("\n---\n\n")}`;
}
