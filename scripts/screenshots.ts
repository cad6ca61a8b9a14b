/**
 * Regenerates docs/screenshots/<case>-{review,check}.png: the review and the check of the four cases
 * (critical, medium, none, failure) as the app plans them, rendered with markdown-it and GitHub's
 * Markdown CSS and shot by headless Chromium at 1280 × 900. Needs Debian's `chromium` on PATH.
 * Usage: npm run screenshots
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../test/helpers/fixtures.js";
import { checkPage, findChromium, reviewCases, reviewPage, screenshot } from "../test/helpers/review-page.js";

const bin = findChromium();
if (!bin) {
  console.error("screenshots: no chromium on PATH (Debian: apt-get install -y chromium)");
  process.exit(2);
}
const out = join(ROOT, "docs", "screenshots");
mkdirSync(out, { recursive: true });
for (const c of await reviewCases()) {
  for (const [kind, html] of [
    ["review", reviewPage(c)],
    ["check", checkPage(c)],
  ] as const) {
    const png = join(out, `${c.name}-${kind}.png`);
    await screenshot(bin, html, png);
    console.log(`wrote docs/screenshots/${c.name}-${kind}.png`);
  }
}
