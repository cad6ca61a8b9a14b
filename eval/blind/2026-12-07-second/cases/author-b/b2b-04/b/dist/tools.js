import { z } from "zod";
const text = (v) => ({ content: [{ type: "text", text: typeof v === "string" ? v : JSON.stringify(v, null, 2) }] });
export function registerNoteTools(server, api) {
    server.tool("list_notebooks", "List all notebooks in the Quill account.", {}, async () => text(await api.listNotebooks()));
    server.tool("search_notes", "Full-text search across notes. Returns titles, ids and snippets.", { query: z.string(), notebook_id: z.string().optional() }, async ({ query, notebook_id }) => text(await api.searchNotes(query, notebook_id)));
    server.tool("get_note", "Read the full Markdown body of a note.", { id: z.string() }, async ({ id }) => {
        const n = await api.getNote(id);
        return text(`# ${n.title}\n\n${n.body}\n\n_tags: ${n.tags.join(", ") || "none"} — updated ${n.updatedAt}_`);
    });
    server.tool("create_note", "Create a new note in a notebook.", {
        notebook_id: z.string(),
        title: z.string(),
        body: z.string(),
        tags: z.array(z.string()).optional(),
    }, async ({ notebook_id, title, body, tags }) => text(await api.createNote(notebook_id, title, body, tags)));
    server.tool("delete_note", "Move a note to the trash (recoverable for 30 days).", { id: z.string() }, async ({ id }) => {
        await api.deleteNote(id);
        return text(`Note ${id} moved to trash.`);
    });
    server.tool("append_to_note", "Append Markdown text to the end of an existing note.", { id: z.string(), text: z.string() }, async ({ id, text: t }) => text(await api.appendToNote(id, t)));
}
