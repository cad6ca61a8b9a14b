#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { parseFeed } from "./parse.js";

const server = new McpServer({ name: "rss-reader", version: "1.5.0" });

async function load(url) {
  const r = await fetch(url, { headers: { accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5", "user-agent": "mcp-rss-reader" } });
  if (!r.ok) throw new Error(`HTTP ${r.status} for ${url}`);
  return parseFeed(await r.text());
}

server.tool("read_feed", "Fetch a feed and list its latest items.", { url: z.string().url(), limit: z.number().int().max(100).default(15) }, async ({ url, limit }) => {
  const f = await load(url);
  const lines = f.items.slice(0, limit).map((i) => `- ${i.title}\n  ${i.link}\n  ${i.date}${i.summary ? `\n  ${i.summary}` : ""}`);
  return { content: [{ type: "text", text: `# ${f.title}\n\n${lines.join("\n")}` }] };
});

server.tool("read_many", "Fetch several feeds and merge their newest items.", { urls: z.array(z.string().url()).min(1).max(20), limit: z.number().int().max(100).default(20) }, async ({ urls, limit }) => {
  const results = await Promise.allSettled(urls.map(load));
  const items = results.flatMap((r, i) => (r.status === "fulfilled" ? r.value.items.map((it) => ({ ...it, feed: r.value.title || urls[i] })) : []));
  items.sort((a, b) => (Date.parse(b.date) || 0) - (Date.parse(a.date) || 0));
  const failed = results.map((r, i) => (r.status === "rejected" ? `${urls[i]}: ${r.reason.message}` : null)).filter(Boolean);
  const text = items.slice(0, limit).map((i) => `- [${i.feed}] ${i.title} (${i.date})\n  ${i.link}`).join("\n");
  return { content: [{ type: "text", text: text + (failed.length ? `\n\nFailed:\n${failed.join("\n")}` : "") }] };
});

await server.connect(new StdioServerTransport());
