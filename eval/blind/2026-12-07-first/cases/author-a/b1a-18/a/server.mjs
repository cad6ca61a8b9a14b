#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { readFile, readdir, appendFile, stat } from "node:fs/promises";
import { join, resolve, relative, sep } from "node:path";

const VAULT = resolve(process.env.OBSIDIAN_VAULT ?? process.argv[2] ?? ".");

function inVault(rel) {
  const abs = resolve(VAULT, rel.endsWith(".md") ? rel : `${rel}.md`);
  if (abs !== VAULT && !abs.startsWith(VAULT + sep)) throw new Error("Path escapes the vault");
  return abs;
}

async function* walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.name.endsWith(".md")) yield p;
  }
}

async function listNotes(folder = "") {
  const out = [];
  for await (const p of walk(resolve(VAULT, folder))) out.push(relative(VAULT, p));
  return out.sort();
}

async function readNote(rel) {
  return readFile(inVault(rel), "utf8");
}

async function search(query, limit = 20) {
  const q = query.toLowerCase();
  const hits = [];
  for await (const p of walk(VAULT)) {
    const text = await readFile(p, "utf8");
    const i = text.toLowerCase().indexOf(q);
    if (i >= 0) hits.push(`${relative(VAULT, p)}: …${text.slice(Math.max(0, i - 60), i + 100).replace(/\n/g, " ")}…`);
    if (hits.length >= limit) break;
  }
  return hits;
}

async function appendToNote(rel, text) {
  const abs = inVault(rel);
  await appendFile(abs, (text.startsWith("\n") ? "" : "\n") + text, "utf8");
  return (await stat(abs)).size;
}

const tools = [
  { name: "list_notes", description: "List markdown notes in the vault (or a folder).", inputSchema: { type: "object", properties: { folder: { type: "string" } } } },
  { name: "read_note", description: "Read a note by its vault-relative path.", inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } },
  { name: "search_notes", description: "Case-insensitive full-text search across the vault.", inputSchema: { type: "object", properties: { query: { type: "string" }, limit: { type: "number" } }, required: ["query"] } },
  { name: "append_note", description: "Append text to a note (creates it if missing).", inputSchema: { type: "object", properties: { path: { type: "string" }, text: { type: "string" } }, required: ["path", "text"] } },
];

const server = new Server({ name: "obsidian-vault", version: "1.1.4" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));

server.setRequestHandler(CallToolRequestSchema, async ({ params: { name, arguments: a = {} } }) => {
  try {
    let text;
    if (name === "list_notes") text = (await listNotes(a.folder)).join("\n") || "Empty vault.";
    else if (name === "read_note") text = await readNote(a.path);
    else if (name === "search_notes") text = (await search(a.query, a.limit)).join("\n") || "No matches.";
    else if (name === "append_note") text = `Appended; note is now ${await appendToNote(a.path, a.text)} bytes`;
    else throw new Error(`Unknown tool ${name}`);
    return { content: [{ type: "text", text }] };
  } catch (e) {
    return { isError: true, content: [{ type: "text", text: e.message }] };
  }
});

await server.connect(new StdioServerTransport());
