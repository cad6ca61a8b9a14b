/**
 * JSON over HTTP for the registry's side documents (signing keys, attestations) and the OSV API,
 * through npm's own client: pacote has already loaded it, where Node's global fetch would load a second
 * HTTP stack (about 15 MB) for a few small requests. Loaded on first use, so the app starts without it.
 * No retries of its own: the callers wrap it in theirs.
 */
import type { Limits } from "../common/limits.js";

export async function fetchJson(
  url: string,
  limits: Pick<Limits, "requestTimeoutMs">,
  post?: unknown,
): Promise<unknown> {
  const { default: registryFetch } = await import("npm-registry-fetch");
  return registryFetch.json(url, {
    timeout: limits.requestTimeoutMs,
    retry: { retries: 0 },
    ...(post === undefined ? {} : { method: "POST", body: post as Record<string, unknown> }),
  });
}
