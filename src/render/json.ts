/** The CLI's JSON contract (DESIGN §3). Stable across versions: bump schemaVersion to change it. */
import type { PackageReview } from "../review/types.js";

export interface ReviewJson {
  schemaVersion: 1;
  package: { name: string; from: string; to: string };
  risk: PackageReview["risk"];
  complete: boolean;
  findings: {
    rule: string;
    severity: string;
    file: string;
    line: number | null;
    message: string;
    evidence: string;
    tool?: string;
  }[];
  files: PackageReview["files"];
  tools: PackageReview["tools"];
}

export function toJson(review: PackageReview): ReviewJson {
  return {
    schemaVersion: 1,
    package: review.package,
    risk: review.risk,
    complete: review.complete,
    findings: review.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      file: f.file,
      line: f.line,
      message: f.message,
      evidence: f.evidence,
      ...(f.tool ? { tool: f.tool } : {}),
    })),
    files: review.files,
    tools: review.tools,
  };
}

export function renderJson(review: PackageReview): string {
  return `${JSON.stringify(toJson(review), null, 2)}\n`;
}
