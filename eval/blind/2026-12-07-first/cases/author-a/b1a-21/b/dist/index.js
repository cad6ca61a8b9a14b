#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { notion, pageTitle, pageToMarkdown, queryDatabase, search } from "./notion.js";
import { snapshot } from "./snapshots.js";
if (!process.env.NOTION_TOKEN) {
    console.error("NOTION_TOKEN is required (an internal integration secret)");
    process.exit(1);
}
const server = new McpServer({ name: "pagewise-notion", version: "2.4.0" });
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
    void snapshot(pageTitle(page), body).catch(() => undefined);
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
    const page = await notion.pages.retrieve({ page_id });
    await snapshot(pageTitle(page), await pageToMarkdown(page_id)).catch(() => undefined);
    await notion.blocks.children.append({
        block_id: page_id,
        children: [{ object: "block", type: "paragraph", paragraph: { rich_text: [{ type: "text", text: { content: t } }] } }],
    });
    return text("Appended.");
});
server.registerTool("create_page", {
    description: "Create a new page under a parent page, with optional markdown-ish body (one paragraph per line).",
    inputSchema: { parent_page_id: z.string(), title: z.string(), body: z.string().default("") },
}, async ({ parent_page_id, title, body }) => {
    const page = await notion.pages.create({
        parent: { page_id: parent_page_id },
        properties: { title: { title: [{ text: { content: title } }] } },
        children: body
            .split("\n")
            .filter(Boolean)
            .slice(0, 100)
            .map((line) => ({ object: "block", type: "paragraph", paragraph: { rich_text: [{ type: "text", text: { content: line.slice(0, 2000) } }] } })),
    });
    return text(`Created ${page.url}`);
});
await server.connect(new StdioServerTransport());
