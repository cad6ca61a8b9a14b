/** The terminal view: verdict, findings, and the flagged lines in context. Colour only when asked. */

import { showInvisible } from "../common/unicode.js";
import { type Finding, type PackageReview, type Risk, SEVERITIES } from "../review/types.js";
import { annotations, orderFiles } from "./annotate.js";
import { truncate } from "./escape.js";
import { publishingLines } from "./publishing.js";

const ANSI = {
  reset: "\x1b[0m",
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  red: "\x1b[31m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  blue: "\x1b[34m",
  magenta: "\x1b[35m",
};

const SEV_COLOUR: Record<Risk, keyof typeof ANSI> = {
  none: "green",
  low: "blue",
  medium: "yellow",
  high: "magenta",
  critical: "red",
};

/** Escape sequences from a package must not drive the user's terminal. */
function clean(text: string): string {
  return showInvisible(text).replace(
    /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

export function renderTerminal(
  review: PackageReview,
  opts: { color: boolean; contextLines?: number; now?: number },
): string {
  const c = (k: keyof typeof ANSI, s: string) => (opts.color ? `${ANSI[k]}${s}${ANSI.reset}` : s);
  const sev = (r: Risk) => c(SEV_COLOUR[r], r.toUpperCase());
  const out: string[] = [];
  const { name, from, to } = review.package;
  out.push(
    `${c("bold", `${clean(name)} ${clean(from)} → ${clean(to)}`)}   risk: ${c("bold", sev(review.risk))}${review.complete ? "" : c("red", "   (analysis INCOMPLETE)")}`,
  );
  const f = review.files;
  out.push(
    c(
      "dim",
      `files: ${f.added} added, ${f.removed} removed, ${f.modified} modified, ${f.renamed} renamed, ${f.binary} binary`,
    ),
  );
  if (review.raisedBy.length) out.push(c("dim", `risk raised: ${review.raisedBy.map(clean).join("; ")}`));
  for (const line of publishingLines(review, opts.now)) out.push(c("dim", clean(line)));
  out.push("");
  if (review.findings.length === 0)
    out.push("No findings: this version introduces nothing the rules look for.");
  for (const x of review.findings) {
    const tool = x.tool ? `  (tool ${clean(x.tool)})` : "";
    out.push(
      `${sev(x.severity).padEnd(opts.color ? 18 : 9)} ${c("bold", x.rule)}  ${clean(x.file)}${x.line ? `:${x.line}` : ""}${tool}`,
    );
    out.push(`          ${clean(truncate(x.message, 300))}`);
    if (x.via) out.push(`          via ${clean(x.via)}`);
    if (x.evidence) out.push(c("dim", `          ${clean(truncate(x.evidence, 200))}`));
  }
  // Flagged lines in context, riskiest files first.
  const ctx = opts.contextLines ?? 3;
  for (const view of orderFiles(review.diff.files, review.findings)) {
    if (view.findings.length === 0) continue;
    const notes = annotations(view.change, view.findings);
    if (notes.size === 0) continue;
    out.push("", c("bold", `── ${clean(view.change.path)} ──`));
    for (const h of view.change.hunks) {
      const idx = h.lines.map((l, i) => (notes.has(l) ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) continue;
      let last = -1;
      for (const i of idx) {
        const from = Math.max(last + 1, i - ctx);
        const upto = Math.min(h.lines.length - 1, i + ctx);
        if (last >= 0 && from > last + 1) out.push(c("dim", "   …"));
        for (let j = from; j <= upto; j++) {
          const l = h.lines[j]!;
          const no = String(l.newLine ?? l.oldLine ?? "").padStart(6);
          const text = clean(truncate(l.text, 160));
          const colour = l.op === "+" ? "green" : l.op === "-" ? "red" : "dim";
          const tag = notes
            .get(l)
            ?.map((n: Finding) => `${sev(n.severity)} ${n.rule}`)
            .join(", ");
          out.push(`${c("dim", no)} ${c(colour, `${l.op}${text}`)}${tag ? `   ⟵ ${tag}` : ""}`);
        }
        last = upto;
      }
    }
  }
  if (!review.complete) {
    out.push("", c("red", "Analysis incomplete:"));
    for (const r of review.incomplete) out.push(`  - ${clean(r)}`);
  }
  const counts = [...SEVERITIES]
    .reverse()
    .map((s) => `${review.findings.filter((x) => x.severity === s).length} ${s}`);
  out.push("", c("dim", `findings: ${counts.join(", ")}`));
  return `${out.join("\n")}\n`;
}
