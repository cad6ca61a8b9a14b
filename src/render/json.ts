/** The CLI's JSON contract (DESIGN §3). Stable across versions: bump schemaVersion to change it. */
import type { AdvisoryMatch, VersionPublishing } from "../review/intel/types.js";
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
    /** In a package the bump installs: "flatmap-stream 0.1.1, new in event-stream 3.3.6". */
    via?: string;
  }[];
  files: PackageReview["files"];
  tools: PackageReview["tools"];
  /** The packages the bump adds or changes in the install, each reviewed. */
  dependencies?: NonNullable<PackageReview["dependencies"]>;
  /** How A and B were published (the registry's packument), when it was read. */
  publishing?: { from: VersionPublishing | null; to: VersionPublishing | null; problem?: string };
  /** Malware intelligence asked, and the records that name B. */
  advisories?: { sources: string[]; matches: AdvisoryMatch[]; problem?: string };
}

/** A and B's publishing evidence out of the packument's versions. */
export function publishingSummary(review: PackageReview): ReviewJson["publishing"] {
  const p = review.evidence?.publishing;
  if (!p) return undefined;
  const find = (v: string | null) => (v ? (p.versions.find((x) => x.version === v) ?? null) : null);
  return { from: find(p.from), to: find(p.to), ...(p.problem ? { problem: p.problem } : {}) };
}

export function toJson(review: PackageReview): ReviewJson {
  const publishing = publishingSummary(review);
  const advisories = review.evidence?.advisories;
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
      ...(f.via ? { via: f.via } : {}),
    })),
    files: review.files,
    tools: review.tools,
    ...(review.dependencies?.length ? { dependencies: review.dependencies } : {}),
    ...(publishing ? { publishing } : {}),
    ...(advisories
      ? {
          advisories: {
            sources: advisories.sources,
            matches: advisories.matches,
            ...(advisories.problem ? { problem: advisories.problem } : {}),
          },
        }
      : {}),
  };
}

export function renderJson(review: PackageReview): string {
  return `${JSON.stringify(toJson(review), null, 2)}\n`;
}
