/**
 * Every text of the `mcp-guard` check run (DESIGN §9): the verdict of a gate decision, and the
 * in-progress, superseded, abandoned and failed states. Pure. The state the app keeps in the check
 * is encoded by src/github/check-state.ts, not here.
 */
import { TEXT_BUDGET } from "../common/limits.js";
import type { AnalysedChange, GateDecision } from "../gate/approval.js";
import type { VersionChange } from "../gate/changes.js";
import type { CoveredChange, MergeGroupVerdict } from "../gate/merge-group.js";
import { defang, mdCode, mdText, truncate } from "./escape.js";

export const CHECK_NAME = "mcp-guard";

export interface CheckText {
  title: string;
  summary: string;
}

export interface CheckContext {
  /** "@alice, @acme/security" or "a repository admin". */
  whoMayApprove: string;
  /** False when no config file was found and the defaults apply. */
  configured: boolean;
  reviewUrl?: string;
  /** Why the review could not be posted, when it could not. */
  reviewProblem?: string;
  /** The config file the rules came from, and the commit it was read at. */
  configSource?: { file: string; commit: string };
  /** The base moved since the branch left it, and comparing with its tip showed other changes. */
  tipDiffers?: boolean;
  /** The base branch whose protection, GitHub says, does not require this check. */
  notRequiredOn?: string;
}

const TITLE_MAX = TEXT_BUDGET.checkTitleChars;
const SUMMARY_MAX = TEXT_BUDGET.checkSummaryChars;
const TABLE_ROWS = TEXT_BUDGET.checkRows;
const TOP_FINDINGS = TEXT_BUDGET.checkFindings;

export const IN_PROGRESS: CheckText = {
  title: "Reviewing package changes…",
  summary: "mcp-guard is fetching and diffing the changed packages.",
};

export const ABANDONED: CheckText = {
  title: "Abandoned by a stopped process",
  summary: "The process analysing this commit stopped before it finished; a new analysis has started.",
};

export function supersededText(headNow: string, retargeted = false): CheckText {
  if (retargeted)
    return {
      title: "Superseded: the base branch moved or was changed",
      summary:
        "The pull request was retargeted, or its base branch moved, while this commit was analysed; it is analysed again against the base as it is now.",
    };
  return {
    title: "Superseded by a newer push",
    summary: `The head moved to ${headNow.slice(0, 7)} while this commit was analysed; that commit gets its own check.`,
  };
}

/** Who could not be asked for a review, and why (src/github/writes.ts finds out; the check names them). */
export interface ReviewerRequestResult {
  /** Teams of another organisation: GitHub asks only teams of the repository's organisation. */
  otherOrgTeams: string[];
  /** Users GitHub refused because they are not collaborators of the repository (422, checked one by one). */
  notCollaborators: string[];
  /** Logins and teams GitHub still refused, with its message, when it names no one we can tell. */
  refused: { who: string[]; message: string } | null;
}

/**
 * The persistent notes about reviewer requests: a configuration error is never hidden, and names
 * the logins. Logins and team names come from the validated config on the default branch.
 */
export function reviewerRequestNotes(r: ReviewerRequestResult, repo: string): string[] {
  const at = (names: string[]) => names.map((n) => `@${n}`).join(", ");
  const notes: string[] = [];
  if (r.notCollaborators.length) {
    const them = r.notCollaborators.length === 1 ? "is not a collaborator" : "are not collaborators";
    notes.push(
      `Could not ask ${at(r.notCollaborators)} for a review: ${them} of ${repo}. Add them to the repository, or fix \`reviewers\` in .github/mcp-guard.yml.`,
    );
  }
  if (r.refused)
    notes.push(
      `Could not ask ${at(r.refused.who)} for a review (GitHub: ${mdText(truncate(r.refused.message, 200))}); check \`reviewers\` in .github/mcp-guard.yml.`,
    );
  if (r.otherOrgTeams.length)
    notes.push(
      `Could not ask ${at(r.otherOrgTeams)} for a review: GitHub asks only teams of this repository's organisation.`,
    );
  return notes;
}

