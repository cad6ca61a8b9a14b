/**
 * A reviewer with thirty seconds reads the first screen: the verdict line and the flagged line must be
 * on it. The four cases (critical, medium, none, failure) are planned as the app plans them, rendered
 * with a GFM renderer and GitHub's Markdown CSS, laid out by headless Chromium at 1280 × 900, and the
 * top of each line is read from the page. Without Chromium (a developer machine; CI installs it), the
 * same pages are measured in rendered text lines instead, and the test says so.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import MarkdownIt from "markdown-it";
import {
  findChromium,
  measure,
  type ReviewCase,
  reviewCases,
  reviewPage,
  SCREEN,
} from "../helpers/review-page.js";

const cases = await reviewCases();
const chromium = findChromium();

/**
 * Lines of the first screen when measured as text. Calibrated against Chromium: the critical case's
 * flagged line is text line 20 and 556 px down (about 28 px a line, with headings and table padding),
 * so 900 px hold about 32 lines; 30 keeps a margin.
 */
const TEXT_LINES = 30;
/** Characters per line of the 880 px comment column. */
const LINE_CHARS = 120;

/**
 * The rendered review as the lines a reader scans: one per heading, paragraph line, table row, list
 * item and code line, long ones wrapped at the column's width. Returns the index of the first line
 * holding each needle (null: not on the page).
 */
function textLines(markdown: string, needles: Record<string, string>): Record<string, number | null> {
  const html = new MarkdownIt({ html: true }).render(markdown);
  const text = html
    .replace(/<(?:p|h\d|tr|li|summary|pre|details|hr)\b[^>]*>|<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  const lines = text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) =>
      Array.from({ length: Math.ceil(l.length / LINE_CHARS) }, (_, i) => l.slice(i * LINE_CHARS)),
    );
  const out: Record<string, number | null> = {};
  for (const [k, needle] of Object.entries(needles)) {
    const i = lines.findIndex((l) => l.includes(needle));
    out[k] = i < 0 ? null : i;
  }
  return out;
}

/** A needle's position; missing from the page counts as past any screen. */
const at = (r: Record<string, number | null>, k: string) => r[k] ?? Number.POSITIVE_INFINITY;

const needles = (c: ReviewCase) => ({ verdict: c.verdict, ...(c.flagged ? { flagged: c.flagged } : {}) });

describe(`the review's first screen (${SCREEN.width} × ${SCREEN.height})`, () => {
  it("covers the four cases, with a verdict each and a flagged line where something is flagged", () => {
    assert.deepEqual(
      cases.map((c) => [c.name, c.review.risk, c.review.complete, c.flagged !== null]),
      [
        ["critical", "critical", true, true],
        ["medium", "medium", true, true],
        ["none", "none", true, false],
        ["failure", "medium", false, true],
      ],
    );
    assert.deepEqual(
      cases.map((c) => c.check.conclusion),
      ["action_required", "action_required", "action_required", "failure"],
    );
  });

  for (const c of cases) {
    const what = c.flagged ? "the verdict line and the flagged line are" : "the verdict line is";
    it(`${c.name}: ${what} on the first screen`, async (t) => {
      // The verdict is the first thing after the heading, and says who may approve (or why not).
      const afterHeading = c.body.split("\n")[3]!;
      assert.ok(afterHeading.includes(c.verdict), `verdict line right after the heading: ${afterHeading}`);
      assert.match(
        afterHeading,
        /Merge (still )?needs approval from @alice or @acme\/mcp-security|The check fails until/,
      );

      const text = textLines(c.body, needles(c));
      t.diagnostic(`text lines: ${JSON.stringify(text)}`);
      assert.ok(at(text, "verdict") < 3, `verdict on text line ${text.verdict}`);
      if (c.flagged) assert.ok(at(text, "flagged") < TEXT_LINES, `flagged on text line ${text.flagged}`);

      if (!chromium) {
        t.diagnostic("no Chromium on PATH: measured in rendered text lines only (CI installs chromium)");
        return;
      }
      const px = await measure(chromium, reviewPage(c), needles(c));
      t.diagnostic(`pixels from the top: ${JSON.stringify(px)}`);
      // The whole line above the fold: its top, plus the height of one line of text.
      assert.ok(at(px, "verdict") + 24 <= SCREEN.height, `verdict at ${px.verdict} px`);
      if (c.flagged) assert.ok(at(px, "flagged") + 24 <= SCREEN.height, `flagged at ${px.flagged} px`);
    });
  }

  it("measures what it claims: a flagged line pushed below the screen is caught", async (t) => {
    const c = cases[0]!;
    const padded = {
      ...c,
      body: c.body.replace("### Findings", `${"Filler paragraph.\n\n".repeat(40)}### Findings`),
    };
    const text = textLines(padded.body, needles(padded));
    assert.ok(text.flagged != null && text.flagged >= TEXT_LINES, `flagged on text line ${text.flagged}`);
    if (!chromium) {
      t.diagnostic("no Chromium on PATH: checked in rendered text lines only");
      return;
    }
    const px = await measure(chromium, reviewPage(padded), needles(padded));
    assert.ok(px.flagged != null && px.flagged >= SCREEN.height, `flagged at ${px.flagged} px`);
    assert.ok(at(px, "verdict") < SCREEN.height);
  });
});
