/**
 * Every pacote call. Registry specs only: git, remote-URL and directory specs are refused,
 * and pacote is only asked for manifests and tarball bytes, never to extract or prepare.
 */
import pacote from "pacote";
import { McpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";
import { dependenciesOf, INSTALLED } from "../common/manifest.js";
import type { PackageSnapshot } from "../review/types.js";
import { isTransient, retryPolicy, withRetries } from "./deadline.js";

export { isTransient, retryPolicy } from "./deadline.js";

import { readTarball } from "./tarball.js";

export interface RegistryOptions {
  registry?: string;
  /** npm's cache folder; pacote's default (~/.npm/_cacache) when absent. */
  cache?: string;
}

export function pacoteOptions(opts: RegistryOptions, limits: Limits): pacote.Options {
  return {
    ...(opts.registry ? { registry: opts.registry } : {}),
    ...(opts.cache ? { cache: opts.cache } : {}),
    // Per fetch: pacote.tarball would otherwise read the packument pacote.manifest just read.
    packumentCache: new Map(),
    allowGit: "none",
    allowRemote: "none",
    allowDirectory: "none",
    allowFile: "none",
    timeout: limits.requestTimeoutMs,
    // Retries are ours (withRetries below): bounded, with a documented backoff, for both requests.
    fetchRetries: 0,
  } as pacote.Options;
}

/** Maps pacote/npm-registry-fetch failures to coded errors a user can act on. */
function explain(spec: string, e: unknown): McpGuardError {
  if (e instanceof McpGuardError) return e;
  const err = e as { code?: string; message?: string; statusCode?: number };
  const msg = err.message ?? String(e);
  switch (err.code) {
    case "E404":
      return new McpGuardError("E_MCPGUARD_NOT_FOUND", `${spec}: no such package in the registry`, {
        cause: e,
      });
    case "ETARGET":
    case "ENOVERSIONS":
      return new McpGuardError("E_MCPGUARD_NOT_FOUND", `${spec}: no such version in the registry`, {
        cause: e,
      });
    case "EINTEGRITY":
      return new McpGuardError(
        "E_MCPGUARD_INTEGRITY",
        `${spec}: tarball does not match the registry's integrity (sha512); refusing to review it`,
        { cause: e },
      );
    case "EALLOWGIT":
    case "EALLOWREMOTE":
    case "EALLOWDIRECTORY":
    case "EALLOWFILE":
      return new McpGuardError("E_MCPGUARD_REFUSED_SPEC", `${spec}: only registry versions are fetched`, {
        cause: e,
      });
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
    case "ERR_SOCKET_TIMEOUT":
      return new McpGuardError("E_MCPGUARD_TIMEOUT", `${spec}: registry timed out (${msg}); re-run`, {
        cause: e,
      });
  }
  return new McpGuardError("E_MCPGUARD_FETCH", `${spec}: registry fetch failed (${msg}); re-run`, {
    cause: e,
  });
}

/** A sha512 SRI string out of a manifest's integrity field, or null. */
export function sha512Of(integrity: unknown): string | null {
  if (typeof integrity !== "string") return null;
  const sri = integrity.split(/\s+/).find((s) => s.startsWith("sha512-"));
  return sri ?? null;
}

/** The registry's manifest of one version (for MCP detection), with the same retries and errors. */
export async function fetchManifest(
  spec: string,
  opts: RegistryOptions,
  limits: Limits,
): Promise<Record<string, unknown>> {
  try {
    // Full metadata: the abbreviated ("corgi") document npm installs from has no keywords or mcpName.
    const popts = { ...pacoteOptions(opts, limits), fullMetadata: true };
    const m = await withRetries(() => pacote.manifest(spec, popts), isTransient, retryPolicy(limits));
    return m as unknown as Record<string, unknown>;
  } catch (e) {
    throw explain(spec, e);
  }
}

/** Fetches `name@version` from the registry, verifying the tarball against the registry's sha512. */
export async function fetchRegistryPackage(
  spec: string,
  opts: RegistryOptions,
  limits: Limits,
): Promise<PackageSnapshot> {
  const popts = pacoteOptions(opts, limits);
  const policy = retryPolicy(limits);
  let manifest: Awaited<ReturnType<typeof pacote.manifest>>;
  try {
    manifest = await withRetries(() => pacote.manifest(spec, popts), isTransient, policy);
  } catch (e) {
    throw explain(spec, e);
  }
  const integrity = sha512Of(manifest._integrity ?? (manifest.dist as { integrity?: string })?.integrity);
  if (!integrity) {
    throw new McpGuardError(
      "E_MCPGUARD_INTEGRITY",
      `${spec}: the registry gives no sha512 integrity for this version; cannot verify the tarball`,
    );
  }
  const exact = `${manifest.name}@${manifest.version}`;
  // Refuse before downloading when the registry already says it is too big (the tarball is still capped).
  const unpacked = (manifest.dist as { unpackedSize?: unknown } | undefined)?.unpackedSize;
  if (typeof unpacked === "number" && unpacked > limits.maxUnpackedBytes) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `${exact}: unpacks to ${unpacked} bytes, over the ${limits.maxUnpackedBytes}-byte limit`,
    );
  }
  let data: Buffer;
  try {
    data = await withRetries(() => pacote.tarball(exact, { ...popts, integrity }), isTransient, policy);
  } catch (e) {
    throw explain(exact, e);
  }
  const snapshot = await readTarball(exact, data, limits, {
    name: manifest.name,
    version: manifest.version,
    integrity,
  });
  // The packument and the tarball's own package.json must name the same package and version:
  // a registry that disagrees with itself is not one whose content we can vouch for.
  const own = snapshot.manifest;
  if (own.name !== manifest.name || own.version !== manifest.version) {
    throw new McpGuardError(
      "E_MCPGUARD_MISMATCH",
      `${exact}: the registry lists ${exact} but the tarball's package.json says ${String(own.name)}@${String(own.version)}; refusing to review it`,
    );
  }
  const confusion = dependencyMismatch(manifest as unknown as Record<string, unknown>, own);
  if (confusion)
    snapshot.anomalies.push({ path: "package.json", kind: "manifest-mismatch", detail: confusion });
  return snapshot;
}

/**
 * "Manifest confusion": npm resolves a package's dependencies from the registry's metadata, while the
 * review reads the tarball's package.json. A dependency that only the registry lists is installed
 * without appearing in the diff, so any disagreement is reported (and makes the analysis incomplete).
 */
export function dependencyMismatch(
  registry: Record<string, unknown>,
  tarball: Record<string, unknown>,
): string | null {
  const r = dependenciesOf(registry, INSTALLED);
  const t = dependenciesOf(tarball, INSTALLED);
  const diffs: string[] = [];
  for (const [k, v] of r) {
    if (!t.has(k)) diffs.push(`${k}@${v} only in the registry's metadata`);
    else if (t.get(k) !== v) diffs.push(`${k}: registry says ${v}, tarball says ${t.get(k)}`);
  }
  for (const [k, v] of t) if (!r.has(k)) diffs.push(`${k}@${v} only in the tarball`);
  if (diffs.length === 0) return null;
  const shown = diffs.slice(0, 5).join("; ") + (diffs.length > 5 ? `; and ${diffs.length - 5} more` : "");
  return `the registry's metadata and the tarball's package.json list different dependencies (npm installs the registry's): ${shown}`;
}
