/**
 * The review body (DESIGN §11), for a reviewer who has thirty seconds: a heading with the package and
 * its risk, one verdict line (the risk, the finding that sets it in plain words, file:line, and who may
 * approve), one findings table, then the annotated diff, riskiest files and flagged hunks first, then
 * the tool surface. Package content is escaped; the body never exceeds its budget and is never cut
 * inside a fence: files that do not fit are summarised with counts.
 */

import { diffWords } from "diff";
import { TEXT_BUDGET } from "../common/limits.js";
import { showInvisible } from "../common/unicode.js";
import type { SurfaceDiff } from "../review/mcp/surface.js";
import {
  type Finding,
  type HunkLine,
  type PackageReview,
  type Risk,
  riskRank,
  SEVERITIES,
} from "../review/types.js";
import { annotations, type FileView, hunksFirstFlagged, orderFiles } from "./annotate.js";
import { defang, fenceFor, htmlText, mdCode, mdText, truncate } from "./escape.js";
import { publishingLines } from "./publishing.js";

export const REVIEW_MARKER = "<!-- mcp-guard:review -->";
export const NOTICE_MARKER = "<!-- mcp-guard:review-updated -->";
export const MAX_BODY = TEXT_BUDGET.reviewChars;

/**
 * The rules reference, in the mcp-guard repository (a review is read on another repository, so a
 * relative link would not resolve). Each rule has the heading `## <id>`, so its anchor is its id.
 */
export const RULES_DOC_URL = "https://github.com/mcp-guard/mcp-guard/blob/main/docs/RULES.md";

export const ruleLink = (rule: string) => `[${rule}](${RULES_DOC_URL}#${rule.replace(/[^a-z0-9-]/g, "")})`;

const BADGE: Record<Risk, string> = {
  none: "🟢 none",
  low: "🔵 low",
  medium: "🟡 medium",
  high: "🟠 high",
  critical: "🔴 critical",
};

const ICON: Record<Risk, string> = { none: "🟢", low: "🔵", medium: "🟡", high: "🟠", critical: "🔴" };
const RISK_WORDS: Record<Risk, string> = {
  none: "No risk found",
  low: "Low risk",
  medium: "Medium risk",
  high: "High risk",
  critical: "Critical risk",
};

/** Who may approve, and which changes need it: the repository's config, threaded in by the app. */
export interface ApprovalPolicy {
  /** "@alice", "@acme/security"; empty when none are configured (repository admins may approve). */
  reviewers: string[];
  requiredApprovals: number;
  /** Lowest risk that needs approval; "none": every guarded change. */
  requireFrom: Risk;
  /** Whether an approval may pass an incomplete analysis. */
  allowIncomplete: boolean;
}

export interface MarkdownOptions {
  /** Body budget in characters (GitHub allows 65,536). */
  maxChars?: number;
  /** Who may approve (the app). Absent in the CLI, which has no reviewers: the verdict omits it. */
  approval?: ApprovalPolicy;
  /** The time of rendering (ms), for a version's age; absent: ages are not shown. */
  now?: number;
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

/** "@a", "@a or @b", "@a, @b or @c". */
const orList = (xs: string[]) =>
  xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs.at(-1)}`;

/** What approval this review asks for, in one sentence (empty without a policy: the CLI). */
function approvalSentence(risk: Risk, complete: boolean, policy: ApprovalPolicy | undefined): string {
  if (!policy) return "";
  if (!complete && !policy.allowIncomplete)
    return "The check fails until the whole version is analysed: an approval cannot pass an incomplete analysis.";
  if (complete && policy.requireFrom !== "none" && riskRank(risk) < riskRank(policy.requireFrom))
    return `No approval needed: the risk is below \`require_approval_from: ${policy.requireFrom}\`.`;
  // Logins and team names come from the validated config on the default branch, not from the package.
  const who = policy.reviewers.length
    ? orList(policy.reviewers)
    : "a repository admin (no reviewers are named in `.github/mcp-guard.yml`)";
  const n = policy.requiredApprovals > 1 ? `${policy.requiredApprovals} approvals` : "approval";
  if (risk === "none")
    return `Merge still needs ${n} from ${who}: the policy asks for a review of every change to a guarded package (\`require_approval_from: none\`).`;
  return `Merge needs ${n} from ${who}.`;
}

