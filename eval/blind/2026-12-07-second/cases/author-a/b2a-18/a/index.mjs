#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const ALGOLIA = "https://hn.algolia.com/api/v1";
const server = new McpServer({ name: "hn-reader", version: "0.5.2" });

async function api(path, params = {}) {
  const url = new URL(ALGOLIA + path);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
  const res = await fetch(url, { headers: { "user-agent": "mcp-hn-reader/0.5" } });
  if (!res.ok) throw new Error(`HN API ${res.status}`);
  return res.json();
}

function strip(html = "") {
  return html
    .replace(/<p>/g, "\n\n")
    .replace(/<a [^>]*href="([^"]+)"[^>]*>[^<]*<\/a>/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&");
}

function format(lines) {
  return { content: [{ type: "text", text: lines.join("\n") }] };
}

server.registerTool(
  "hn_search",
  {
    title: "Search Hacker News",
    description: "Search Hacker News stories by keyword. Sort by relevance or date.",
    inputSchema: {
      query: z.string().min(1),
      sort: z.enum(["relevance", "date"]).default("relevance"),
      limit: z.number().int().min(1).max(50).default(10),
    },
  },
  async ({ query, sort, limit }) => {
    const data = await api(sort === "date" ? "/search_by_date" : "/search", { query, tags: "story", hitsPerPage: limit });
    return format(
      data.hits.map((h) => `• ${h.title} (${h.points ?? 0} points, ${h.num_comments ?? 0} comments) id=${h.objectID}\n  ${h.url ?? `https://news.ycombinator.com/item?id=${h.objectID}`}`)
    );
  }
);

server.registerTool(
  "hn_front_page",
  { title: "Front page", description: "Stories currently on the Hacker News front page.", inputSchema: {} },
  async () => {
    const data = await api("/search", { tags: "front_page", hitsPerPage: 30 });
    return format(data.hits.map((h, i) => `${i + 1}. ${h.title} (${h.points} points) id=${h.objectID}`));
  }
);

server.registerTool(
  "hn_item",
  {
    title: "Read story",
    description: "Read a story and its top-level comments by id.",
    inputSchema: { id: z.string().regex(/^\d+$/), maxComments: z.number().int().min(0).max(100).default(20) },
  },
  async ({ id, maxComments }) => {
    const item = await api(`/items/${id}`);
    const lines = [`# ${item.title}`, item.url ?? "", item.text ? strip(item.text) : "", "", "## Comments"];
    for (const c of (item.children ?? []).slice(0, maxComments)) {
      if (c.text) lines.push(`- ${c.author}: ${strip(c.text).trim().slice(0, 1200)}`);
    }
    return format(lines);
  }
);

await server.connect(new StdioServerTransport());
