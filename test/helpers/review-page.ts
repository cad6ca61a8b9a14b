/**
 * The review and the check as a person sees them: the four cases (critical, medium, none, failure)
 * planned exactly as the app plans them, rendered to HTML with a GFM renderer and GitHub's Markdown
 * CSS, and headless Chromium to measure where lines land or to take a screenshot. Used by the
 * first-screen test and by `npm run screenshots`.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import MarkdownIt from "markdown-it";
import { withLimits } from "../../src/common/limits.js";
import type { VersionChange } from "../../src/gate/changes.js";
import { parseConfigText } from "../../src/gate/config.js";
import type { PullFacts } from "../../src/gate/pull.js";
import { readTarball } from "../../src/npm/tarball.js";
import { type CheckWrite, planPullRequest } from "../../src/plan/pull-request.js";
import type { PackageReview } from "../../src/review/types.js";
import { FIXTURES, review, reviewCase } from "./fixtures.js";
import { BASE, HEAD } from "./github.js";

/** The screen a reviewer reads on: a laptop browser window. */
export const SCREEN = { width: 1280, height: 900 } as const;

export const CASES = ["critical", "medium", "none", "failure"] as const;
export type CaseName = (typeof CASES)[number];

export interface ReviewCase {
  name: CaseName;
  review: PackageReview;
  /** The review body and the check, as the app would post them. */
  body: string;
  check: CheckWrite;
  /** Text that starts the verdict line, and text only the flagged diff line holds (null: none). */
  verdict: string;
  flagged: string | null;
}

const CONFIG = "reviewers:\n  users: [alice]\n  teams: [acme/mcp-security]\n";
const REVIEW_URL = "https://github.com/acme/service/pull/7#pullrequestreview-1";

/** Plans one guarded change as the app does (config, review, check) from a package review. */
function planned(name: CaseName, r: PackageReview, verdict: string, flagged: string | null): ReviewCase {
  const change: VersionChange = {
    dir: "",
    name: r.package.name,
    from: r.package.from,
    to: r.package.to,
    direct: true,
    source: "lockfile",
  };
  const facts: PullFacts = {
    pr: { number: 7, author: "dependabot[bot]", headSha: HEAD, baseSha: BASE, baseRef: "main" },
    mergeBaseSha: BASE,
    config: parseConfigText(CONFIG),
    changedFiles: ["package-lock.json"],
    filesAt: new Map(),
    reviews: [],
    standing: new Map(),
    pushers: { logins: new Set(), unattributed: [] },
    basesAtHead: [BASE],
    approvedSets: new Map(),
  };
  const plan = planPullRequest(facts, { guarded: [change], reviews: [r], headNow: HEAD });
  if (plan.review?.kind !== "create") throw new Error(`case ${name}: no review planned`);
  return {
    name,
    review: r,
    body: plan.review.body,
    check: plan.check({ url: REVIEW_URL }),
    verdict,
    flagged,
  };
}

export async function reviewCases(): Promise<ReviewCase[]> {
  const limits = withLimits();
  const tgz = (v: string) =>
    readTarball(
      `postmark-mcp-${v}.tgz`,
      readFileSync(join(FIXTURES, "packages", `postmark-mcp-${v}.tgz`)),
      limits,
    );
  const [v15, v16, v17] = await Promise.all([tgz("1.0.15"), tgz("1.0.16"), tgz("1.0.17")]);
  const rule = (id: string, c: string) => reviewCase(join(FIXTURES, "rules", id, "flagged", c));
  return [
    planned("critical", review(v15, v16, { limits }), "Critical risk:", "⟵ 🔴 critical hidden-recipient"),
    planned("medium", await rule("new-endpoint", "new-api-host"), "Medium risk:", "⟵ 🟡 medium new-endpoint"),
    planned("none", review(v16, v17, { limits }), "No risk found:", null),
    planned("failure", await rule("unreviewable", "does-not-parse"), "Analysis incomplete", "unreviewable"),
  ];
}

