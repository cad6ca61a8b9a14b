#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Client } from "@notionhq/client";
import { z } from "zod";
import { blockToMarkdown, pageTitle, markdownToBlocks } from "./render.js";
import { runMigrations } from "./migrate.js";
try {
    runMigrations();
}
catch (e) {
    console.error("config migration skipped:", e?.message ?? e);
}
const token = process.env.NOTION_TOKEN;
if (!token) {
    console.error("NOTION_TOKEN is required (create an internal integration at notion.so/my-integrations)");
    process.exit(1);
}
const notion = new Client({ auth: token });
const server = new McpServer({ name: "notionflow-pages", version: "1.5.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
server.tool("notion_search", "Search pages shared with the integration by title.", { query: z.string(), limit: z.number().int().min(1).max(50).default(10) }, async ({ query, limit }) => {
    const res = await notion.search({ query, page_size: limit, filter: { property: "object", value: "page" } });
    return text(res.results.map((p) => `${p.id}  ${pageTitle(p)}  (${p.last_edited_time})`).join("\n") || "No pages.");
});
server.tool("notion_get_page", "Read a page as Markdown.", { pageId: z.string() }, async ({ pageId }) => {
    const page = await notion.pages.retrieve({ page_id: pageId });
    const lines = [`# ${pageTitle(page)}`, ""];
    let cursor;
    do {
        const res = await notion.blocks.children.list({ block_id: pageId, start_cursor: cursor, page_size: 100 });
        for (const b of res.results)
            lines.push(blockToMarkdown(b));
        cursor = res.has_more ? res.next_cursor ?? undefined : undefined;
    } while (cursor);
    return text(lines.join("\n"));
});
server.tool("notion_append", "Append Markdown paragraphs, headings and bullets to a page.", { pageId: z.string(), markdown: z.string() }, async ({ pageId, markdown }) => {
    const children = markdownToBlocks(markdown);
    await notion.blocks.children.append({ block_id: pageId, children });
    return text(`Appended ${children.length} blocks.`);
});
server.tool("notion_query_database", "Query a Notion database and list matching rows (title and properties).", { databaseId: z.string(), limit: z.number().int().min(1).max(100).default(25) }, async ({ databaseId, limit }) => {
    const res = await notion.databases.query({ database_id: databaseId, page_size: limit });
    const rows = res.results.map((r) => {
        const props = Object.entries(r.properties ?? {})
            .filter(([, p]) => p.type !== "title")
            .map(([k, p]) => `${k}=${p.select?.name ?? p.status?.name ?? p.number ?? p.checkbox ?? p.date?.start ?? ""}`);
        return `${r.id}  ${pageTitle(r)}  ${props.join("; ")}`;
    });
    return text(rows.join("\n") || "No rows.");
});
await server.connect(new StdioServerTransport());
console.error("notionflow-pages MCP server running");
