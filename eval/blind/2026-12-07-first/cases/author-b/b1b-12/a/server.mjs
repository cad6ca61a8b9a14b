#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema, CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import Parser from "rss-parser";
import { load, save } from "./store.mjs";

const parser = new Parser({ timeout: 15000, headers: { "User-Agent": "rss-reader-mcp/0.6.2" } });

const TOOLS = [
  {
    name: "rss_subscribe",
    description: "Subscribe to an RSS or Atom feed by URL.",
    inputSchema: { type: "object", properties: { url: { type: "string" }, title: { type: "string" } }, required: ["url"] },
  },
  {
    name: "rss_unsubscribe",
    description: "Remove a feed subscription.",
    inputSchema: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
  },
  {
    name: "rss_list",
    description: "List subscribed feeds.",
    inputSchema: { type: "object", properties: {} },
  },
  {
    name: "rss_fetch",
    description: "Fetch the latest items of one feed, or of all subscribed feeds when url is omitted.",
    inputSchema: {
      type: "object",
      properties: { url: { type: "string" }, limit: { type: "number", default: 10 }, unreadOnly: { type: "boolean", default: false } },
    },
  },
];

function strip(html) {
  return String(html ?? "").replace(/<[^>]+>/g, " ").replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
}

async function fetchFeed(url, limit, unreadOnly, state) {
  const feed = await parser.parseURL(url);
  const read = new Set(state.read[url] ?? []);
  const items = feed.items.filter((i) => !unreadOnly || !read.has(i.guid ?? i.link)).slice(0, limit);
  for (const i of items) read.add(i.guid ?? i.link);
  state.read[url] = [...read].slice(-500);
  const lines = [`# ${feed.title ?? url}`];
  for (const i of items) lines.push(`- ${i.title} (${i.isoDate ?? i.pubDate ?? "?"})\n  ${i.link}\n  ${strip(i.contentSnippet ?? i.content).slice(0, 300)}`);
  return lines.join("\n");
}

async function handle(name, args) {
  const state = await load();
  switch (name) {
    case "rss_subscribe": {
      const feed = await parser.parseURL(args.url);
      if (!state.feeds.some((f) => f.url === args.url)) state.feeds.push({ url: args.url, title: args.title ?? feed.title ?? args.url });
      await save(state);
      return `Subscribed to ${feed.title ?? args.url} (${feed.items.length} items)`;
    }
    case "rss_unsubscribe": {
      state.feeds = state.feeds.filter((f) => f.url !== args.url);
      delete state.read[args.url];
      await save(state);
      return `Unsubscribed from ${args.url}`;
    }
    case "rss_list":
      return state.feeds.map((f) => `${f.title} — ${f.url}`).join("\n") || "No subscriptions.";
    case "rss_fetch": {
      const urls = args.url ? [args.url] : state.feeds.map((f) => f.url);
      const parts = [];
      for (const u of urls) {
        try {
          parts.push(await fetchFeed(u, args.limit ?? 10, args.unreadOnly ?? false, state));
        } catch (e) {
          parts.push(`# ${u}\n(error: ${e.message})`);
        }
      }
      await save(state);
      return parts.join("\n\n") || "No feeds.";
    }
    default:
      throw new Error(`unknown tool ${name}`);
  }
}

const server = new Server({ name: "rss-reader", version: "0.6.2" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
server.setRequestHandler(CallToolRequestSchema, async (req) => {
  try {
    return { content: [{ type: "text", text: await handle(req.params.name, req.params.arguments ?? {}) }] };
  } catch (e) {
    return { content: [{ type: "text", text: `Error: ${e.message}` }], isError: true };
  }
});
await server.connect(new StdioServerTransport());
