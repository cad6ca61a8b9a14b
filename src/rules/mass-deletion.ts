import type { Rule, RuleFinding } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { changedCode, oldHad } from "./lib/introduced.js";
import { isTestPath } from "./lib/paths.js";

const CODE = /\.(?:m|c)?[jt]sx?$/i;
/** Below this much old code, a rewrite is not a mass deletion worth a finding. */
const MIN_OLD_BYTES = 4096;

function entryOf(manifest: Record<string, unknown>): string | null {
  return typeof manifest.main === "string" ? manifest.main.replace(/^\.\//, "") : null;
}

/** A package of at least this much code that keeps under 5% of it is gutted, not refactored. */
const GUTTED_MIN_BYTES = 64 * 1024;

export const rule: Rule = {
  id: "mass-deletion",
  title: "Most of the code or the entry point removed",
  description:
    "Flags a new version that keeps less than 30% of the old version's code (by bytes, of at least 4 KiB), or " +
    "removes or empties the entry point, and code that loops forever or floods the output when a module is " +
    "loaded (high: the server never starts or breaks). Protestware and hijacked packages replace a working package with a stub, a " +
    "payload or an endless loop; a legitimate rewrite is worth a second look too.",
  defaultSeverity: "medium",
  incident:
    "colors 1.4.44-liberty-2 and faker 6.6.6 (January 2022) replaced working code with an infinite loop and an empty package.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    // Bytes, not lines: bundles re-chunk and split lines; what matters is how much code is left.
    const bytes = (files: Iterable<{ path: string; size: number; kind: string }>) => {
      let n = 0;
      for (const f of files) if (f.kind !== "binary" && CODE.test(f.path)) n += f.size;
      return n;
    };
    const before = bytes(ctx.a.files.values());
    const after = bytes(ctx.b.files.values());
    if (before >= MIN_OLD_BYTES && after < before * 0.3) {
      // Almost nothing left of a substantial package: its functionality is gone, whatever replaces it.
      const gutted = after < before * 0.05 && before >= GUTTED_MIN_BYTES;
      out.push({
        severity: gutted ? "high" : "medium",
        file: ".",
        line: null,
        message: `the new version keeps ${Math.round((100 * after) / before)}% of the old version's code (${after} of ${before} bytes)${gutted ? ": the package's functionality is deleted" : ""}`,
        evidence: `${before - after} bytes of code removed`,
      });
    }
    const entry = entryOf(ctx.b.manifest) ?? entryOf(ctx.a.manifest) ?? "index.js";
    const was = ctx.a.files.get(entry);
    const now = ctx.b.files.get(entry);
    if (was?.kind === "text" && was.text!.trim().length > 200) {
      if (!now)
        out.push({
          severity: "medium",
          file: entry,
          line: null,
          message: `entry point ${entry} removed`,
          evidence: entry,
        });
      else if (now.kind === "text" && now.text!.trim().length < 20)
        out.push({
          severity: "medium",
          file: entry,
          line: 1,
          message: `entry point ${entry} emptied`,
          evidence: now.text!.trim(),
        });
    }
    // Sabotage at import time: a top-level loop that never ends hangs every program that loads the file.
    for (const { file, old, facts } of changedCode(ctx)) {
      const loop = facts.endless[0];
      if (!loop || isTestPath(file.path) || oldHad(ctx, old, (f) => f.endless.length > 0, /(?!)/)) continue;
      out.push({
        severity: "high",
        file: file.path,
        line: loop.line,
        message:
          loop.value === "setInterval"
            ? "prints without end as soon as the module is loaded: it floods the output (and a stdio server's protocol)"
            : "loops forever as soon as the module is loaded: every program that imports it hangs",
        evidence: evidenceAt(file, loop.line),
      });
    }
    return out;
  },
};
