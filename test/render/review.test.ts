/**
 * The review for a reviewer who has thirty seconds: the verdict line (risk, the finding that sets it,
 * file:line, who may approve or why not), one findings table with linked rules, "raised because
 * signals combine" only when they did, and the notice posted when the review is updated.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  type ApprovalPolicy,
  NOTICE_MARKER,
  RULES_DOC_URL,
  renderMarkdown,
  renderPullReview,
  renderReviewNotice,
  verdictLine,
} from "../../src/render/markdown.js";
import { score } from "../../src/review/score.js";
import type { Finding, PackageReview } from "../../src/review/types.js";
import { RULES } from "../../src/rules/index.js";
import { ROOT } from "../helpers/fixtures.js";
import { reviewCases } from "../helpers/review-page.js";

const [critical, medium, none, failure] = await reviewCases();
const policy = (over: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({
  reviewers: ["@alice", "@acme/mcp-security"],
  requiredApprovals: 1,
  requireFrom: "none",
  allowIncomplete: false,
  ...over,
});
const link = (rule: string) => `[${rule}](${RULES_DOC_URL}#${rule})`;

/** A review with extra findings, scored as the engine scores them. */
function withFindings(r: PackageReview, extra: Finding[]): PackageReview {
  const findings = [...r.findings, ...extra];
  return { ...r, findings, ...score(findings) };
}
const finding = (
  rule: string,
  severity: Finding["severity"],
  file: string,
  line: number | null,
): Finding => ({
  rule,
  severity,
  file,
  line,
  message: `${rule} here`,
  evidence: `evidence of ${rule}`,
});

describe("the verdict line", () => {
  it("names the risk, the finding that sets it in plain words, file:line, its rule and who may approve", () => {
    assert.equal(
      verdictLine(critical!.review, policy()),
      `**🔴 Critical risk:** every message or request now gets the fixed Bcc "phan@&#8203;giftshop\\[.\\]club" at \`index.js:33\` in tool \`sendEmail\` (${link("hidden-recipient")}). Merge needs approval from @alice or @acme/mcp-security.`,
    );
    assert.equal(
      verdictLine(
        medium!.review,
        policy({ reviewers: ["@alice", "@bob", "@acme/sec"], requiredApprovals: 2 }),
      ),
      `**🟡 Medium risk:** new host eu\\[.\\]mailrelay\\[.\\]io at \`index.js:4\` (${link("new-endpoint")}). Merge needs 2 approvals from @alice, @bob or @acme/sec.`,
    );
  });

  it("in the CLI (no config) leaves out who approves", () => {
    assert.equal(
      verdictLine(medium!.review),
      `**🟡 Medium risk:** new host eu\\[.\\]mailrelay\\[.\\]io at \`index.js:4\` (${link("new-endpoint")}).`,
    );
    assert.ok(renderMarkdown(medium!.review).includes(`\n${verdictLine(medium!.review)}\n`));
  });

  it("for a none risk says why approval is still asked (policy), or that it is not", () => {
    assert.equal(
      verdictLine(none!.review, policy()),
      "**🟢 No risk found:** no rule flagged anything this version introduces. Merge still needs approval from @alice or @acme/mcp-security: the policy asks for a review of every change to a guarded package (`require_approval_from: none`).",
    );
    assert.equal(
      verdictLine(none!.review, policy({ requireFrom: "medium" })),
      "**🟢 No risk found:** no rule flagged anything this version introduces. No approval needed: the risk is below `require_approval_from: medium`.",
    );
    assert.match(
      verdictLine(none!.review, policy({ reviewers: [] })),
      /Merge still needs approval from a repository admin \(no reviewers are named in `\.github\/mcp-guard\.yml`\)/,
    );
    assert.equal(
      verdictLine(none!.review),
      "**🟢 No risk found:** no rule flagged anything this version introduces.",
    );
  });

  it("for an incomplete analysis gives the reason and that an approval cannot pass it (unless config allows)", () => {
    const reason =
      "index.js: does not parse as JavaScript \\(\\[1:0-1:6\\]: The export keyword can only be used with the module goal\\); checked by text patterns only";
    assert.equal(
      verdictLine(failure!.review, policy()),
      `**⛔ Analysis incomplete** (risk so far: medium): ${reason}. The check fails until the whole version is analysed: an approval cannot pass an incomplete analysis.`,
    );
    assert.match(
      verdictLine(failure!.review, policy({ allowIncomplete: true })),
      /\. Merge needs approval from @alice/,
    );
    assert.match(
      verdictLine(failure!.review),
      /checked by text patterns only\. Do not rely on this review alone\.$/,
    );
  });

  it("says the risk was raised by combined signals only when the combination set it", () => {
    // Two mediums beside each other in index.js make a high.
    const raised = withFindings(medium!.review, [finding("capability-added", "medium", "index.js", 2)]);
    assert.equal(raised.risk, "high");
    assert.match(
      verdictLine(raised, policy()),
      /^\*\*🟠 High risk:\*\* .* at `index\.js:\d+` \(.*\); raised to high because signals combine in index\.js: capability-added \\\+ new-endpoint\. Merge needs/,
    );
    // A high elsewhere already sets the risk: the pair changed nothing and is not named.
    const notRaised = withFindings(raised, [finding("secret-access", "high", "other.js", 1)]);
    assert.equal(notRaised.risk, "high");
    assert.deepEqual(notRaised.raisedBy, []);
    const body = renderMarkdown(notRaised, { approval: policy() });
    assert.ok(!/combine/.test(body), "no 'signals combine' where they did not raise the risk");
    assert.match(
      verdictLine(notRaised, policy()),
      /^\*\*🟠 High risk:\*\* secret-access here at `other\.js:1`/,
    );
  });
});

