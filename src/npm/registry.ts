/**
 * Every pacote call. Registry specs only: git, remote-URL and directory specs are refused,
 * and pacote is only asked for manifests and tarball bytes, never to extract or prepare.
 */
import pacote from "pacote";
import { McpGuardError } from "../core/errors.js";
import type { Limits } from "../core/limits.js";
import type { PackageSnapshot } from "../core/types.js";
import { readTarball } from "./tarball.js";

export interface RegistryOptions {
  registry?: string;
  /** npm's cache folder; pacote's default (~/.npm/_cacache) when absent. */
  cache?: string;
}

function pacoteOptions(opts: RegistryOptions, limits: Limits): pacote.Options {
  return {
    ...(opts.registry ? { registry: opts.registry } : {}),
    ...(opts.cache ? { cache: opts.cache } : {}),
    allowGit: "none",
    allowRemote: "none",
    allowDirectory: "none",
    allowFile: "none",
    timeout: limits.requestTimeoutMs,
    fetchRetries: limits.requestRetries,
    fetchRetryMintimeout: 500,
    fetchRetryMaxtimeout: 5_000,
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
    default:
      return new McpGuardError("E_MCPGUARD_FETCH", `${spec}: registry fetch failed (${msg}); re-run`, {
        cause: e,
      });
  }
}

/** A sha512 SRI string out of a manifest's integrity field, or null. */
export function sha512Of(integrity: unknown): string | null {
  if (typeof integrity !== "string") return null;
  const sri = integrity.split(/\s+/).find((s) => s.startsWith("sha512-"));
  return sri ?? null;
}

/** Fetches `name@version` from the registry, verifying the tarball against the registry's sha512. */
export async function fetchRegistryPackage(
  spec: string,
  opts: RegistryOptions,
  limits: Limits,
): Promise<PackageSnapshot> {
  const popts = pacoteOptions(opts, limits);
  let manifest: Awaited<ReturnType<typeof pacote.manifest>>;
  try {
    manifest = await pacote.manifest(spec, popts);
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
    data = await pacote.tarball(exact, { ...popts, integrity });
  } catch (e) {
    throw explain(exact, e);
  }
  return readTarball(exact, data, limits, { name: manifest.name, version: manifest.version, integrity });
}
