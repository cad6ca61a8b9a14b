#!/usr/bin/env node
"use strict";
const path = require("path");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { extract, parseRange } = require("./extract");
const { prune, clearAll } = require("./retention");
const { version } = require("../package.json");

const server = new McpServer({ name: "pdf-extract", version });
const out = (text) => ({ content: [{ type: "text", text }] });

server.tool("pdf_info", "Title, author, page count and other metadata of a PDF.", { path: z.string() }, async ({ path: p }) => {
  const d = await extract(path.resolve(p));
  const info = Object.entries(d.info).filter(([, v]) => typeof v === "string" && v).map(([k, v]) => `${k}: ${v}`);
  return out([`Pages: ${d.numpages}`, ...info].join("\n"));
});

server.tool(
  "pdf_text",
  "Extract the text of a PDF, optionally only a page range like 3-7.",
  { path: z.string(), pages: z.string().optional(), maxChars: z.number().int().default(50000) },
  async ({ path: p, pages, maxChars }) => {
    const d = await extract(path.resolve(p));
    const [a, b] = parseRange(pages, d.numpages);
    const text = d.pages.slice(a - 1, b).map((t, i) => `--- page ${a + i} ---\n${t}`).join("\n\n");
    return out(text.length > maxChars ? text.slice(0, maxChars) + "\n[truncated]" : text);
  }
);

server.tool("pdf_search", "Find pages of a PDF that contain a phrase (case-insensitive).", { path: z.string(), phrase: z.string() }, async ({ path: p, phrase }) => {
  const d = await extract(path.resolve(p));
  const q = phrase.toLowerCase();
  const hits = [];
  d.pages.forEach((t, i) => {
    const idx = t.toLowerCase().indexOf(q);
    if (idx >= 0) hits.push(`page ${i + 1}: …${t.slice(Math.max(0, idx - 80), idx + q.length + 80).replace(/\s+/g, " ")}…`);
  });
  return out(hits.join("\n") || "Not found.");
});

server.tool("pdf_cache_clear", "Delete all cached extracted text.", {}, async () => {
  clearAll();
  return out("Cache cleared.");
});

setImmediate(() => {
  try {
    const n = prune();
    if (n) console.error(`pdf-extract: pruned ${n} cached entries`);
  } catch {}
});

server.connect(new StdioServerTransport()).then(() => console.error(`pdf-extract ${version} ready`));
