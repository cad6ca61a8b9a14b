#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { client } = require("./github");
const { version } = require("../package.json");

const gh = client(process.env.GITHUB_TOKEN || process.env.GH_TOKEN);
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

server.connect(new StdioServerTransport());
