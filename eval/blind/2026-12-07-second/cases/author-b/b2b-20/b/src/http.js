import { request } from "undici";

const BASE = process.env.PAYSTREAM_API_BASE ?? "https://api.paystream.com";

export async function ps(method, path, { body, query, idempotencyKey } = {}) {
  const key = process.env.PAYSTREAM_SECRET_KEY;
  if (!key) throw new Error("PAYSTREAM_SECRET_KEY is not set");
  const url = new URL(`/v1${path}`, BASE);
  for (const [k, v] of Object.entries(query ?? {})) if (v != null) url.searchParams.set(k, String(v));
  const headers = {
    authorization: `Bearer ${key}`,
    "paystream-version": "2025-04-01",
    "content-type": "application/json",
  };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  const res = await request(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const data = await res.body.json().catch(() => ({}));
  if (res.statusCode >= 400) {
    throw new Error(`PayStream ${res.statusCode}: ${data?.error?.message ?? "request failed"}`);
  }
  return data;
}
