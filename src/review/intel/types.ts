/**
 * What the registry and malware intelligence say about a change, beside its code: the shells gather it
 * (src/npm/evidence.ts), the engine hands it to the rules that judge it. Plain data.
 */
import type { AdvisoryMatch } from "./osv.js";
import type { RegistryKey } from "./provenance.js";

export type { AdvisoryMatch } from "./osv.js";

export interface AdvisoryEvidence {
  /** Records that name the new version. */
  matches: AdvisoryMatch[];
  /** The sources asked (an API's base URL, "folder"). */
  sources: string[];
  /** Why a source could not be asked; with `required` the analysis is incomplete. */
  problem?: string;
  /** `advisories: required` (the default): an unanswered lookup is not a clean one. */
  required: boolean;
}

/** How one version was published, as its packument entry says. */
export interface VersionPublishing {
  version: string;
  /** The packument's `time[version]`; null when it has none. */
  time: string | null;
  /** `_npmUser.name`: the account that published it. */
  publisher: string | null;
  /** `_npmUser.trustedPublisher.id` (e.g. "github"): published by a trusted publisher (OIDC). */
  trustedPublisher: string | null;
  /** `dist.attestations.provenance` is present: a provenance attestation was published with it. */
  provenance: boolean;
  /** Published through npm's staged publishing (`_npmUser.approver`: approved before it went live). */
  staged: boolean;
  /** 3 staged > 2 trusted publisher with provenance > 1 provenance > 0 none (pnpm's order). */
  rank: number;
  /** `maintainers` recorded with the version (names). */
  maintainers: string[];
  /** The attestation bundle's address (`dist.attestations.url`), when there is one. */
  attestations: string | null;
  /** `dist.integrity` and `dist.signatures` as the packument gives them (checked against the registry's keys). */
  integrity: string | null;
  signatures: unknown;
}

/** The Sigstore signatures over a version's attestations (verified by the shell against pinned trust material). */
export type SigstoreVerdict =
  | { kind: "verified" }
  | { kind: "invalid"; why: string }
  | { kind: "unknown"; why: string };

export interface PublishingEvidence {
  name: string;
  from: string | null;
  to: string;
  /** Every version the packument lists, in publish order where `time` says (else as listed). */
  versions: VersionPublishing[];
  /** The package's current maintainers (the packument's top-level `maintainers`). */
  maintainers: string[];
  /** The registry's signing keys (`/-/npm/v1/keys`); absent: it publishes none (signatures unchecked). */
  keys?: RegistryKey[];
  /**
   * The attestations documents of A and B (`dist.attestations.url`) with what Sigstore's verifier said
   * of their signatures, or why one could not be read.
   */
  attestationDocs?: Record<string, { doc: unknown; sigstore?: SigstoreVerdict } | { error: string }>;
  /** Why the packument could not be read; the publishing signals are then unknown. */
  problem?: string;
  /** The bytes came from this registry, so an unreadable packument makes the analysis incomplete. */
  required?: boolean;
}

export interface RegistryEvidence {
  advisories?: AdvisoryEvidence;
  publishing?: PublishingEvidence;
}
