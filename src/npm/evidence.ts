/**
 * What the registry and malware intelligence say about a change, gathered for the engine: the
 * package's full packument (publishing evidence of every version) and the OSV records naming the new
 * version. Each failure is recorded in the evidence, never dropped: the rules and the engine decide
 * what an unknown means.
 */
import pacote from "pacote";
import type { Limits } from "../common/limits.js";
import { type RegistryKey, registryKeys } from "../review/intel/provenance.js";
import { publishingOf } from "../review/intel/trust.js";
import type { PublishingEvidence, RegistryEvidence } from "../review/intel/types.js";
import { verifyAttestations } from "./attestations.js";
import { withRetries } from "./deadline.js";
import { fetchJson } from "./json-fetch.js";
import { type AdvisorySources, lookupAdvisories, type PackageVersion } from "./osv.js";
import { isTransient, pacoteOptions, type RegistryOptions, retryPolicy } from "./registry.js";

export type AdvisoryPolicy = "required" | "best-effort";

export interface EvidenceOptions extends RegistryOptions {
  limits: Limits;
  osv: AdvisorySources;
  advisories: AdvisoryPolicy;
  /** Read the packument (publishing evidence); off for inputs that name no registry package. */
  publishing: boolean;
  /** The bytes came from the registry: a packument that cannot be read makes the analysis incomplete. */
  publishingRequired?: boolean;
}

export interface Change {
  name: string;
  from: string | null;
  to: string;
}

/** The full packument's publishing evidence; a read failure is the evidence's `problem`. */
export async function publishingEvidence(
  change: Change,
  opts: RegistryOptions & { limits: Limits },
): Promise<PublishingEvidence> {
  try {
    const popts = { ...pacoteOptions(opts, opts.limits), fullMetadata: true };
    const doc = await withRetries(
      () => pacote.packument(change.name, popts),
      isTransient,
      retryPolicy(opts.limits),
    );
    const p = publishingOf(doc as unknown as Record<string, unknown>, change);
    return { ...p, ...(await verificationData(p, opts)) };
  } catch (e) {
    const why = (e as { code?: string }).code === "E404" ? "not in the registry" : (e as Error).message;
    return { ...change, versions: [], maintainers: [], problem: `${change.name}: ${why}` };
  }
}

/**
 * What the signatures and attestations of A and B are checked with: the registry's signing keys
 * (none published: signatures are not checked) and each version's attestations document.
 */
async function verificationData(
  p: PublishingEvidence,
  opts: RegistryOptions & { limits: Limits },
): Promise<Pick<PublishingEvidence, "keys" | "attestationDocs">> {
  const registry = (opts.registry ?? "https://registry.npmjs.org").replace(/\/+$/, "");
  const policy = retryPolicy(opts.limits);
  const keys = await withRetries(
    () => fetchJson(`${registry}/-/npm/v1/keys`, opts.limits),
    isTransient,
    policy,
  )
    .then(registryKeys)
    .catch(() => [] as RegistryKey[]);
  const attestationDocs: NonNullable<PublishingEvidence["attestationDocs"]> = {};
  for (const version of [p.from, p.to]) {
    const url = version ? p.versions.find((v) => v.version === version)?.attestations : null;
    if (!version || !url) continue;
    // Only from the registry itself: a URL in package metadata is not one to follow anywhere.
    if (new URL(url, registry).origin !== new URL(registry).origin) {
      attestationDocs[version] = { error: `${url} is not on the registry ${registry}; not fetched` };
      continue;
    }
    try {
      const doc = await withRetries(() => fetchJson(url, opts.limits), isTransient, policy);
      attestationDocs[version] = { doc, sigstore: verifyAttestations(doc) };
    } catch (e) {
      attestationDocs[version] = { error: (e as Error).message };
    }
  }
  return { ...(keys.length ? { keys } : {}), attestationDocs };
}

/** Publishing evidence of the change and OSV records of its new version (and of `more` versions). */
export async function gatherEvidence(change: Change, opts: EvidenceOptions): Promise<RegistryEvidence> {
  const queries: PackageVersion[] = [{ name: change.name, version: change.to }];
  const [publishing, lookup] = await Promise.all([
    opts.publishing
      ? publishingEvidence(change, opts).then((p) => ({ ...p, required: !!opts.publishingRequired }))
      : Promise.resolve(undefined),
    lookupAdvisories(queries, opts.osv, opts.limits),
  ]);
  return {
    ...(publishing ? { publishing } : {}),
    advisories: {
      matches: lookup.matches.get(`${change.name}@${change.to}`) ?? [],
      sources: lookup.sources,
      required: opts.advisories === "required",
      ...(lookup.problem ? { problem: lookup.problem } : {}),
    },
  };
}
