import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { review } from "../../src/core/engine.js";
import { withLimits } from "../../src/core/limits.js";
import { MAX_BODY, renderMarkdown } from "../../src/render/markdown.js";
import { snap } from "../helpers/fixtures.js";

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
  });
});
