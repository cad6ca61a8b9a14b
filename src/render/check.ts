/**
 * The `mcp-guard` check run's output for a gate decision (DESIGN §9), and the state the app keeps
 * in it. Pure. Check runs can only be written by the app that created them, so the analysed change
 * set stored here can be trusted when a review event re-decides the gate without re-fetching.
 */
import type { AnalysedChange, GateDecision } from "../core/gate.js";
import { defang, mdCode, mdText, truncate } from "./escape.js";

export const CHECK_NAME = "mcp-guard";
const STATE_START = "<!-- mcp-guard:state ";
const STATE_END = " -->";

export interface CheckState {
  headSha: string;
  fingerprint: string;
  changes: AnalysedChange[];
  reviewUrl?: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text: string;
}

const arrow = (c: AnalysedChange) => `${c.name}${c.from ? ` ${c.from}` : ""} → ${c.to}`;

function packageList(changes: AnalysedChange[], max = 3): string {
  const shown = changes.slice(0, max).map(arrow).join(", ");
  return changes.length > max ? `${shown} and ${changes.length - max} more` : shown;
}

export function renderCheck(
  decision: GateDecision,
  state: CheckState,
  context: { whoMayApprove: string; configured: boolean },
): CheckOutput {
  const c = state.changes;
  const risk = decision.risk;
  let title: string;
  const lines: string[] = [];
  switch (decision.kind) {
    case "no-changes":
      title = "No MCP package changes";
      lines.push("This pull request changes no guarded package.");
      break;
    case "invalid-config":
      title = "Invalid .github/mcp-guard.yml";
      lines.push("The configuration on the default branch is invalid; fix it there and re-run:", "");
      for (const p of decision.problems) lines.push(`- ${mdText(p)}`);
      break;
    case "failed":
      title = "Analysis failed";
      lines.push(
        `The analysis could not be completed: ${mdText(decision.problems.join("; "))}`,
        "",
        decision.problems.some((p) => /re-run/i.test(p))
          ? "Use **Re-run** to try again."
          : "Re-running alone will not change this result: a person has to act on the reason above.",
      );
      break;
    case "incomplete":
      title = `Analysis incomplete (risk: ${risk}): ${packageList(c)}`;
      lines.push("Parts of the new versions could not be analysed, so an approval cannot pass this check.");
      break;
    case "below-threshold":
      title = `No approval needed (risk: ${risk}): ${packageList(c)}`;
      lines.push("The risk is below the configured `require_approval_from`.");
      break;
    case "approved":
      title = `Approved by ${decision.approvedBy.map((u) => `@${u}`).join(", ")} for ${packageList(c)} (risk: ${risk})`;
      lines.push("A designated reviewer approved this exact set of package changes.");
      break;
    default:
      title = `Risk ${risk}: ${packageList(c)} needs approval`;
      // Reviewer names come from the validated config on the default branch, not from package content.
      lines.push(`Waiting for approval from ${context.whoMayApprove}.`);
      if (!context.configured) {
        lines.push(
          "",
          "No `.github/mcp-guard.yml` on the default branch: repository admins may approve. Name reviewers with `reviewers: { users: [...], teams: [org/team] }`.",
        );
      }
  }
  if (c.length) {
    lines.push("", "| package | from | to | risk | findings | complete |", "|---|---|---|---|---|---|");
    for (const ch of c.slice(0, 50)) {
      lines.push(
        `| ${mdCode(ch.dir ? `${ch.dir}: ${ch.name}` : ch.name)} | ${mdCode(ch.from ?? "(new)")} | ${mdCode(ch.to)} | ${ch.risk} | ${ch.findings} | ${ch.complete ? "yes" : "**no**"} |`,
      );
    }
    if (c.length > 50) lines.push("", `_${c.length - 50} more packages._`);
    const top = c
      .flatMap((ch) => (ch.top ?? []).map((t) => ({ text: `${ch.name}: ${t.text}`, hosts: t.hosts })))
      .slice(0, 10);
    if (top.length) {
      lines.push(
        "",
        "Findings:",
        "",
        ...top.map((t) => `- ${mdText(defang(truncate(t.text, 300), t.hosts))}`),
      );
    }
  }
  // Notes hold GitHub logins and our own words only.
  if (decision.notes.length) lines.push("", ...decision.notes.map((n) => `- ${n}`));
  if (state.reviewUrl)
    lines.push("", `The risk-annotated diff is in the [mcp-guard review](${state.reviewUrl}).`);
  return {
    title: truncate(title, 240),
    summary: truncate(lines.join("\n"), 60_000),
    text: `${STATE_START}${Buffer.from(JSON.stringify(state)).toString("base64")}${STATE_END}`,
  };
}

/** The state written by renderCheck, or null when the text holds none (or it does not parse). */
export function readCheckState(text: string | null | undefined): CheckState | null {
  if (!text) return null;
  const start = text.indexOf(STATE_START);
  const end = text.indexOf(STATE_END, start + STATE_START.length);
  if (start < 0 || end < 0) return null;
  try {
    const raw = Buffer.from(text.slice(start + STATE_START.length, end), "base64").toString("utf8");
    const v = JSON.parse(raw) as CheckState;
    return typeof v.headSha === "string" && typeof v.fingerprint === "string" && Array.isArray(v.changes)
      ? v
      : null;
  } catch {
    return null;
  }
}
