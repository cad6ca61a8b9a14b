import type { Rule, RuleFinding } from "../core/rule.js";

const CODE = /\.(?:m|c)?[jt]sx?$/i;
/** Below this much old code, a rewrite is not a mass deletion worth a finding. */
const MIN_OLD_LINES = 200;

function entryOf(manifest: Record<string, unknown>): string | null {
  return typeof manifest.main === "string" ? manifest.main.replace(/^\.\//, "") : null;
}

export const rule: Rule = {
  id: "mass-deletion",
  title: "Most of the code or the entry point removed",
  description:
    "Flags a new version that removes most of the old version's code (over 70% of at least 200 lines), or " +
    "removes or empties the entry point. Protestware and hijacked packages replace a working package with " +
    "a stub or a payload; a legitimate rewrite is worth a second look too.",
  defaultSeverity: "medium",
  incident:
    "colors 1.4.44-liberty-2 and faker 6.6.6 (January 2022) replaced working code with an infinite loop and an empty package.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    let oldLines = 0;
    let removed = 0;
    for (const f of ctx.a.files.values())
      if (f.kind === "text" && CODE.test(f.path)) oldLines += f.text!.split("\n").length;
    for (const c of ctx.diff.files) if (c.old && CODE.test(c.old.path)) removed += c.removed;
    if (oldLines >= MIN_OLD_LINES && removed / oldLines > 0.7) {
      out.push({
        severity: "medium",
        file: ".",
        line: null,
        message: `${Math.round((100 * removed) / oldLines)}% of the old version's code lines removed (${removed} of ${oldLines})`,
        evidence: `${removed} lines removed`,
      });
    }
    const entry = entryOf(ctx.b.manifest) ?? entryOf(ctx.a.manifest) ?? "index.js";
    const before = ctx.a.files.get(entry);
    const after = ctx.b.files.get(entry);
    if (before?.kind === "text" && before.text!.trim().length > 200) {
      if (!after)
        out.push({
          severity: "medium",
          file: entry,
          line: null,
          message: `entry point ${entry} removed`,
          evidence: entry,
        });
      else if (after.kind === "text" && after.text!.trim().length < 20)
        out.push({
          severity: "medium",
          file: entry,
          line: 1,
          message: `entry point ${entry} emptied`,
          evidence: after.text!.trim(),
        });
    }
    return out;
  },
};