/** The finding that sets the risk: the first at the top severity, inside the combination that raised it if one did. */
function decisive(review: PackageReview): Finding | undefined {
  const inRaised = (f: Finding) =>
    review.raisedBy.some(
      (r) =>
        (r.startsWith(`${f.file}: `) || (!!f.tool && r.startsWith(`tool ${f.tool}: `))) && r.includes(f.rule),
    );
  const top = review.findings.reduce<Risk>(
    (r, f) => (riskRank(f.severity) > riskRank(r) ? f.severity : r),
    "none",
  );
  const strongest = (fs: Finding[]) => fs.find((f) => f.severity === top) ?? fs[0];
  return (
    (review.raisedBy.length ? strongest(review.findings.filter(inRaised)) : undefined) ??
    strongest(review.findings)
  );
}

/**
 * The verdict line: the risk, the one finding that sets it in plain words with file:line and its rule,
 * and who may approve. Plain Markdown, one paragraph.
 */
export function verdictLine(review: PackageReview, policy?: ApprovalPolicy): string {
  const approval = approvalSentence(review.risk, review.complete, policy);
  if (!review.complete) {
    const reason = review.incomplete[0] ?? "part of the new version could not be analysed";
    const more = review.incomplete.length > 1 ? ` (and ${review.incomplete.length - 1} more)` : "";
    const tail = approval || "Do not rely on this review alone.";
    return `**⛔ Analysis incomplete** (risk so far: ${review.risk}): ${mdText(truncate(reason, 300))}${more}. ${tail}`;
  }
  const f = decisive(review);
  if (!f)
    return `**${ICON.none} ${RISK_WORDS.none}:** no rule flagged anything this version introduces. ${approval}`.trim();
  // Said only when the combination set the risk (score() keeps only those).
  const raised = review.raisedBy.length
    ? `; raised to ${review.risk} because signals combine in ${review.raisedBy.map((r) => mdText(truncate(r, 120))).join("; ")}`
    : "";
  const tool = f.tool ? ` in tool ${mdCode(truncate(f.tool, 80))}` : "";
  const what = mdText(defang(truncate(f.message, 300), f.hosts));
  return `**${ICON[review.risk]} ${RISK_WORDS[review.risk]}:** ${what} at ${mdCode(truncate(where(f), 120))}${tool} (${ruleLink(f.rule)})${raised}. ${approval}`.trim();
}

/** The heading's facts: findings by severity and files by change, zeros left out. */
function facts(review: PackageReview): string {
  const n = review.findings.length;
  const found = n ? `${n} finding${n === 1 ? "" : "s"} (${severityCounts(review.findings)})` : "no findings";
  const fc = review.files;
  const files = (["added", "removed", "modified", "renamed", "binary"] as const)
    .filter((k) => fc[k] > 0)
    .map((k) => `${fc[k]} ${k}`);
  return `${found} · files: ${files.length ? files.join(", ") : "none changed"}`;
}

/** One findings-table row per place: several findings on one line are shown once, with each rule. */
function findingRows(findings: Finding[], annotated: Set<Finding>): { row: string; findings: Finding[] }[] {
  const places = new Map<string, Finding[]>();
  findings.forEach((f, i) => {
    const key = f.line === null ? `#${i}` : `${f.file}:${f.line}:${f.tool ?? ""}`;
    places.set(key, [...(places.get(key) ?? []), f]);
  });
  return [...places.values()].map((fs) => {
    const f = fs[0]!;
    const tool =
      (f.tool ? `<br>tool ${mdCode(truncate(f.tool, 80))}` : "") +
      (f.via ? `<br>via ${mdText(truncate(f.via, 160))}` : "");
    const what = fs.map((x) => {
      // The evidence is shown only where no diff line carries it (the diff line is the evidence).
      const evidence =
        annotated.has(x) || !x.evidence ? "" : ` ${mdCode(defang(truncate(x.evidence, 200), x.hosts))}`;
      return `${ICON[x.severity]} ${mdText(defang(truncate(x.message, 300), x.hosts))}${evidence} · ${ruleLink(x.rule)}`;
    });
    return {
      row: `| ${BADGE[f.severity]} | ${mdCode(truncate(where(f), 120))}${tool} | ${what.join("<br>")} |`,
      findings: fs,
    };
  });
}

