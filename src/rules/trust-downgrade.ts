import { RANK_NAMES, type Rule, trustVerdict } from "../review/rule.js";

const evidenceOf = (rank: number) => RANK_NAMES[rank] ?? `rank ${rank}`;

export const rule: Rule = {
  id: "trust-downgrade",
  title: "Published with weaker evidence than an earlier version",
  description:
    "Ranks how each version was published, as npm's and pnpm's trust policies do: staged publishing (3) " +
    "> a trusted publisher (2) > a provenance attestation (1) > none (0). The new version ranked below a " +
    "version published before it (by the registry's `time`; a stable version ignores earlier " +
    "prereleases) is critical, naming that version: it was published some other way than the project " +
    "publishes, the pattern of a stolen token. Needs the registry's full packument (`_npmUser`, " +
    "`dist.attestations`, `time`); a registry that strips them ranks every version 0.",
  defaultSeverity: "critical",
  incident:
    "Nx (August 2025, 's1ngularity'): the malicious versions were published with a stolen token, without the provenance its releases from CI had carried.",
  detect(ctx) {
    const p = ctx.evidence.publishing;
    if (!p || p.problem) return [];
    const v = trustVerdict(p);
    if (v.kind !== "downgrade") return [];
    return [
      {
        severity: "critical",
        file: "package.json",
        line: null,
        message: `${p.name}@${p.to} was published with ${evidenceOf(v.to.rank)}, while ${p.name}@${v.earlier.version} (published before it) had ${evidenceOf(v.earlier.rank)}: a version published outside the project's release path (a stolen token) looks like this`,
        evidence: `${p.to}: ${evidenceOf(v.to.rank)} (${v.to.time ?? "no time"}); ${v.earlier.version}: ${evidenceOf(v.earlier.rank)} (${v.earlier.time ?? "no time"})`,
      },
    ];
  },
};
