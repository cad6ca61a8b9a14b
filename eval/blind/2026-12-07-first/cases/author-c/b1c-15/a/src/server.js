#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { configuredFeeds, fetchFeed, fetchAll } from "./feeds.js";

const server = new McpServer({ name: "feedreader", version: "1.3.0" });
const text = (v) => ({ content: [{ type: "text", text: typeof v === "string" ? v : JSON.stringify(v, null, 2) }] });

server.tool("list_feeds", "List the feeds configured in FEEDS.", {}, async () => text(configuredFeeds()));

server.tool(
  "read_feed",
  "Fetch one RSS/Atom feed by URL and return its latest items.",
  { url: z.string().url(), limit: z.number().int().min(1).max(50).default(10) },
  async ({ url, limit }) => {
    const feed = await fetchFeed(url);
    return text({ title: feed.title, items: feed.items.slice(0, limit) });
  }
);

server.tool(
  "latest",
  "Latest items across all configured feeds, newest first.",
  { limit: z.number().int().min(1).max(100).default(20) },
  async ({ limit }) => {
    const feeds = await fetchAll(configuredFeeds());
    const items = feeds
      .flatMap((f) => f.items.map((i) => ({ ...i, feed: f.title })))
      .sort((a, b) => (Date.parse(b.published) || 0) - (Date.parse(a.published) || 0))
      .slice(0, limit);
    const errors = feeds.filter((f) => f.error).map((f) => `${f.url}: ${f.error}`);
    return text({ items, errors });
  }
);

await server.connect(new StdioServerTransport());
