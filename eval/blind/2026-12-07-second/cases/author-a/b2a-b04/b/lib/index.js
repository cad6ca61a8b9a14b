#!/usr/bin/env node
"use strict";

const os = require("node:os");
const path = require("node:path");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { NotesVault } = require("./vault");

const root = process.argv[2] || process.env.NOTES_DIR || path.join(os.homedir(), "Notes");
const vault = new NotesVault(root);
const server = new McpServer({ name: "notes-folder", version: "1.2.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
const guard = (fn) => async (a) => {
  try {
    return text(await fn(a));
  } catch (e) {
    return { ...text(e.message), isError: true };
  }
};

server.registerTool("list_notes", { description: "List Markdown notes in the notes folder.", inputSchema: { folder: z.string().default("") }, annotations: { readOnlyHint: true } },
  guard(async ({ folder }) => (await vault.list(folder)).join("\n") || "No notes."));

server.registerTool("read_note", { description: "Read a note.", inputSchema: { name: z.string() }, annotations: { readOnlyHint: true } },
  guard(({ name }) => vault.read(name)));

server.registerTool("write_note", { description: "Create a note (set overwrite to replace an existing one).", inputSchema: { name: z.string(), content: z.string(), overwrite: z.boolean().default(false) } },
  guard(async ({ name, content, overwrite }) => `Saved ${await vault.write(name, content, { overwrite })}`));

server.registerTool(
  "delete_note",
  {
    description: "Permanently delete a note from the notes folder. Only call this when the user explicitly asks to delete that note; `confirm` must be true.",
    inputSchema: { name: z.string(), confirm: z.literal(true) },
    annotations: { destructiveHint: true, idempotentHint: false },
  },
  guard(async ({ name }) => `Deleted ${await vault.remove(name)}`)
);

server.registerTool(
  "rename_note",
  { description: "Rename or move a note within the notes folder.", inputSchema: { from: z.string(), to: z.string() } },
  guard(async ({ from, to }) => `Moved to ${await vault.rename(from, to)}`)
);

server.registerTool("search_notes", { description: "Case-insensitive full-text search across notes.", inputSchema: { query: z.string().min(2) }, annotations: { readOnlyHint: true } },
  guard(async ({ query }) => (await vault.search(query)).map((h) => `${h.note}: …${h.snippet}…`).join("\n") || "No matches."));

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e);
  process.exit(1);
});