/** Whether re-running can change a failure: only our own words say so ("…; re-run"). */
export function rerunHelps(problems: readonly string[]): boolean {
  return problems.some((p) => /re-run/i.test(p));
}

/** `3d`, `12h`, `90m`: the largest whole unit. */
function humanDuration(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m % 1440 === 0) return `${m / 1440}d`;
  if (m % 60 === 0) return `${m / 60}h`;
  return `${m}m`;
}

const arrow = (c: AnalysedChange) => `${c.name}${c.from ? ` ${c.from}` : ""} → ${c.to}`;

function packageList(changes: AnalysedChange[], max = 3): string {
  const shown = changes.slice(0, max).map(arrow).join(", ");
  return changes.length > max ? `${shown} and ${changes.length - max} more` : shown;
}

/** Title and opening lines for each kind of decision. */
function verdict(
  d: GateDecision,
  c: AnalysedChange[],
  ctx: CheckContext,
): { title: string; lines: string[] } {
  const risk = d.risk;
  switch (d.kind) {
    case "no-changes":
      return { title: "No MCP package changes", lines: ["This pull request changes no guarded package."] };
    case "invalid-config":
      return {
        title: "Invalid .github/mcp-guard.yml",
        lines: [
          "The configuration on the default branch is invalid; fix it there and re-run:",
          "",
          ...d.problems.map((p) => `- ${mdText(p)}`),
        ],
      };
    case "failed":
      return {
        // The reason is the title: it is what the checks list shows.
        title: `Analysis failed: ${d.problems[0] ?? "unknown reason"}`,
        lines: [
          `The analysis could not be completed: ${mdText(d.problems.join("; "))}`,
          "",
          rerunHelps(d.problems)
            ? "Use **Re-run** to try again."
            : "Re-running alone will not change this result: a person has to act on the reason above.",
        ],
      };
    case "incomplete":
      return {
        title: `Analysis incomplete (risk: ${risk}): ${packageList(c)}`,
        lines: ["Parts of the new versions could not be analysed, so an approval cannot pass this check."],
      };
    case "below-threshold":
      return {
        title: `No approval needed (risk: ${risk}): ${packageList(c)}`,
        lines: ["The risk is below the configured `require_approval_from`."],
      };
    case "approved":
      return {
        title: `Approved by ${d.approvedBy.map((u) => `@${u}`).join(", ")} for ${packageList(c)} (risk: ${risk})`,
        lines: ["A designated reviewer approved this exact set of package changes."],
      };
    case "revoked": {
      const who = d.approvedBy.length
        ? `; approval by ${d.approvedBy.map((u) => `@${u}`).join(", ")} revoked`
        : "";
      return {
        title: `Known malware: ${d.problems[0]?.split(" is known malware: ")[0] ?? packageList(c)}${who}`,
        lines: [
          "Malware intelligence published after this change set was analysed names a version it installs. An approval given before does not count: remove or replace the version.",
          "",
          ...d.problems.map((p) => `- ${mdText(p)}`),
        ],
      };
    }
    case "held": {
      const h = d.hold!;
      const until = h.until.startsWith("never")
        ? "a reviewer waives it"
        : `${h.until.slice(0, 16).replace("T", " ")} UTC`;
      return {
        title: `Held until ${until} (release age ${humanDuration(h.cooldown.ms)}): ${packageList(c)}`,
        lines: [
          `Versions younger than the cooldown (${mdText(h.cooldown.from)}: ${humanDuration(h.cooldown.ms)}) wait: most malicious versions are found and pulled within days. The check decides again by itself when the time passes.`,
          "",
          ...h.why.map((w) => `- ${mdText(w)}`),
          "",
          `An approver from ${ctx.whoMayApprove} may waive the hold: approve with a line \`mcp-guard: waive release age\` in the review.`,
        ],
      };
    }
    case "waiting": {
      // Reviewer names come from the validated config on the default branch, not from package content.
      const lines = [`Waiting for approval from ${ctx.whoMayApprove}.`];
      if (!ctx.configured) {
        lines.push(
          "",
          "No `.github/mcp-guard.yml` on the default branch: repository admins may approve. Name reviewers with `reviewers: { users: [...], teams: [org/team] }`.",
        );
      }
      return { title: `Risk ${risk}: ${packageList(c)} needs approval`, lines };
    }
  }
}