const MAX_LINE = TEXT_BUDGET.lineChars;

function diffLine(l: HunkLine, notes: Finding[] | undefined): string {
  const text = showInvisible(truncate(l.text, MAX_LINE));
  const tag = notes?.length ? `    ⟵ ${notes.map((n) => `${BADGE[n.severity]} ${n.rule}`).join(", ")}` : "";
  return `${l.op}${text}${tag}`;
}

/** The lines shown for one file, at most `max`, windows around flagged lines first. */
function fileDiffLines(view: FileView, max: number): { lines: string[]; hidden: number; reordered: boolean } {
  const notes = annotations(view.change, view.findings);
  const out: string[] = [];
  let total = 0;
  for (const h of view.change.hunks) total += h.lines.length;
  const hunks = hunksFirstFlagged(view.change, notes);
  const reordered = hunks.some((h, i) => h !== view.change.hunks[i]);
  for (const h of hunks) {
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
  return { lines: out, hidden: Math.max(0, total - shown), reordered };
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
    parts.push(
      `- ${BADGE[f.severity]} ${ruleLink(f.rule)}: ${mdText(defang(truncate(f.message, 300), f.hosts))}`,
    );
  if (unlined.length) parts.push("");
  if (c.unreviewable) parts.push(`_Not diffed: ${mdText(c.unreviewable)}_`, "");
  if (c.hunks.length > 0 && maxLines > 0) {
    const { lines, hidden, reordered } = fileDiffLines(view, maxLines);
    const body = lines.join("\n");
    const fence = fenceFor(body);
    if (reordered) parts.push("_Hunks with findings are shown first; the others follow in file order._", "");
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
  // 1. The heading (the package table folded into it), the verdict line, the counts.
  const head: string[] = [
    REVIEW_MARKER,
    `## mcp-guard: ${BADGE[review.risk]} risk — ${mdText(name)} ${mdText(from)} → ${mdText(to)}`,
    "",
    verdictLine(review, options.approval),
    "",
    `<sub>${facts(review)}</sub>`,
    "",
  ];
  // 2. One findings table, as long as the budget allows, before any diff.
  const findings: string[] = [];
  if (review.findings.length) {
    const annotated = new Set<Finding>();
    for (const c of review.diff.files)
      for (const fs of annotations(
        c,
        review.findings.filter((f) => f.file === c.path),
      ).values())
        for (const f of fs) annotated.add(f);
    findings.push("### Findings", "", "| risk | where | finding · rule |", "|---|---|---|");
    let used = head.join("\n").length + findings.join("\n").length + TEXT_BUDGET.findingsReserveChars;
    let listed = 0;
    const rows = findingRows(review.findings, annotated);
    for (const { row } of rows) {
      if (used + row.length + 1 > max * TEXT_BUDGET.findingsShare) break;
      findings.push(row);
      used += row.length + 1;
      listed++;
    }
    if (listed < rows.length) {
      const rest = rows.slice(listed).flatMap((r) => r.findings);
      findings.push(
        "",
        `_${rest.length} more findings not listed (${severityCounts(rest)}); run the CLI with --format json for all._`,
      );
    }
    findings.push("");
  }
  // Who published it, what intelligence said, what the bump installs with it.
  const published = publishingLines(review, options.now);
  if (published.length)
    findings.push("### Publishing", "", ...published.map((l) => `- ${mdText(l.trim())}`), "");
  // 3. The annotated diff, riskiest files first; 4. the tool surface; what does not fit is counted.
  const views = orderFiles(review.diff.files, review.findings).filter(
    (v) => v.findings.length > 0 || v.change.hunks.length > 0 || v.change.status !== "renamed",
  );
  const tail: string[] = [];
  const surface = surfaceSection(review.surface, max * TEXT_BUDGET.surfaceShare).join("\n");
  let body = [...head, ...findings, "### Changes", ""].join("\n");
  const omitted: FileView[] = [];
  for (const [i, view] of views.entries()) {
    let section = "";
    for (const lines of TEXT_BUDGET.contextSteps) {
      section = fileSection(view, lines, i < 3 && view.findings.length > 0);
      if (body.length + section.length + surface.length + TEXT_BUDGET.footerChars <= max) break;
      section = "";
    }
    if (section) body += `${section}\n`;
    else omitted.push(view);
  }
  if (omitted.length) {
    const flagged = omitted.filter((v) => v.findings.length > 0).length;
    body += `_${omitted.length} more changed files not shown to stay within the size limit${flagged ? ` (${flagged} with findings, all listed above)` : ""}; run \`mcp-guard diff\` locally for the full diff._\n\n`;
  }
  if (surface) body += `${surface}\n`;
  tail.push(`<sub>mcp-guard reviews package content as data; nothing from the package was executed.</sub>`);
  const out = `${body}${tail.join("\n")}\n`;
  if (out.length <= max) return out;
  // Only reachable with an enormous header: keep the verdict and counts, drop the rest whole.
  return `${[...head, `_${review.findings.length} findings (${severityCounts(review.findings)}) not shown: the review is over the size limit; run the CLI._`, "", ...tail].join("\n")}\n`;
}

/**
 * The one PR review for all guarded changes. Several packages: one verdict for the pull request (the
 * riskiest package's), the packages table, then each package's review within an equal share of the
 * budget, the marker once. With no guarded change left, a short note replaces the old review.
 */
export function renderPullReview(
  reviews: PackageReview[],
  options: { maxChars?: number; approval?: ApprovalPolicy } = {},
): string {
  const maxChars = options.maxChars ?? MAX_BODY;
  if (reviews.length === 0) {
    return `${REVIEW_MARKER}\n## mcp-guard\n\nThis pull request no longer changes a guarded package.\n`;
  }
  if (reviews.length === 1) return renderMarkdown(reviews[0]!, options);
  const worst = [...reviews].sort(
    (a, b) => Number(a.complete) - Number(b.complete) || riskRank(b.risk) - riskRank(a.risk),
  )[0]!;
  const risk = reviews.reduce<Risk>((r, x) => (riskRank(x.risk) > riskRank(r) ? x.risk : r), "none");
  const verdict = verdictLine({ ...worst, risk }, options.approval).replace(
    /:\*\* /,
    `:** ${mdText(worst.package.name)}: `,
  );
  const table = [
    "| package | from → to | risk | findings |",
    "|---|---|---|---|",
    ...reviews.map(
      (r) =>
        `| ${mdCode(r.package.name)} | ${mdCode(r.package.from)} → ${mdCode(r.package.to)} | ${BADGE[r.risk]}${r.complete ? "" : " (incomplete)"} | ${severityCounts(r.findings)} |`,
    ),
  ];
  const top = [
    `# mcp-guard: ${reviews.length} guarded package changes`,
    "",
    verdict,
    "",
    ...table,
    "",
    "",
  ].join("\n");
  const share = Math.floor((maxChars - TEXT_BUDGET.reviewHeadingChars - top.length) / reviews.length);
  const parts = reviews.map((r) => renderMarkdown(r, { maxChars: share }).replace(`${REVIEW_MARKER}\n`, ""));
  return `${REVIEW_MARKER}\n${top}${parts.join("\n---\n\n")}`;
}

/**
 * The short comment posted when the review is edited after a push: editing a review notifies nobody,
 * a new comment does. It says what changed in one line and links to the review, which stays the one
 * place with the details.
 */
export function renderReviewNotice(
  reviews: PackageReview[],
  reviewUrl: string,
  head: string,
  approval?: ApprovalPolicy,
): string {
  const at = `for commit ${head.slice(0, 7)}`;
  if (reviews.length === 0)
    return `${NOTICE_MARKER}\nmcp-guard updated [its review](${reviewUrl}) ${at}: this pull request no longer changes a guarded package.\n`;
  const risk = reviews.reduce<Risk>((r, x) => (riskRank(x.risk) > riskRank(r) ? x.risk : r), "none");
  const list = reviews
    .slice(0, 3)
    .map((r) => `${mdText(r.package.name)} ${mdText(r.package.from)} → ${mdText(r.package.to)}`)
    .join(", ");
  const more = reviews.length > 3 ? ` and ${reviews.length - 3} more` : "";
  const complete = reviews.every((r) => r.complete);
  const ask = approvalSentence(risk, complete, approval);
  return (
    `${NOTICE_MARKER}\nmcp-guard updated [its review](${reviewUrl}) ${at}: ${BADGE[risk]} risk${complete ? "" : " (analysis incomplete)"} — ${list}${more}. ${ask}`.trimEnd() +
    "\n"
  );
}
