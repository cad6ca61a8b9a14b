import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasHiddenChars, onlyPrivateUse } from "../../src/common/unicode.js";

describe("private-use runs", () => {
  it("are hidden but only private use: an icon font's glyph map", () => {
    const icons = 'const glyphs = "\uF8F6\uF8F5\uF8F4\uF8F7\uF8FA";';
    assert.ok(hasHiddenChars(icons));
    assert.ok(onlyPrivateUse(icons));
  });
  it("with tag characters, bidi controls or zero-width characters between letters, are more than that", () => {
    for (const t of [
      '"\uF8F6\uF8F5\uF8F4\uF8F7 \u{E0041}\u{E0042}"',
      '"\uF8F6\uF8F5\uF8F4\uF8F7 \u202E"',
      '"\uF8F6\uF8F5\uF8F4\uF8F7 a\u200Bb"',
    ])
      assert.ok(hasHiddenChars(t) && !onlyPrivateUse(t), t);
  });
});
