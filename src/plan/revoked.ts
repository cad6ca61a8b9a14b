/**
 * Merged pull requests whose approved versions malware intelligence names after the fact: one issue
 * per repository, written in place, listing each (pull request, package, record, who approved). Pure.
 */
import type { MalwareMatch } from "../gate/approval.js";
import { mdCode, mdText } from "../render/escape.js";

export const REVOKED_MARKER = "<!-- mcp-guard:revoked -->";

export interface MergedRevocation {
  pr: number;
  mergedAt: string;
  approvedBy: string[];
  matches: MalwareMatch[];
}

/** The issue to write, or null when there is nothing to say or it already says it. */
export function planRevokedIssue(
  found: readonly MergedRevocation[],
  existing: { number: number; body: string } | null,
): { number?: number; title: string; body: string } | null {
  if (!found.length) return null;
  const rows = [...found]
    .sort((a, b) => a.pr - b.pr)
    .flatMap((f) =>
      f.matches.map(
        (m) =>
          `| #${f.pr} | ${f.mergedAt.slice(0, 10)} | ${mdCode(m.pkg)} | [${mdText(m.id)}](${m.url}) | ${f.approvedBy.map((u) => `@${u}`).join(", ") || "(not recorded)"} |`,
      ),
    );
  const body = [
    REVOKED_MARKER,
    "Malware intelligence published after these pull requests were approved and merged names versions they install. Their approvals no longer stand: remove or replace these versions, and check the machines that installed them.",
    "",
    "| pull request | merged | package | record | approved by |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "_Written by mcp-guard's periodic re-check of the last 30 days of merged changes; updated in place._",
  ].join("\n");
  if (existing?.body === body) return null;
  const title = `mcp-guard: ${rows.length} merged dependency version${rows.length === 1 ? " is" : "s are"} now known malware`;
  return { ...(existing ? { number: existing.number } : {}), title, body };
}
