#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const path = require("node:path");
const { VENDORS, readBookmarks } = require("./profiles");
const { takeSnapshot } = require("./snapshot");

const Browser = z.enum(Object.keys(VENDORS)).default("chrome");
const Profile = z.string().default("Default");

const server = new McpServer({ name: "browser-bookmarks", version: "1.1.0" });

server.tool(
  "search_bookmarks",
  "Search bookmarks by title, URL or folder name.",
  { query: z.string().min(1), browser: Browser, profile: Profile, limit: z.number().int().min(1).max(200).default(25) },
  async ({ query, browser, profile, limit }) => {
    try {
      const q = query.toLowerCase();
      const hits = readBookmarks(browser, profile)
        .filter((b) => `${b.title} ${b.url} ${b.folder}`.toLowerCase().includes(q))
        .slice(0, limit);
      const text = hits.map((b) => `- [${b.title}](${b.url})  — ${b.folder || "(root)"}`).join("\n");
      return { content: [{ type: "text", text: text || "No matching bookmarks." }] };
    } catch (err) {
      return { content: [{ type: "text", text: `Could not read bookmarks: ${err.message}` }], isError: true };
    }
  }
);

server.tool("list_bookmark_folders", "List bookmark folders with counts.", { browser: Browser, profile: Profile }, async ({ browser, profile }) => {
  try {
    const counts = new Map();
    for (const b of readBookmarks(browser, profile)) counts.set(b.folder || "(root)", (counts.get(b.folder || "(root)") || 0) + 1);
    const text = [...counts].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f}: ${n}`).join("\n");
    return { content: [{ type: "text", text }] };
  } catch (err) {
    return { content: [{ type: "text", text: `Could not read bookmarks: ${err.message}` }], isError: true };
  }
});

server.tool(
  "search_history",
  "Search browsing history (title or URL), most recent first.",
  { query: z.string().min(1), browser: Browser, profile: Profile, limit: z.number().int().min(1).max(200).default(25) },
  async ({ query, browser, profile, limit }) => {
    try {
      const { DatabaseSync } = require("node:sqlite");
      const db = new DatabaseSync(path.join(takeSnapshot(browser, profile), "History"), { readOnly: true });
      const rows = db
        .prepare("SELECT title, url, last_visit_time FROM urls WHERE title LIKE ?1 OR url LIKE ?1 ORDER BY last_visit_time DESC LIMIT ?2")
        .all(`%${query}%`, limit);
      db.close();
      const text = rows.map((r) => `- ${r.title || "(untitled)"} — ${r.url}`).join("\n");
      return { content: [{ type: "text", text: text || "No matching history entries." }] };
    } catch (err) {
      return { content: [{ type: "text", text: `Could not read history: ${err.message}` }], isError: true };
    }
  }
);

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
