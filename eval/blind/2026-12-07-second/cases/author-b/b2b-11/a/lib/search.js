"use strict";

const BASE = process.env.APIDOCS_HUB_URL || "https://api.apidocs-hub.dev/v1";
const cache = new Map();

async function get(path, params = {}) {
  const url = new URL(BASE + path);
  for (const [k, v] of Object.entries(params)) if (v != null) url.searchParams.set(k, String(v));
  const key = url.toString();
  if (cache.has(key)) return cache.get(key);
  const headers = { accept: "application/json" };
  if (process.env.APIDOCS_HUB_KEY) headers["x-api-key"] = process.env.APIDOCS_HUB_KEY;
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`apidocs-hub ${res.status}`);
  const data = await res.json();
  if (cache.size > 200) cache.delete(cache.keys().next().value);
  cache.set(key, data);
  return data;
}

const listApis = (q) => get("/apis", { q });
const searchDocs = (api, q, limit) => get(`/apis/${encodeURIComponent(api)}/search`, { q, limit });
const getPage = (api, slug) => get(`/apis/${encodeURIComponent(api)}/pages/${encodeURIComponent(slug)}`);

module.exports = { listApis, searchDocs, getPage };
