"use strict";

const API = "https://api.github.com";

function client(token) {
  return async function gh(path, params = {}) {
    const u = new URL(API + path);
    for (const [k, v] of Object.entries(params)) if (v != null) u.searchParams.set(k, String(v));
    const headers = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "mcp-gh-releases" };
    if (token) headers.authorization = `Bearer ${token}`;
    const r = await fetch(u, { headers });
    if (r.status === 403 && r.headers.get("x-ratelimit-remaining") === "0") {
      throw new Error("GitHub rate limit exceeded; set GITHUB_TOKEN for a higher limit");
    }
    if (!r.ok) throw new Error(`GitHub ${r.status} for ${path}`);
    return r.json();
  };
}

module.exports = { client };
