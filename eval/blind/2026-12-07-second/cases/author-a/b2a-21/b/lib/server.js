"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const reg = require("./registry");
const { version } = require("../package.json");

const out = (t) => ({ content: [{ type: "text", text: t }] });
const safe = (fn) => async (a) => {
  try {
    return out(await fn(a));
  } catch (e) {
    return { ...out(e.message), isError: true };
  }
};

function createServer() {
  const server = new McpServer({ name: "npm-inspect", version });

  server.tool("npm_package_info", "Summary of an npm package: latest version, description, license, maintainers, repository.", { name: z.string() },
    safe(async ({ name }) => {
      const p = await reg.packument(name);
      const latest = p["dist-tags"] && p["dist-tags"].latest;
      const m = p.versions[latest] || {};
      return [
        `${p.name}@${latest}`,
        p.description || "",
        `License: ${m.license || "unknown"}`,
        `Maintainers: ${(p.maintainers || []).map((x) => x.name).join(", ")}`,
        `Repository: ${(m.repository && (m.repository.url || m.repository)) || "n/a"}`,
        `Published: ${p.time && p.time[latest]}`,
      ].join("\n");
    }));

  server.tool("npm_versions", "List published versions (newest first) with publish dates.", { name: z.string(), limit: z.number().int().min(1).max(200).default(20) },
    safe(async ({ name, limit }) => {
      const p = await reg.packument(name);
      return Object.keys(p.versions).reverse().slice(0, limit).map((v) => `${v}  ${p.time[v] || ""}`).join("\n");
    }));

  server.tool("npm_dependencies", "Dependencies of a package version.", { name: z.string(), version: z.string().default("latest") },
    safe(async ({ name, version: v }) => {
      const m = await reg.manifest(name, v);
      const fmt = (deps) => Object.entries(deps || {}).map(([k, r]) => `  ${k} ${r}`).join("\n") || "  (none)";
      return `${m.name}@${m.version}\ndependencies:\n${fmt(m.dependencies)}\npeerDependencies:\n${fmt(m.peerDependencies)}`;
    }));

  server.tool("npm_search", "Search the npm registry by keyword.", { query: z.string().min(2), limit: z.number().int().min(1).max(50).default(10) },
    safe(async ({ query, limit }) => {
      const r = await reg.search(query, limit);
      return r.objects.map((o) => `${o.package.name}@${o.package.version} — ${o.package.description || ""}`).join("\n") || "No results.";
    }));

  server.tool("npm_downloads", "Download count for the last day, week or month.", { name: z.string(), period: z.enum(["last-day", "last-week", "last-month"]).default("last-week") },
    safe(async ({ name, period }) => {
      const d = await reg.downloads(name, period);
      return `${name}: ${d.downloads.toLocaleString("en-US")} downloads (${d.start} → ${d.end})`;
    }));

  return server;
}

async function start() {
  await createServer().connect(new StdioServerTransport());
}

module.exports = { createServer, start };
