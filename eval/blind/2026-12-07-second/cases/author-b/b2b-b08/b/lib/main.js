#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { client } = require("./github");
const { resolveToken } = require("./auth");
const { version } = require("../package.json");

const auth = resolveToken();
const gh = client(auth.token);
console.error(`[gh-releases] auth: ${auth.source}`);
const server = new McpServer({ name: "gh-releases", version });
const text = (t) => ({ content: [{ type: "text", text: t }] });
const repo = z.string().regex(/^[\w.-]+\/[\w.-]+$/, "owner/repo");

server.tool("latest_release", "Latest published release of a repository with its notes.", { repo }, async ({ repo: r }) => {
  const rel = await gh(`/repos/${r}/releases/latest`);
  return text(`${rel.name || rel.tag_name} (${rel.tag_name}) — ${rel.published_at}\n${rel.html_url}\n\n${rel.body || "(no notes)"}`);
});

server.tool("list_releases", "Recent releases of a repository.", { repo, limit: z.number().int().max(100).default(10) }, async ({ repo: r, limit }) => {
  const list = await gh(`/repos/${r}/releases`, { per_page: limit });
  return text(list.map((x) => `${x.tag_name}\t${x.published_at?.slice(0, 10)}\t${x.prerelease ? "pre" : ""}${x.draft ? "draft" : ""}\t${x.name || ""}`).join("\n"));
});

server.tool("compare_tags", "Commits between two tags or refs.", { repo, base: z.string(), head: z.string() }, async ({ repo: r, base, head }) => {
  const c = await gh(`/repos/${r}/compare/${encodeURIComponent(base)}...${encodeURIComponent(head)}`);
  const lines = c.commits.map((x) => `${x.sha.slice(0, 7)} ${x.commit.message.split("\n")[0]} (${x.commit.author.name})`);
  return text(`${c.ahead_by} commits ahead, ${c.behind_by} behind\n\n${lines.join("\n")}`);
});

server.tool("release_assets", "Download URLs, sizes and download counts of a release's assets.", { repo, tag: z.string() }, async ({ repo: r, tag }) => {
  const rel = await gh(`/repos/${r}/releases/tags/${encodeURIComponent(tag)}`);
  return text(rel.assets.map((a) => `${a.name}\t${(a.size / 1048576).toFixed(1)} MB\t${a.download_count} downloads\t${a.browser_download_url}`).join("\n") || "(no assets)");
});

server.connect(new StdioServerTransport());
