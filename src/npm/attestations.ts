/**
 * The Sigstore signatures over a version's attestations (`GET /-/npm/v1/attestations/<name>@<version>`),
 * verified offline against pinned trust material (./sigstore-trust.ts) with Sigstore's own verifier:
 * the provenance bundle's Fulcio certificate and transparency-log proof, the npm publish attestation's
 * registry key. What the statement says (subject, build source) is read by the pure code
 * (review/intel/provenance.ts); this says whether the signatures over it hold.
 */
import { createPublicKey } from "node:crypto";
import { bundleFromJSON } from "@sigstore/bundle";
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { toSignedEntity, toTrustMaterial, Verifier } from "@sigstore/verify";
import type { SigstoreVerdict } from "../review/intel/types.js";
import { NPM_ATTESTATION_KEYS, TRUSTED_ROOT } from "./sigstore-trust.js";

/**
 * A signature that does not match what it signs (the statement, the log entry, the proof): tampered.
 * Anything else (an unknown authority, key or log, a time outside a key's validity) may be material
 * newer than the pinned copy: unknown, not invalid.
 */
const TAMPERED = new Set([
  "SIGNATURE_ERROR",
  "TLOG_BODY_ERROR",
  "TLOG_INCLUSION_PROOF_ERROR",
  "TLOG_INCLUSION_PROMISE_ERROR",
]);

let verifier: Verifier | undefined;
function sigstore(): Verifier {
  verifier ??= new Verifier(
    toTrustMaterial(TrustedRoot.fromJSON(TRUSTED_ROOT), (hint: string) => {
      const k = NPM_ATTESTATION_KEYS.find((x) => x.keyId === hint && x.keyUsage === "npm:attestations");
      if (!k) throw new Error(`no npm attestation key ${hint}`);
      const { start, end } = k.publicKey.validFor;
      return {
        publicKey: createPublicKey({
          key: Buffer.from(k.publicKey.rawBytes, "base64"),
          format: "der",
          type: "spki",
        }),
        validFor: (d: Date) => d >= new Date(start) && (!end || d <= new Date(end)),
      };
    }),
  );
  return verifier;
}

/** Every bundle of an attestations document: verified, or the first that is tampered or cannot be told. */
export function verifyAttestations(doc: unknown): SigstoreVerdict {
  const atts = (doc as { attestations?: unknown })?.attestations;
  if (!Array.isArray(atts) || !atts.length) return { kind: "unknown", why: "no attestation to verify" };
  let unknown: string | null = null;
  for (const att of atts) {
    try {
      sigstore().verify(toSignedEntity(bundleFromJSON((att as { bundle?: unknown }).bundle)), {});
    } catch (e) {
      const code = (e as { code?: string }).code ?? "";
      const why = `${(att as { predicateType?: string }).predicateType ?? "an attestation"}: ${(e as Error).message}${code ? ` (${code})` : ""}`;
      if (TAMPERED.has(code)) return { kind: "invalid", why };
      unknown ??= why;
    }
  }
  return unknown ? { kind: "unknown", why: unknown } : { kind: "verified" };
}
