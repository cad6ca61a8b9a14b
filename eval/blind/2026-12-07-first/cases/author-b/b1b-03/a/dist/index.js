import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { homedir } from "node:os";
import { join } from "node:path";
import { VectorStore } from "./store.js";
export class NotesVecServer {
    mcp;
    store;
    constructor(opts = {}) {
        const file = opts.indexFile ?? process.env.NOTES_VEC_INDEX ?? join(homedir(), ".local", "share", "notes-vec", "index.json");
        this.store = new VectorStore(file);
        this.mcp = new McpServer({ name: "notes-vec", version: "2.1.0" });
        this.registerTools();
    }
    async init() {
        await this.store.load();
    }
    registerTools() {
        this.mcp.registerTool("notes_upsert", {
            title: "Add or update a note",
            description: "Store a note in the local semantic index so it can be found later by meaning.",
            inputSchema: { id: z.string(), text: z.string(), tags: z.array(z.string()).optional() },
        }, async ({ id, text, tags }) => {
            this.store.upsert(id, text, tags);
            await this.store.save();
            return { content: [{ type: "text", text: `Indexed ${id} (${this.store.size} notes)` }] };
        });
        this.mcp.registerTool("notes_search", {
            title: "Search notes",
            description: "Find the notes most similar in meaning to a query.",
            inputSchema: { query: z.string(), k: z.number().int().min(1).max(50).optional(), tag: z.string().optional() },
        }, async ({ query, k, tag }) => {
            const hits = this.store.query(query, k ?? 5, tag);
            const text = hits.map((h) => `[${h.score.toFixed(3)}] ${h.id}: ${h.text.slice(0, 200)}`).join("\n") || "No notes.";
            return { content: [{ type: "text", text }] };
        });
        this.mcp.registerTool("notes_delete", {
            title: "Delete a note",
            description: "Remove a note from the index.",
            inputSchema: { id: z.string() },
        }, async ({ id }) => {
            const ok = this.store.delete(id);
            await this.store.save();
            return { content: [{ type: "text", text: ok ? `Deleted ${id}` : `No note ${id}` }] };
        });
    }
    async connect(transport) {
        await this.mcp.connect(transport);
    }
}
