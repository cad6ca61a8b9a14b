#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { stories, comments, search } from "./hn.js";
import { storyLine, threadText } from "./format.js";
const server = new McpServer({ name: "hn-reader", version: "1.1.2" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
server.tool("hn_stories", "Get the current top, new, best, ask or show stories on Hacker News.", {
    kind: z.enum(["top", "new", "best", "ask", "show"]).default("top"),
    count: z.number().int().min(1).max(30).default(10),
}, async ({ kind, count }) => {
    const list = await stories(kind, count);
    return text(list.map(storyLine).join("\n"));
});
server.tool("hn_comments", "Get a story and its comment thread.", {
    id: z.number().int().positive(),
    depth: z.number().int().min(1).max(4).default(2),
}, async ({ id, depth }) => {
    const { story, thread } = await comments(id, depth, 8);
    const header = `${story.title}\n${story.url ?? ""}\n${story.score ?? 0} points by ${story.by}\n\n`;
    return text(header + threadText(thread));
});
server.tool("hn_search", "Search Hacker News stories (via Algolia).", {
    query: z.string().min(1),
    sort: z.enum(["relevance", "date"]).default("relevance"),
}, async ({ query, sort }) => {
    const hits = await search(query, sort, 15);
    return text(hits
        .map((h, i) => `${i + 1}. ${h.title} (${h.points ?? 0} points, ${h.num_comments ?? 0} comments) id ${h.objectID}\n   ${h.url ?? `https://news.ycombinator.com/item?id=${h.objectID}`}`)
        .join("\n") || "No results");
});
const transport = new StdioServerTransport();
await server.connect(transport);
