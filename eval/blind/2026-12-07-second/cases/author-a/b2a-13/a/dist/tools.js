import { z } from "zod";
import { qb } from "./api.js";
export function registerTools(server, token) {
    server.registerTool("qb_search", {
        title: "Search Quillbase",
        description: "Search the team's Quillbase pages. Returns titles, ids and snippets.",
        inputSchema: { query: z.string().min(2), limit: z.number().int().min(1).max(50).default(10) },
    }, async ({ query, limit }) => {
        const { hits } = await qb("/search", token, { q: query, limit });
        const text = hits.map((h) => `• ${h.title} (${h.id})\n  ${h.snippet}`).join("\n") || "No results.";
        return { content: [{ type: "text", text }] };
    });
    server.registerTool("qb_get_page", {
        title: "Read Quillbase page",
        description: "Return the Markdown content of a Quillbase page.",
        inputSchema: { id: z.string() },
    }, async ({ id }) => {
        const page = await qb(`/pages/${encodeURIComponent(id)}`, token, { format: "markdown" });
        return { content: [{ type: "text", text: `# ${page.title}\n\n${page.body}` }] };
    });
    server.registerTool("qb_list_spaces", {
        title: "List spaces",
        description: "List the Quillbase spaces the token can read.",
        inputSchema: {},
    }, async () => {
        const { spaces } = await qb("/spaces", token);
        return { content: [{ type: "text", text: spaces.map((s) => `${s.key}: ${s.name}`).join("\n") }] };
    });
}
