import type { Rule, RuleFinding } from "../review/rule.js";

export const rule: Rule = {
  id: "known-malicious",
  title: "Known malicious version",
  description:
    "The new version is named by a malware record: an OSV record with an OpenSSF MAL- id (or an alias of " +
    "one), or an advisory filed as embedded malicious code (CWE-506), from the OSV API (MCP_GUARD_OSV_URL) " +
    "or a folder of OSV records (MCP_GUARD_OSV_DIR). Critical, with the record's id and link. A source " +
    "that cannot be asked is never a clean answer: with `advisories: required` (the default) the analysis " +
    "is incomplete; `best-effort` notes it.",
  defaultSeverity: "critical",
  incident:
    "postmark-mcp 1.0.16 (September 2025) has been OSV record MAL-2025-47604 since the week it was found; a lookup blocks it in milliseconds.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const m of ctx.evidence.advisories?.matches ?? []) {
      if (!m.malicious) continue;
      out.push({
        severity: "critical",
        file: "package.json",
        line: null,
        message: `${ctx.b.name}@${ctx.b.version} is known malware: ${m.id} (${m.summary}) ${m.url}`,
        evidence: `${m.id} from ${m.source}`,
      });
    }
    return out;
  },
};
