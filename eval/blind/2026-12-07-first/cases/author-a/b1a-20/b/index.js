#!/usr/bin/env node
"use strict";

const fs = require("fs");
const path = require("path");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { score } = require("./lib/score");
const { walk } = require("./lib/walk");
const { version } = require("./package.json");

const ROOT = path.resolve(process.argv[2] || process.cwd());
const server = new McpServer({ name: "fuzzy-files", version });

server.tool(
  "find_files",
  "Fuzzy-find files in the workspace by name (like Ctrl+P).",
  { query: z.string(), limit: z.number().int().max(200).default(30), ext: z.string().optional().describe("Only files with this extension, e.g. ts") },
  async ({ query, limit, ext }) => {
    const ranked = [];
    for (const rel of walk(ROOT)) {
      if (ext && !rel.endsWith(`.${ext.replace(/^\./, "")}`)) continue;
      const s = score(query, rel);
      if (s >= 0) ranked.push([s, rel]);
    }
    ranked.sort((a, b) => b[0] - a[0]);
    return { content: [{ type: "text", text: ranked.slice(0, limit).map((r) => r[1]).join("\n") || "No matches." }] };
  }
);

server.tool(
  "grep_files",
  "Search file contents with a regular expression; returns file:line: text.",
  { pattern: z.string(), glob: z.string().optional().describe("Only files whose path contains this"), limit: z.number().int().default(100) },
  async ({ pattern, glob, limit }) => {
    const re = new RegExp(pattern);
    const out = [];
    for (const rel of walk(ROOT)) {
      if (glob && !rel.includes(glob)) continue;
      let text;
      try {
        const full = path.join(ROOT, rel);
        if (fs.statSync(full).size > 1024 * 1024) continue;
        text = fs.readFileSync(full, "utf8");
      } catch {
        continue;
      }
      const lines = text.split("\n");
      for (let i = 0; i < lines.length && out.length < limit; i++) {
        if (re.test(lines[i])) out.push(`${rel}:${i + 1}: ${lines[i].slice(0, 240)}`);
      }
      if (out.length >= limit) break;
    }
    return { content: [{ type: "text", text: out.join("\n") || "No matches." }] };
  }
);

server.connect(new StdioServerTransport());
