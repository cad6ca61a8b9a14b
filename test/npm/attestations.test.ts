/**
 * Sigstore signatures over npm attestations, verified offline against the pinned trust material with
 * Sigstore's own verifier, on npm/cli's real attestation fixtures (fixtures/intel/SOURCES.md).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { verifyAttestations } from "../../src/npm/attestations.js";
import { INTEL, readJson } from "../helpers/fixtures.js";

type Doc = {
  attestations: {
    predicateType: string;
    bundle: { dsseEnvelope: { payload: string; signatures: { keyid: string }[] } };
  }[];
};
const real = (file: string) => readJson<Doc>(join(INTEL, "attestations", "npm-cli", file));

describe("Sigstore signatures over attestations", () => {
  it("npm/cli's real attestations of sigstore@1.0.0 and tuf-js@1.0.0 verify (provenance and publish)", () => {
    assert.deepEqual(verifyAttestations(real("valid-sigstore-attestations.json")), { kind: "verified" });
    assert.deepEqual(verifyAttestations(real("valid-tuf-js-attestations.json")), { kind: "verified" });
  });
  it("a statement changed after signing is invalid (tampered), whichever attestation", () => {
    for (const i of [0, 1]) {
      const doc = structuredClone(real("valid-sigstore-attestations.json"));
      const env = doc.attestations[i]!.bundle.dsseEnvelope;
      const statement = JSON.parse(Buffer.from(env.payload, "base64").toString());
      statement.subject[0].name = "pkg:npm/sigstore-evil@1.0.0";
      env.payload = Buffer.from(JSON.stringify(statement)).toString("base64");
      const v = verifyAttestations(doc);
      assert.equal(v.kind, "invalid", JSON.stringify(v));
    }
  });
  it("signed by a key the pinned material does not know: unknown, not invalid", () => {
    const doc = structuredClone(real("valid-sigstore-attestations.json"));
    (
      doc.attestations[1]!.bundle as unknown as { verificationMaterial: { publicKey: { hint: string } } }
    ).verificationMaterial.publicKey.hint = "SHA256:not-a-known-key";
    assert.equal(verifyAttestations(doc).kind, "unknown");
  });
  it("nothing to verify is unknown", () => {
    assert.equal(verifyAttestations({}).kind, "unknown");
  });
});
