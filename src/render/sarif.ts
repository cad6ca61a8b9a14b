/** SARIF 2.1.0 for code-scanning uploads: one result per finding, rule metadata from the registry. */
import type { Rule } from "../review/rule.js";
import type { PackageReview, Severity } from "../review/types.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

export function renderSarif(review: PackageReview, rules: readonly Rule[], version: string): string {
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mcp-guard",
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.title,
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              help: { text: `${r.description}\nIncident: ${r.incident}` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        properties: { package: review.package, risk: review.risk, complete: review.complete },
        results: review.findings.map((f) => ({
          ruleId: f.rule,
          level: LEVEL[f.severity],
          message: { text: `${f.message}${f.evidence ? ` — ${f.evidence}` : ""}` },
          properties: { severity: f.severity },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: `${review.package.name}@${review.package.to}/${f.file}` },
                ...(f.line ? { region: { startLine: f.line } } : {}),
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
