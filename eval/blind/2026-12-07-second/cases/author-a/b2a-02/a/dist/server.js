import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { NoteKitClient } from "./client.js";
export class NotesServer {
    server;
    client;
    constructor(apiKey) {
        this.client = new NoteKitClient(apiKey);
        this.server = new McpServer({ name: "notekit", version: "0.8.1" });
        this.registerTools();
    }
    text(value) {
        return { content: [{ type: "text", text: typeof value === "string" ? value : JSON.stringify(value, null, 2) }] };
    }
    async run(name, fn) {
        try {
            return this.text(await fn());
        }
        catch (err) {
            return { ...this.text(`${name} failed: ${err.message}`), isError: true };
        }
    }
    registerTools() {
        this.server.registerTool("search_notes", {
            title: "Search notes",
            description: "Full-text search across the user's NoteKit notes.",
            inputSchema: { query: z.string().min(1), limit: z.number().int().min(1).max(100).optional() },
        }, (args) => this.run("search_notes", async () => {
            const { results } = await this.client.searchNotes(args.query, args.limit);
            return results.map((n) => ({ id: n.id, title: n.title, tags: n.tags, updatedAt: n.updatedAt }));
        }));
        this.server.registerTool("get_note", {
            title: "Read note",
            description: "Return the full body of a note by id.",
            inputSchema: { id: z.string() },
        }, (args) => this.run("get_note", () => this.client.getNote(args.id)));
        this.server.registerTool("create_note", {
            title: "Create note",
            description: "Create a new note. Markdown is supported in the body.",
            inputSchema: {
                title: z.string().min(1),
                body: z.string(),
                notebookId: z.string().optional(),
                tags: z.array(z.string()).optional(),
            },
        }, (args) => this.run("create_note", async () => {
            const note = await this.client.createNote(args);
            return `Created note ${note.id} (${note.title})`;
        }));
        this.server.registerTool("list_notebooks", {
            title: "List notebooks",
            description: "List the notebooks in the workspace.",
            inputSchema: {},
        }, () => this.run("list_notebooks", async () => (await this.client.listNotebooks()).notebooks));
    }
    async connect(transport) {
        await this.server.connect(transport);
    }
}
