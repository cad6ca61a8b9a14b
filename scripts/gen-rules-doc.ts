/**
 * Writes docs/RULES.md from the rule registry's metadata and schema/mcp-guard.schema.json from
 * CONFIG_SCHEMA. `npm run docs`; tests keep both current.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_SCHEMA } from "../src/gate/config-schema.js";
import { SEVERITY } from "../src/rules/capability-added.js";
import { RULES } from "../src/rules/index.js";

export function schemaJson(): string {
  return `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`;
}

export function rulesMarkdown(): string {
  const lines = [
    "# Rules reference",
    "",
    "Generated from the rule metadata in `src/rules/` by `npm run docs`; do not edit by hand.",
    "",
    "Every rule reports only what the new version **introduces**: an endpoint, capability or script the old",
    "version already had is context, not a finding. Severities below are defaults; a rule may rate a",
    "particular finding lower or higher as its description says, and `.github/mcp-guard.yml` or",
    "`--config` can override them (`rules: { <id>: { severity: high } }`) or turn a rule off (`<id>: off`).",
    "",
    "| rule | default | title |",
    "|---|---|---|",
    ...RULES.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.defaultSeverity} | ${r.title} |`),
    "",
  ];
  for (const r of RULES) {
    lines.push(
      `## ${r.id}`,
      "",
      `**${r.title}** — default severity: ${r.defaultSeverity}`,
      "",
      r.description,
      "",
      `*Motivating incident:* ${r.incident}`,
      "",
    );
    if (r.id === "capability-added")
      lines.push(
        "The severity table (the first row that matches a use B introduces; a use the old version had in",
        "another file, or one in a shipped test or browser asset, is low; a flow or known-bad combination is",
        "critical):",
        "",
        "| what the new code does | severity |",
        "|---|---|",
        ...SEVERITY.map((x) => `| ${x.what} | ${x.severity} |`),
        "",
      );
    lines.push(
      `Fixtures: \`fixtures/rules/${r.id}/flagged/\` (must be flagged) and \`fixtures/rules/${r.id}/benign/\` (must not be).`,
      "",
    );
  }
  return lines.join("\n");
}

if (process.argv[1]?.endsWith("gen-rules-doc.ts")) {
  writeFileSync(join(import.meta.dirname, "..", "docs", "RULES.md"), rulesMarkdown());
  writeFileSync(join(import.meta.dirname, "..", "schema", "mcp-guard.schema.json"), schemaJson());
  console.log("docs/RULES.md and schema/mcp-guard.schema.json written");
}