describe("the review's layout", () => {
  it("folds the package into the heading: no package table for one package, counts in one line", () => {
    const body = critical!.body;
    assert.deepEqual(body.split("\n").slice(0, 6), [
      "<!-- mcp-guard:review -->",
      "## mcp-guard: 🔴 critical risk — postmark-mcp 1.0.15 → 1.0.16",
      "",
      verdictLine(critical!.review, policy()),
      "",
      "<sub>2 findings (1 critical, 1 medium) · files: 2 modified</sub>",
    ]);
    assert.ok(!body.includes("| package |"));
  });

  it("shows evidence only where no diff line carries it", () => {
    const r = withFindings(medium!.review, [finding("binary-added", "low", "index.js", 900)]);
    const body = renderMarkdown(r);
    assert.ok(
      body.includes("binary-added here `evidence of binary-added` · "),
      "a finding off the diff keeps its evidence",
    );
    assert.ok(
      !body.includes('`export const MIRROR = "https'),
      "the flagged diff line is not repeated as evidence",
    );
  });

  it("says when flagged hunks are shown first, and only then", () => {
    const note = "_Hunks with findings are shown first; the others follow in file order._";
    assert.ok(critical!.body.includes(note), "postmark's flagged hunk (line 30) comes before line 9");
    assert.ok(!medium!.body.includes(note), "one hunk: nothing was reordered");
  });

  it("links every rule to its section of docs/RULES.md, and every rule has one", () => {
    const doc = readFileSync(join(ROOT, "docs", "RULES.md"), "utf8");
    const anchors = new Set([...doc.matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]!));
    for (const rule of RULES) assert.ok(anchors.has(rule.id), `docs/RULES.md has no section ${rule.id}`);
    const bodies = [critical, medium, none, failure].map((c) => c!.body).join("\n");
    const linked = [...bodies.matchAll(/\]\(([^)]*RULES\.md)#([^)]*)\)/g)];
    assert.ok(linked.length >= 5);
    for (const [, url, anchor] of linked) {
      assert.equal(url, RULES_DOC_URL);
      assert.ok(anchors.has(anchor!), `no anchor #${anchor} in docs/RULES.md`);
    }
  });

  it("several packages: one verdict for the pull request (the riskiest package), the packages table, each package after", () => {
    const body = renderPullReview([medium!.review, critical!.review], { approval: policy() });
    const lines = body.split("\n");
    assert.equal(lines[1], "# mcp-guard: 2 guarded package changes");
    assert.match(
      lines[3]!,
      /^\*\*🔴 Critical risk:\*\* postmark-mcp: every message or request .* Merge needs approval from @alice or @acme\/mcp-security\.$/,
    );
    assert.ok(body.includes("| `postmark-mcp` | `1.0.15` → `1.0.16` | 🔴 critical | 1 critical, 1 medium |"));
    assert.equal(body.match(/Merge needs approval/g)?.length, 1, "who approves is said once");
  });
});

describe("the notice of an updated review", () => {
  it("is one short comment with the risk, the packages, a link to the review and who may approve", () => {
    const url = "https://github.com/acme/service/pull/7#pullrequestreview-5";
    assert.equal(
      renderReviewNotice([critical!.review], url, "c".repeat(40), policy()),
      `${NOTICE_MARKER}\nmcp-guard updated [its review](${url}) for commit ccccccc: 🔴 critical risk — postmark-mcp 1.0.15 → 1.0.16. Merge needs approval from @alice or @acme/mcp-security.\n`,
    );
    assert.equal(
      renderReviewNotice([], url, "c".repeat(40), policy()),
      `${NOTICE_MARKER}\nmcp-guard updated [its review](${url}) for commit ccccccc: this pull request no longer changes a guarded package.\n`,
    );
  });
});
