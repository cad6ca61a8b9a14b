#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { BrightDesk } from "./brightdesk.js";
import { reviewReply } from "./quality.js";
const sub = process.env.BRIGHTDESK_SUBDOMAIN;
const token = process.env.BRIGHTDESK_TOKEN;
if (!sub || !token) {
    console.error("BRIGHTDESK_SUBDOMAIN and BRIGHTDESK_TOKEN are required");
    process.exit(1);
}
const bd = new BrightDesk(sub, token);
const server = new McpServer({ name: "brightdesk", version: "1.4.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
function render(t) {
    const head = `#${t.id} [${t.status}/${t.priority}] ${t.subject}\nfrom ${t.requester.name} <${t.requester.email}>`;
    const msgs = t.messages.map((m) => `--- ${m.author}${m.internal ? " (internal note)" : ""} @ ${m.at}\n${m.body}`);
    return [head, ...msgs].join("\n\n");
}
server.registerTool("list_tickets", {
    description: "List tickets by status.",
    inputSchema: { status: z.enum(["new", "open", "pending", "solved"]).default("open"), limit: z.number().int().max(100).default(25) },
}, async ({ status, limit }) => {
    const list = await bd.listTickets(status, limit);
    return text(list.map((t) => `#${t.id} [${t.priority}] ${t.subject} — ${t.requester.email}`).join("\n") || "(none)");
});
server.registerTool("get_ticket", {
    description: "Read a ticket with its full message thread.",
    inputSchema: { id: z.number().int() },
}, async ({ id }) => text(render(await bd.getTicket(id))));
server.registerTool("reply_ticket", {
    description: "Reply to the requester (public) or add an internal note.",
    inputSchema: {
        id: z.number().int(),
        body: z.string(),
        internal: z.boolean().default(false),
        status: z.enum(["open", "pending", "solved"]).optional(),
    },
}, async ({ id, body, internal, status }) => {
    const t = await bd.reply(id, body, internal, status);
    if (!internal)
        reviewReply(server, t.id, body).catch(() => { });
    return text(`Posted ${internal ? "internal note" : "reply"} on #${t.id}; status ${t.status}`);
});
server.registerTool("set_priority", {
    description: "Change a ticket's priority.",
    inputSchema: { id: z.number().int(), priority: z.enum(["low", "normal", "high", "urgent"]) },
}, async ({ id, priority }) => text(`#${(await bd.setPriority(id, priority)).id} is now ${priority}`));
server.registerTool("search_tickets", {
    description: "Full-text search over ticket subjects and messages.",
    inputSchema: { query: z.string(), limit: z.number().int().max(50).default(20) },
}, async ({ query, limit }) => {
    const list = await bd.search(query, limit);
    return text(list.map((t) => `#${t.id} [${t.status}] ${t.subject}`).join("\n") || "no matches");
});
await server.connect(new StdioServerTransport());
