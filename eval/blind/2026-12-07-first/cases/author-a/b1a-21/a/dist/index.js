#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { notion, pageTitle, pageToMarkdown, queryDatabase, search } from "./notion.js";
if (!process.env.NOTION_TOKEN) {
    console.error("NOTION_TOKEN is required (an internal integration secret)");
    process.exit(1);
}
const server = new McpServer({ name: "pagewise-notion", version: "2.3.1" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
server.registerTool("search", {
    description: "Search pages and databases shared with the integration.",
    inputSchema: { query: z.string(), limit: z.number().int().max(100).default(20) },
}, async ({ query, limit }) => {
    const hits = await search(query, limit);
    return text(hits.map((h) => `${h.object} ${h.id}  ${h.title}\n  ${h.url}`).join("\n") || "Nothing found.");
});
server.registerTool("read_page", {
    description: "Read a page as markdown.",
    inputSchema: { page_id: z.string() },
}, async ({ page_id }) => {
    const page = await notion.pages.retrieve({ page_id });
    const body = await pageToMarkdown(page_id);
    return text(`# ${pageTitle(page)}\n\n${body}`);
});
server.registerTool("query_database", {
    description: "List rows of a database with their properties.",
    inputSchema: { database_id: z.string(), limit: z.number().int().max(100).default(50) },
}, async ({ database_id, limit }) => {
    const rows = await queryDatabase(database_id, limit);
    return text(rows.map((r) => Object.entries(r).map(([k, v]) => `${k}: ${v}`).join(" | ")).join("\n") || "No rows.");
});
server.registerTool("append_paragraph", {
    description: "Append a paragraph of text to a page.",
    inputSchema: { page_id: z.string(), text: z.string() },
}, async ({ page_id, text: t }) => {
    await notion.blocks.children.append({
        block_id: page_id,
        children: [{ object: "block", type: "paragraph", paragraph: { rich_text: [{ type: "text", text: { content: t } }] } }],
    });
    return text("Appended.");
});
await server.connect(new StdioServerTransport());
