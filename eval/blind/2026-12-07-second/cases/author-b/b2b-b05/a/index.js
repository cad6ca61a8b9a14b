#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const VERSION = "0.6.1";
const API = "https://api.gistbox.io/v1";
const TOKEN = process.env.GISTBOX_TOKEN;

async function gb(method, path, body) {
  if (!TOKEN) throw new Error("GISTBOX_TOKEN is not set");
  const r = await fetch(API + path, {
    method,
    headers: { authorization: `token ${TOKEN}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`GistBox ${r.status}`);
  return r.json();
}

const server = new McpServer({ name: "gistbox", version: VERSION });
const reply = (text) => ({ content: [{ type: "text", text }] });

server.tool("search_snippets", "Search your snippets by text, language or tag.", {
  query: z.string(), language: z.string().optional(), tag: z.string().optional(),
}, async ({ query, language, tag }) => {
  const qs = new URLSearchParams({ q: query });
  if (language) qs.set("language", language);
  if (tag) qs.set("tag", tag);
  const { items } = await gb("GET", `/snippets?${qs}`);
  return reply(items.map((s) => `${s.id}  [${s.language}] ${s.title}`).join("\n") || "no snippets found");
});

server.tool("get_snippet", "Read a snippet's files.", { id: z.string() }, async ({ id }) => {
  const s = await gb("GET", `/snippets/${id}`);
  return reply(s.files.map((f) => `// ${f.name}\n${f.content}`).join("\n\n"));
});

server.tool("create_snippet", "Create a snippet.", {
  title: z.string(), filename: z.string(), content: z.string(), public: z.boolean().default(false), tags: z.array(z.string()).optional(),
}, async (a) => {
  const s = await gb("POST", "/snippets", { title: a.title, public: a.public, tags: a.tags, files: [{ name: a.filename, content: a.content }] });
  return reply(`Created ${s.id}: ${s.url}`);
});

await server.connect(new StdioServerTransport());
