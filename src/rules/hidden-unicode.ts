import {
  hasHiddenChars,
  hiddenCodePoints,
  isMixedScript,
  onlyPrivateUse,
  showInvisible,
} from "../common/unicode.js";
import type { Rule, RuleFinding } from "../review/rule.js";
import { addedLines } from "./lib/evidence.js";
import { isBrowserAsset, isDocPath } from "./lib/paths.js";

export const rule: Rule = {
  id: "hidden-unicode",
  title: "Invisible or look-alike characters",
  description:
    "Flags added lines with bidirectional controls (Trojan Source), Unicode tag characters, zero-width " +
    "characters between ASCII text, invisible fillers, and identifiers mixing Latin with look-alike " +
    "scripts, and runs of private-use code points (medium alone: icon fonts keep their glyph codes there). " +
    "Emoji joiners and zero-width characters inside non-Latin text are left alone.",
  defaultSeverity: "high",
  incident:
    "Trojan Source (CVE-2021-42574) hid logic with bidi controls; the os-info-checker-es6 npm package (2025) hid its loader in invisible Unicode.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const { file, change } of ctx.changed) {
      // Built assets of a web UI run in a browser, not in the server the agent starts.
      const severity = isDocPath(file.path) ? "low" : isBrowserAsset(file.path) ? "medium" : "high";
      const flagged = new Set<number>();
      for (const h of change.hunks)
        for (const l of h.lines) {
          if (l.op !== "+" || !l.newLine || flagged.has(l.newLine) || !hasHiddenChars(l.text)) continue;
          flagged.add(l.newLine);
          out.push({
            // Private-use runs alone are icon-font glyphs as often as a payload: medium.
            severity: onlyPrivateUse(l.text) && severity === "high" ? "medium" : severity,
            file: file.path,
            line: l.newLine,
            message: `invisible characters ${hiddenCodePoints(l.text).join(", ")}`,
            evidence: showInvisible(l.text.trim().slice(0, 200)),
          });
        }
      const facts = ctx.facts(file);
      if (!facts) continue;
      const added = addedLines(change);
      const seen = new Set<string>();
      for (const id of facts.identifiers) {
        if (!added.has(id.line) || seen.has(id.value) || !isMixedScript(id.value)) continue;
        seen.add(id.value);
        out.push({
          severity,
          file: file.path,
          line: id.line,
          message: `identifier "${id.value}" mixes Latin with look-alike letters of another script`,
          evidence: id.value,
        });
      }
    }
    return out;
  },
};
