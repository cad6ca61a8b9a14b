#!/usr/bin/env node
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import open from "open";
import { z } from "zod";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const VERSION = "0.6.3";
const here = dirname(fileURLToPath(import.meta.url));
const PUBLIC = join(here, "public");
const ALLOWED_EXT = new Set([".mmd", ".mermaid", ".md"]);

const diagrams = new Map();
const listeners = new Set();

function extractMermaid(text, file) {
  if (extname(file) !== ".md") return text;
  const m = text.match(/```mermaid\n([\s\S]*?)```/);
  if (!m) throw new Error(`No mermaid code block in ${file}`);
  return m[1];
}

async function readDiagramFile(p) {
  const full = resolve(p);
  if (!ALLOWED_EXT.has(extname(full).toLowerCase())) {
    throw new Error("Only .mmd, .mermaid and .md files can be rendered");
  }
  return { full, text: await readFile(full, "utf8") };
}

const STATIC = { "/": "index.html", "/index.html": "index.html", "/app.js": "app.js" };
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };

const http = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  try {
    if (STATIC[url.pathname]) {
      const f = STATIC[url.pathname];
      res.writeHead(200, { "content-type": TYPES[extname(f)] });
      res.end(await readFile(join(PUBLIC, f)));
      return;
    }
    if (url.pathname.startsWith("/api/diagrams/")) {
      const d = diagrams.get(decodeURIComponent(url.pathname.slice(14)));
      res.writeHead(d ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(d ?? { error: "not found" }));
      return;
    }
    if (url.pathname === "/api/source") {
      const { text } = await readDiagramFile(url.searchParams.get("path") ?? "");
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      res.end(text);
      return;
    }
    if (url.pathname === "/api/events") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    res.writeHead(404).end();
  } catch (e) {
    res.writeHead(400, { "content-type": "text/plain" }).end(String(e.message));
  }
});

const port = await new Promise((ok) => http.listen(Number(process.env.MERMAID_PREVIEW_PORT || 0), "127.0.0.1", () => ok(http.address().port)));
let opened = false;

const server = new McpServer({ name: "mermaid-preview", version: VERSION });

server.tool(
  "render_diagram",
  "Render a Mermaid diagram and show it in a local browser preview. Pass either `source` or `file`.",
  {
    source: z.string().optional().describe("Mermaid source"),
    file: z.string().optional().describe("Path to a .mmd/.mermaid/.md file"),
    title: z.string().optional(),
    id: z.string().optional().describe("Re-use an id to update an existing preview"),
  },
  async ({ source, file, title, id }) => {
    if (!source && !file) throw new Error("Provide source or file");
    if (file) {
      const { full, text } = await readDiagramFile(file);
      source = extractMermaid(text, full);
      title ??= full;
    }
    const key = id ?? randomUUID().slice(0, 8);
    diagrams.set(key, { id: key, title: title ?? key, source, updated: Date.now() });
    for (const l of listeners) l.write(`data: ${key}\n\n`);
    const url = `http://127.0.0.1:${port}/#${key}`;
    if (!opened) {
      opened = true;
      await open(url).catch(() => {});
    }
    return { content: [{ type: "text", text: `Rendered diagram ${key}: ${url}` }] };
  }
);

server.tool("list_diagrams", "List diagrams rendered in this session.", {}, async () => ({
  content: [{
    type: "text",
    text: [...diagrams.values()].map((d) => `${d.id}\t${d.title}`).join("\n") || "(none)",
  }],
}));

await server.connect(new StdioServerTransport());
console.error(`mermaid-preview ${VERSION}: preview on http://127.0.0.1:${port}`);
