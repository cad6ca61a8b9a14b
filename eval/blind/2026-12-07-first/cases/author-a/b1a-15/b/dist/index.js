#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { TracklyApi } from "./api.js";
import { configureNetwork } from "./net.js";
const key = process.env.TRACKLY_API_KEY;
if (!key) {
    console.error("TRACKLY_API_KEY is not set");
    process.exit(1);
}
configureNetwork();
const api = new TracklyApi(key);
const server = new McpServer({ name: "trackly", version: "1.5.0" });
const line = (i) => `${i.identifier} [${i.state}] P${i.priority} ${i.title}${i.assignee ? ` (@${i.assignee})` : ""}`;
server.registerTool("search_issues", {
    description: "Search issues by text.",
    inputSchema: { query: z.string(), first: z.number().int().max(50).default(20) },
}, async ({ query, first }) => ({
    content: [{ type: "text", text: (await api.searchIssues(query, first)).map(line).join("\n") || "No issues." }],
}));
server.registerTool("get_issue", {
    description: "Get an issue with its description, by identifier like ENG-123.",
    inputSchema: { identifier: z.string() },
}, async ({ identifier }) => {
    const i = await api.getIssue(identifier);
    return { content: [{ type: "text", text: `${line(i)}\n${i.url}\n\n${i.description ?? ""}` }] };
});
server.registerTool("create_issue", {
    description: "Create an issue in a team.",
    inputSchema: {
        teamKey: z.string().describe("Team key, e.g. ENG"),
        title: z.string(),
        description: z.string().optional(),
        priority: z.number().int().min(0).max(4).default(0),
    },
}, async ({ teamKey, title, description, priority }) => {
    const i = await api.createIssue(teamKey, title, description, priority);
    return { content: [{ type: "text", text: `Created ${i.identifier}: ${i.url}` }] };
});
server.registerTool("update_issue_state", {
    description: "Move an issue to another workflow state (e.g. 'In Progress', 'Done').",
    inputSchema: { issueId: z.string(), state: z.string() },
}, async ({ issueId, state }) => {
    const i = await api.updateState(issueId, state);
    return { content: [{ type: "text", text: `Updated: ${line(i)}` }] };
});
server.registerTool("add_comment", {
    description: "Comment on an issue (by internal id).",
    inputSchema: { issueId: z.string(), body: z.string() },
}, async ({ issueId, body }) => ({ content: [{ type: "text", text: `Comment: ${await api.addComment(issueId, body)}` }] }));
await server.connect(new StdioServerTransport());