/** The package table and the most severe findings. */
function changeTable(c: AnalysedChange[]): string[] {
  if (!c.length) return [];
  const lines = ["", "| package | from | to | risk | findings | complete |", "|---|---|---|---|---|---|"];
  for (const ch of c.slice(0, TABLE_ROWS)) {
    lines.push(
      `| ${mdCode(ch.dir ? `${ch.dir}: ${ch.name}` : ch.name)} | ${mdCode(ch.from ?? "(new)")} | ${mdCode(ch.to)} | ${ch.risk} | ${ch.findings} | ${ch.complete ? "yes" : "**no**"} |`,
    );
  }
  if (c.length > TABLE_ROWS) lines.push("", `_${c.length - TABLE_ROWS} more packages._`);
  const top = c
    .flatMap((ch) => (ch.top ?? []).map((t) => ({ text: `${ch.name}: ${t.text}`, hosts: t.hosts })))
    .slice(0, TOP_FINDINGS);
  if (top.length) {
    lines.push("", "Findings:", "", ...top.map((t) => `- ${mdText(defang(truncate(t.text, 300), t.hosts))}`));
  }
  return lines;
}

export function renderCheck(decision: GateDecision, changes: AnalysedChange[], ctx: CheckContext): CheckText {
  const { title, lines } = verdict(decision, changes, ctx);
  lines.push(...changeTable(changes));
  // Notes hold GitHub logins and our own words only.
  const notes = ctx.reviewProblem ? [...decision.notes, ctx.reviewProblem] : decision.notes;
  if (notes.length) lines.push("", ...notes.map((n) => `- ${n}`));
  if (ctx.tipDiffers)
    lines.push(
      "",
      "The base branch moved since this branch left it, and comparing with its tip shows changes the merge base does not: both are listed and both need the approval. Updating the branch compares against one base.",
    );
  if (ctx.reviewUrl)
    lines.push("", `The risk-annotated diff is in the [mcp-guard review](${ctx.reviewUrl}).`);
  if (ctx.notRequiredOn)
    lines.push(
      "",
      `⚠️ GitHub reports that branch protection on ${mdCode(ctx.notRequiredOn)} does not require the \`mcp-guard\` check: unless a ruleset requires it, this check cannot block a merge. See "Branch protection" in the mcp-guard README.`,
    );
  if (ctx.configSource)
    lines.push(
      "",
      `Rules: ${mdCode(ctx.configSource.file)} at ${mdCode(ctx.configSource.commit.replace(/[^0-9a-f]/gi, "").slice(0, 7))}.`,
    );
  return { title: truncate(title, TITLE_MAX), summary: truncate(lines.join("\n"), SUMMARY_MAX) };
}

/** A run a stopping process could not finish (shutdown past its grace period, or work still queued). */
export const INTERRUPTED: CheckText = {
  title: "Interrupted: mcp-guard restarted before finishing; it will re-run",
  summary:
    "The mcp-guard process was stopped (a deploy or a restart) before it decided this commit. The next mcp-guard process analyses it again as soon as it starts; until then this check blocks. If nothing happens within a few minutes, use **Re-run**.",
};

