import {
  type PublishingEvidence,
  provenanceOf,
  RANK_NAMES,
  type Rule,
  type RuleFinding,
  trustVerdict,
  type VersionPublishing,
  verifySignatures,
} from "../review/rule.js";

const evidenceOf = (rank: number) => RANK_NAMES[rank] ?? `rank ${rank}`;

const finding = (severity: "high" | "critical", message: string, evidence: string): RuleFinding => ({
  severity,
  file: "package.json",
  line: null,
  message,
  evidence,
});

/** The registry's signature and the attestation of B, and where B was built against where A was. */
function verification(p: PublishingEvidence): RuleFinding[] {
  const out: RuleFinding[] = [];
  const at = (version: string | null) =>
    version ? p.versions.find((x) => x.version === version) : undefined;
  const to = at(p.to);
  if (!to) return out;
  const signature = (x: VersionPublishing) =>
    x.integrity && p.keys
      ? verifySignatures(
          {
            name: p.name,
            version: x.version,
            integrity: x.integrity,
            time: x.time,
            signatures: x.signatures,
          },
          p.keys,
        )
      : null;
  const sig = signature(to);
  if (sig?.kind === "invalid")
    out.push(
      finding(
        "critical",
        `the registry's signature of ${p.name}@${p.to} does not verify: ${sig.why}`,
        sig.why,
      ),
    );
  const from = at(p.from);
  if (sig?.kind === "unsigned" && from && signature(from)?.kind === "valid")
    out.push(
      finding(
        "high",
        `${p.name}@${p.to} carries no registry signature, while ${p.from} did`,
        "dist.signatures missing",
      ),
    );
  const source = (x: VersionPublishing | undefined) => {
    const got = x && p.attestationDocs?.[x.version];
    if (!x?.integrity || !got || !("doc" in got)) return null;
    return provenanceOf(got.doc, { name: p.name, version: x.version, integrity: x.integrity });
  };
  const got = p.attestationDocs?.[to.version];
  // Rank from a claim nobody can check: `dist.attestations` names provenance the registry does not serve.
  if (p.attestationDocs && to.provenance && (!got || "error" in got))
    out.push(
      finding(
        "high",
        `${p.name}@${p.to} claims a provenance attestation that cannot be read (${got && "error" in got ? got.error : "no attestations URL"}): its trust rank is unproven`,
        got && "error" in got ? got.error : "dist.attestations.url missing",
      ),
    );
  if (got && "doc" in got && got.sigstore?.kind === "invalid")
    out.push(
      finding(
        "critical",
        `the Sigstore signature over the attestations of ${p.name}@${p.to} does not verify: ${got.sigstore.why}`,
        got.sigstore.why,
      ),
    );
  const now = source(to);
  if (now?.kind === "invalid")
    out.push(
      finding(
        "critical",
        `the provenance attestation of ${p.name}@${p.to} is not about these bytes: ${now.why}`,
        now.why,
      ),
    );
  const was = source(from);
  if (now?.kind === "ok" && was?.kind === "ok" && now.source && was.source) {
    const changed = (["repository", "workflow", "ref"] as const).filter(
      (k) => now.source![k] !== was.source![k],
    );
    if (changed.length)
      out.push(
        finding(
          "high",
          `${p.name}@${p.to} was built from another ${changed.join(", ")} than ${p.from}: ${changed.map((k) => `${was.source![k]} → ${now.source![k]}`).join("; ")}`,
          changed.map((k) => `${k}: ${now.source![k]}`).join("; "),
        ),
      );
  }
  return out;
}

export const rule: Rule = {
  id: "trust-downgrade",
  title: "Published with weaker evidence than an earlier version",
  description:
    "Ranks how each version was published, as npm's and pnpm's trust policies do: staged publishing (3) " +
    "> a trusted publisher (2) > a provenance attestation (1) > none (0). The new version ranked below a " +
    "version published before it (by the registry's `time`; a stable version ignores earlier " +
    "prereleases) is critical, naming that version: it was published some other way than the project " +
    "publishes, the pattern of a stolen token. Needs the registry's full packument (`_npmUser`, " +
    "`dist.attestations`, `time`); a registry that strips them ranks every version 0. The same rule checks " +
    "the evidence itself: the registry's signature over `name@version:integrity` against its published keys " +
    "(`/-/npm/v1/keys`; invalid: critical; gone while the old version had one: high), the provenance " +
    "attestation's subject (another package or other bytes: critical), the Sigstore signatures over the " +
    "attestations (verified offline against Sigstore's pinned trust root; a tampered one is critical, one " +
    "signed under newer trust material is unknown; provenance claimed but not readable is high), and the " +
    "repository, workflow and " +
    "ref that built it against the old version's (different: high; critical beside new capabilities).",
  defaultSeverity: "critical",
  incident:
    "Nx (August 2025, 's1ngularity'): the malicious versions were published with a stolen token, without the provenance its releases from CI had carried.",
  detect(ctx) {
    const p = ctx.evidence.publishing;
    if (!p || p.problem) return [];
    const out = verification(p);
    const v = trustVerdict(p);
    if (v.kind !== "downgrade") return out;
    return [
      ...out,
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
