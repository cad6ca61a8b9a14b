/**
 * Publishing evidence checked as data (pure): the registry's ECDSA signatures over
 * `name@version:integrity` against the registry's published keys (what `npm audit signatures` and
 * pacote check), and the provenance attestation's statement: that it is about these bytes (subject
 * `pkg:npm/name@version` with the tarball's sha512), and which repository, workflow and ref built them
 * (SLSA v0.2 `invocation.configSource`, v1 `buildDefinition.externalParameters.workflow`).
 * The Sigstore signature over the bundle itself is not verified here (it needs the Sigstore trust root).
 */
import { createPublicKey, verify } from "node:crypto";

export interface RegistryKey {
  keyid: string;
  key: string;
  expires: string | null;
}

export type SignatureVerdict =
  | { kind: "valid"; keyid: string }
  | { kind: "invalid"; why: string }
  | { kind: "unsigned" }
  | { kind: "no-keys" };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The keys of a `/-/npm/v1/keys` answer; malformed entries are dropped. */
export function registryKeys(doc: unknown): RegistryKey[] {
  const keys = isObject(doc) && Array.isArray(doc.keys) ? doc.keys : [];
  return keys
    .filter(isObject)
    .filter((k) => typeof k.keyid === "string" && typeof k.key === "string")
    .map((k) => ({
      keyid: k.keyid as string,
      key: k.key as string,
      expires: typeof k.expires === "string" ? k.expires : null,
    }));
}

/**
 * One valid signature by a registry key that had not expired when the version was published is
 * enough (as pacote); signatures but none valid is invalid; none at all is unsigned.
 */
export function verifySignatures(
  v: { name: string; version: string; integrity: string; time: string | null; signatures: unknown },
  keys: readonly RegistryKey[],
): SignatureVerdict {
  const sigs = Array.isArray(v.signatures) ? v.signatures.filter(isObject) : [];
  if (!sigs.length) return { kind: "unsigned" };
  if (!keys.length) return { kind: "no-keys" };
  const message = Buffer.from(`${v.name}@${v.version}:${v.integrity}`);
  const published = v.time ? Date.parse(v.time) : Number.NaN;
  const problems: string[] = [];
  for (const s of sigs) {
    const key = keys.find((k) => k.keyid === s.keyid);
    if (!key) {
      problems.push(`signed by ${String(s.keyid)}, a key the registry does not publish`);
      continue;
    }
    if (key.expires && !(published < Date.parse(key.expires))) {
      problems.push(`key ${key.keyid} had expired when it was published`);
      continue;
    }
    try {
      const pub = createPublicKey({ key: Buffer.from(key.key, "base64"), format: "der", type: "spki" });
      if (verify("sha256", message, pub, Buffer.from(String(s.sig), "base64")))
        return { kind: "valid", keyid: key.keyid };
      problems.push(`the signature by ${key.keyid} does not match ${v.name}@${v.version}:${v.integrity}`);
    } catch (e) {
      problems.push(`the signature by ${key.keyid} cannot be read (${(e as Error).message})`);
    }
  }
  return { kind: "invalid", why: problems.join("; ") };
}

export interface ProvenanceSource {
  repository: string;
  workflow: string;
  /** The ref with this version's number replaced by `<version>` (tags differ per release). */
  ref: string;
}

export type ProvenanceVerdict =
  | { kind: "ok"; source: ProvenanceSource | null }
  | { kind: "invalid"; why: string };

function statementOf(att: Record<string, unknown>): Record<string, unknown> | null {
  const bundle = isObject(att.bundle) ? att.bundle : null;
  const env = bundle && isObject(bundle.dsseEnvelope) ? bundle.dsseEnvelope : null;
  if (!env || typeof env.payload !== "string") return null;
  try {
    const doc = JSON.parse(Buffer.from(env.payload, "base64").toString("utf8"));
    return isObject(doc) ? doc : null;
  } catch {
    return null;
  }
}

function sourceOf(predicate: Record<string, unknown>, version: string): ProvenanceSource | null {
  const norm = (ref: string) => ref.split(version).join("<version>");
  const bd = isObject(predicate.buildDefinition) ? predicate.buildDefinition : null;
  const ext = bd && isObject(bd.externalParameters) ? bd.externalParameters : null;
  const wf = ext && isObject(ext.workflow) ? ext.workflow : null;
  if (wf && typeof wf.repository === "string")
    return { repository: wf.repository, workflow: String(wf.path ?? ""), ref: norm(String(wf.ref ?? "")) };
  const inv = isObject(predicate.invocation) ? predicate.invocation : null;
  const cs = inv && isObject(inv.configSource) ? inv.configSource : null;
  if (cs && typeof cs.uri === "string") {
    const [repo, ref = ""] = cs.uri.replace(/^git\+/, "").split("@");
    const workflow = String(cs.entryPoint ?? "").replace(/@.*$/, "");
    return { repository: repo!, workflow, ref: norm(ref) };
  }
  return null;
}

/**
 * The attestations document of one version (`dist.attestations.url`): every statement must be about
 * `pkg:npm/name@version` with the tarball's sha512 (else invalid); the provenance statement gives the
 * source that built it.
 */
export function provenanceOf(
  doc: unknown,
  v: { name: string; version: string; integrity: string },
): ProvenanceVerdict {
  const atts = isObject(doc) && Array.isArray(doc.attestations) ? doc.attestations.filter(isObject) : [];
  if (!atts.length) return { kind: "invalid", why: "the attestations document holds no attestation" };
  const sha512 = Buffer.from(v.integrity.replace(/^sha512-/, ""), "base64").toString("hex");
  const purl = `pkg:npm/${v.name.replace(/^@/, "%40")}@${v.version}`;
  let source: ProvenanceSource | null = null;
  for (const att of atts) {
    const st = statementOf(att);
    if (!st) return { kind: "invalid", why: "an attestation's statement cannot be read" };
    const subjects = Array.isArray(st.subject) ? st.subject.filter(isObject) : [];
    const about = subjects.some(
      (s) =>
        (s.name === purl || s.name === `pkg:npm/${v.name}@${v.version}`) &&
        isObject(s.digest) &&
        s.digest.sha512 === sha512,
    );
    if (!about)
      return {
        kind: "invalid",
        why: `an attestation is about ${subjects.map((s) => String(s.name)).join(", ") || "nothing"}, not these bytes of ${v.name}@${v.version}`,
      };
    if (String(att.predicateType ?? "").startsWith("https://slsa.dev/provenance/") && isObject(st.predicate))
      source = sourceOf(st.predicate, v.version);
  }
  return { kind: "ok", source };
}
