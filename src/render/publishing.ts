/**
 * Who published A and B, how and when; what malware intelligence said; which packages the bump adds
 * or changes in the install. Plain lines, shared by the terminal and the review (which escapes them).
 * Pure: "now" (for a version's age) is an argument.
 */
import { provenanceOf } from "../review/intel/provenance.js";
import { RANK_NAMES } from "../review/intel/trust.js";
import type { VersionPublishing } from "../review/intel/types.js";
import type { PackageReview } from "../review/types.js";

const DAY = 24 * 60 * 60 * 1000;

function age(time: string | null, now: number | undefined): string {
  if (!time || now === undefined) return "";
  const ms = now - Date.parse(time);
  if (Number.isNaN(ms)) return "";
  const days = ms / DAY;
  return days < 1 ? `, ${Math.max(0, Math.round(ms / 3_600_000))} h old` : `, ${Math.floor(days)} d old`;
}

/** "1.0.16: 2025-09-15 by alice, a trusted publisher (github) with provenance, 3 d old". */
export function versionLine(v: VersionPublishing | null, version: string, now?: number): string {
  if (!v) return `${version}: not in the registry's packument`;
  const when = v.time ? v.time.slice(0, 10) : "no publish time";
  const who = v.publisher ? ` by ${v.publisher}` : " by (not served)";
  const how =
    v.rank === 0
      ? "no provenance"
      : `${RANK_NAMES[v.rank]}${v.trustedPublisher ? ` (${v.trustedPublisher})` : ""}`;
  return `${version}: ${when}${who}, ${how}${age(v.time, now)}`;
}

/** Where the provenance says a version was built, or why it cannot be said. */
function sourceLine(
  got: { doc: unknown } | { error: string } | undefined,
  name: string,
  version: string,
  integrity: string,
): string | null {
  if (!got) return null;
  if ("error" in got) return `provenance not read: ${got.error}`;
  const p = provenanceOf(got.doc, { name, version, integrity });
  if (p.kind === "invalid") return `provenance INVALID: ${p.why}`;
  return p.source ? `built by ${p.source.repository} ${p.source.workflow} at ${p.source.ref}` : null;
}

/** The Publishing, Intelligence and Dependencies lines of a review; empty when nothing was gathered. */
export function publishingLines(review: PackageReview, now?: number): string[] {
  const out: string[] = [];
  const p = review.evidence?.publishing;
  if (p) {
    const find = (v: string | null) => (v ? (p.versions.find((x) => x.version === v) ?? null) : null);
    if (p.problem) out.push(`Publishing: not read (${p.problem})`);
    else {
      out.push("Publishing:");
      for (const version of p.from ? [p.from, p.to] : [p.to]) {
        const v = find(version);
        out.push(`  ${versionLine(v, version, now)}`);
        const built = v?.integrity
          ? sourceLine(p.attestationDocs?.[version], p.name, v.version, v.integrity)
          : null;
        if (built) out.push(`    ${built}`);
      }
      if (p.maintainers.length) out.push(`  maintainers: ${p.maintainers.join(", ")}`);
    }
  }
  const a = review.evidence?.advisories;
  if (a) {
    const malicious = a.matches.filter((m) => m.malicious);
    const said = malicious.length
      ? malicious.map((m) => `${m.id} (${m.url})`).join(", ")
      : a.problem
        ? `not checked: ${a.problem}`
        : `no malware record names ${review.package.to}`;
    out.push(`Intelligence (${a.sources.join(", ") || "none"}): ${said}`);
  }
  const deps = review.dependencies ?? [];
  if (deps.length) {
    out.push(`Dependencies the bump adds or changes (${deps.length}):`);
    for (const d of deps)
      out.push(
        `  ${d.name} ${d.from ? `${d.from} → ` : "new "}${d.to}: ${d.risk}${d.complete ? "" : ", incomplete"} (${d.findings} finding${d.findings === 1 ? "" : "s"})`,
      );
  }
  return out;
}
