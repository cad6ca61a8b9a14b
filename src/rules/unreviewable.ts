import type { Rule } from "../review/rule.js";

export const rule: Rule = {
  id: "unreviewable",
  title: "Part of the package could not be analysed",
  description:
    "Reports every part of the new version the engine could not analyse: a file over the text limit, a diff " +
    "that ran past its bounds, code the parser rejects, links, devices or escaping paths in the tarball. " +
    "Gaps that could hide behaviour mark the whole analysis incomplete (exit 2, failing check), whatever " +
    "this rule's configured severity.",
  defaultSeverity: "medium",
  incident:
    "Attackers pad or reshape files to slip past scanners; a review that silently skips a file is a pass for them.",
  detect(ctx) {
    return ctx.diff.notes.map((n) => ({
      severity: "medium" as const,
      file: n.file,
      line: n.line ?? null,
      message: n.reason,
      evidence: n.blocking ? "analysis incomplete" : "not analysed",
    }));
  },
};