/** A review event whose re-decision failed after its retries: the earlier result no longer holds. */
export function approvalNotProcessedText(reason: string): CheckText {
  return {
    title: "A review could not be processed: use Re-run, or submit the review again",
    summary: `A review on this pull request may have changed who approved it, but mcp-guard could not decide the check again: ${mdText(truncate(reason, 300))}. The earlier result no longer holds, so this check blocks. Use **Re-run**, or submit the review again, once GitHub answers.`,
  };
}

/** One change of a merge group, as its title and summary name it (directory, package, versions). */
function groupChange(c: VersionChange): string {
  return `${c.dir ? `${c.dir}: ` : ""}${c.name} ${c.from ?? "(new)"} → ${c.to}`;
}

function groupChangeList(changes: VersionChange[], max = 3): string {
  const shown = changes.slice(0, max).map(groupChange).join(", ");
  return changes.length > max ? `${shown} and ${changes.length - max} more` : shown;
}

/** The check on a merge group's commit: what passed it, or which change no approval covers. */
export function renderMergeGroupCheck(v: MergeGroupVerdict, baseBranch: string): CheckText {
  const lines: string[] = [];
  let title: string;
  if (v.kind === "no-changes") {
    title = "No MCP package changes in this merge group";
    lines.push("The merge group changes no guarded package.");
  } else if (v.kind === "covered") {
    title = `Approved in the merge group's pull requests: ${groupChangeList(v.covered.map((c) => c.change))}`;
    lines.push(
      "Every guarded package change in this merge group is, byte for byte (package, versions, integrity, source), a change of a pull request in this merge group whose mcp-guard check passes now:",
      "",
      ...v.covered.slice(0, TABLE_ROWS).map((c) => `- ${coveredLine(c)}`),
    );
  } else {
    title = `Not approved: ${groupChangeList(v.uncovered)}`;
    lines.push(
      `No approval covers these guarded package changes of the merge group: no pull request in the group (into \`${mdText(baseBranch)}\`) whose mcp-guard check passes now makes this exact change (package, versions, integrity, source):`,
      "",
      ...v.uncovered.slice(0, TABLE_ROWS).map((c) => `- ${mdCode(groupChange(c))}`),
    );
    if (v.uncovered.length > TABLE_ROWS) lines.push("", `_${v.uncovered.length - TABLE_ROWS} more._`);
    if (v.notes.length)
      lines.push(
        "",
        "Pull requests looked at:",
        "",
        ...v.notes.map((n) => `- ${n.number === null ? "" : `#${n.number}: `}${n.why}`),
      );
    if (v.covered.length)
      lines.push("", "Covered:", "", ...v.covered.slice(0, TABLE_ROWS).map((c) => `- ${coveredLine(c)}`));
    lines.push(
      "",
      "Get the pull request that makes the change approved (its own mcp-guard check must pass), then add it to the merge queue again.",
    );
  }
  return { title: truncate(title, TITLE_MAX), summary: truncate(lines.join("\n"), SUMMARY_MAX) };
}

function coveredLine(c: CoveredChange): string {
  const by = c.approvedBy.length
    ? `approved by ${c.approvedBy.map((u) => `@${u}`).join(", ")}`
    : "no approval needed at its risk";
  return `${mdCode(groupChange(c.change))}: #${c.pull}, ${by}`;
}

/** A merge group that could not be checked: the reason is the title; nothing unknown passes. */
export function mergeGroupFailure(message: string): CheckText {
  return {
    title: truncate(`Analysis failed: ${message}`, TITLE_MAX),
    summary: truncate(
      [
        `The merge group could not be checked, so it does not pass: ${mdText(message)}`,
        "",
        rerunHelps([message])
          ? "To try again, add the pull request to the merge queue again (the queue builds a new group)."
          : "Trying again alone will not change this result: a person has to act on the reason above, then add the pull request to the merge queue again.",
      ].join("\n"),
      SUMMARY_MAX,
    ),
  };
}