// GitHub renders CommonMark with tables and strikethrough and allows the tags the review uses.
// Diff fences are coloured as GitHub colours them (its `pl-mi1` / `pl-md` classes in the CSS).
const md: MarkdownIt = new MarkdownIt({
  html: true,
  linkify: false,
  highlight: (code, lang) =>
    lang === "diff"
      ? code
          .split("\n")
          .map((l) => {
            const cls = l.startsWith("+") ? "pl-mi1" : l.startsWith("-") ? "pl-md" : "";
            const text = md.utils.escapeHtml(l);
            return cls ? `<span class="${cls}">${text}</span>` : text;
          })
          .join("\n")
      : "",
});
const require = createRequire(import.meta.url);
const githubCss = () =>
  readFileSync(require.resolve("github-markdown-css/github-markdown-light.css"), "utf8");

/** A page laid out like a review on a pull request at the reader's width: a comment column with a header. */
function page(heading: string, markdown: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>mcp-guard</title>
<style>${githubCss()}</style>
<style>
  body { margin: 0; background: #fff; font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
  .column { width: 880px; margin: 16px auto; border: 1px solid #d1d9e0; border-radius: 6px; }
  .head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; font-size: 14px; color: #59636e; }
  .markdown-body { padding: 16px; font-size: 14px; }
</style></head>
<body><div class="column"><div class="head">${heading}</div>
<div class="markdown-body">
${md.render(markdown)}
</div></div></body></html>`;
}

/** The review as a pull-request review comment. */
export const reviewPage = (c: ReviewCase) =>
  page("<b>mcp-guard</b> <span>bot</span> reviewed · commented", c.body);

const CONCLUSION: Record<string, string> = {
  success: "✅ Success",
  action_required: "🟡 Action required",
  failure: "❌ Failure",
  cancelled: "⊘ Cancelled",
};

/** The check run as the Checks tab shows it: conclusion, title, then the summary Markdown. */
export const checkPage = (c: ReviewCase) =>
  page(
    `<b>mcp-guard</b> · ${CONCLUSION[c.check.conclusion] ?? c.check.conclusion}${c.check.rerun ? " · Re-run" : ""}`,
    `## ${c.check.output.title}\n\n${c.check.output.summary}`,
  );

/** Debian's `chromium` (or another Chromium on PATH), or null when none is installed. */
export function findChromium(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter))
    for (const name of ["chromium", "chromium-browser", "google-chrome"])
      if (dir && existsSync(join(dir, name))) return join(dir, name);
  return null;
}

const run = promisify(execFile);

/** Runs headless Chromium on one page in a throwaway profile; returns stdout. */
async function chromium(bin: string, html: string, args: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "mcp-guard-page-"));
  try {
    const file = join(dir, "page.html");
    writeFileSync(file, html);
    const { stdout } = await run(
      bin,
      [
        "--headless",
        // The page is our own rendering of fixture packages; the sandbox needs user namespaces that
        // containers and CI runners as root do not have.
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        `--user-data-dir=${join(dir, "profile")}`,
        `--window-size=${SCREEN.width},${SCREEN.height}`,
        ...args,
        `file://${file}`,
      ],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where each needle's first occurrence starts, in CSS pixels from the top of the page, as Chromium
 * lays the page out at the screen's width (null: not on the page). A small script in the page reads
 * the positions with getBoundingClientRect and writes them into the DOM, which Chromium dumps.
 */
export async function measure(
  bin: string,
  html: string,
  needles: Record<string, string>,
): Promise<Record<string, number | null>> {
  const script = `<script>
(() => {
  const out = {};
  for (const [key, needle] of Object.entries(${JSON.stringify(needles)})) {
    out[key] = null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf(needle);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + needle.length);
      out[key] = Math.round(range.getBoundingClientRect().top + window.scrollY);
      break;
    }
  }
  const pre = document.createElement("pre");
  pre.id = "mcp-guard-measure";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>`;
  const dom = await chromium(bin, html.replace("</body>", `${script}</body>`), ["--dump-dom"]);
  const m = /<pre id="mcp-guard-measure">([^<]*)<\/pre>/.exec(dom);
  if (!m) throw new Error("Chromium did not run the measuring script");
  return JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as Record<string, number | null>;
}

/** A PNG of the page's first screen. */
export async function screenshot(bin: string, html: string, png: string): Promise<void> {
  await chromium(bin, html, [`--screenshot=${png}`]);
  if (!existsSync(png)) throw new Error(`Chromium wrote no screenshot ${png}`);
}
