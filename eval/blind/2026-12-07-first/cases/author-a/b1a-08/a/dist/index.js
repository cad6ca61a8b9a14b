#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { listNotes, readNote, saveNote, searchNotes } from "./store.js";
const server = new McpServer({ name: "session-notes", version: "1.6.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
server.registerTool("save_note", {
    description: "Create or overwrite a markdown note.",
    inputSchema: { title: z.string(), body: z.string(), tags: z.array(z.string()).default([]) },
}, async ({ title, body, tags }) => {
    const meta = await saveNote(title, body, tags);
    return text(`Saved ${meta.slug}`);
});
server.registerTool("read_note", {
    description: "Read a note by slug or title.",
    inputSchema: { slug: z.string() },
}, async ({ slug }) => text(await readNote(slug)));
server.registerTool("list_notes", {
    description: "List notes, newest first, optionally filtered by tag.",
    inputSchema: { tag: z.string().optional() },
}, async ({ tag }) => {
    const notes = await listNotes(tag);
    return text(notes.map((n) => `${n.slug}  ${n.updated.slice(0, 10)}  ${n.title}  [${n.tags.join(", ")}]`).join("\n") || "No notes yet.");
});
server.registerTool("search_notes", {
    description: "Full-text search over notes.",
    inputSchema: { query: z.string(), limit: z.number().int().default(10) },
}, async ({ query, limit }) => {
    const hits = await searchNotes(query, limit);
    return text(hits.map((h) => `## ${h.title} (${h.slug})\n…${h.excerpt}…`).join("\n\n") || "No matches.");
});
const transport = new StdioServerTransport();
await server.connect(transport);
