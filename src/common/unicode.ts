/** Invisible and direction-changing characters: finding them and showing them. Pure. */

/** Always suspicious: bidi controls, tag characters, invisible separators and fillers. */
const ALWAYS =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: these code points are matched one at a time on purpose
  /[\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}\u2061-\u2064\u3164\u115F\u1160\uFFA0\u{E0100}-\u{E01EF}]|[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]{4,}/u;
/** Zero-width characters are suspicious between ASCII characters (not in emoji or Indic text). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: these code points are matched one at a time on purpose
const ZERO_WIDTH_IN_ASCII = /[\x21-\x7e][\u200B-\u200D\u2060\uFEFF\u00AD\uFE00-\uFE0F]+[\x21-\x7e]/;

/** Everything the review renders as ⟦U+XXXX⟧ rather than invisibly. */
const SHOWN =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: these code points are matched one at a time on purpose
  /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}\uFE00-\uFE0E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u3164\u115F\u1160\uFFA0\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;

/** Hidden characters other than runs of private-use code points (which icon fonts use in bundles). */
const NOT_PRIVATE_USE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: these code points are matched one at a time on purpose
  /[\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}\u2061-\u2064\u3164\u115F\u1160\uFFA0\u{E0100}-\u{E01EF}]/u;

/** Only private-use runs: an icon font's glyph codes as likely as a hidden payload. */
export function onlyPrivateUse(text: string): boolean {
  return hasHiddenChars(text) && !NOT_PRIVATE_USE.test(text) && !ZERO_WIDTH_IN_ASCII.test(text);
}

export function hasHiddenChars(text: string): boolean {
  return ALWAYS.test(text) || ZERO_WIDTH_IN_ASCII.test(text);
}

/** Code points of the hidden characters in `text`, as U+XXXX. */
export function hiddenCodePoints(text: string): string[] {
  return [...new Set([...text.matchAll(SHOWN)].map((m) => codePointLabel(m[0])))];
}

export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Makes invisible characters visible: `⟦U+202E⟧`. */
export function showInvisible(text: string): string {
  return text.replace(SHOWN, (ch) => `⟦${codePointLabel(ch)}⟧`);
}

const LATIN = /\p{Script=Latin}/u;
const CONFUSABLE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;

/** An identifier that mixes Latin with look-alike scripts (pаypal with a Cyrillic а). */
export function isMixedScript(identifier: string): boolean {
  return LATIN.test(identifier) && CONFUSABLE_SCRIPT.test(identifier);
}
