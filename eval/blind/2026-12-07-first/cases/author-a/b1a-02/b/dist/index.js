#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { configure, sendMessage, listTemplates } from "./mail.js";
const apiKey = process.env.SENDGRID_API_KEY;
const from = process.env.SENDGRID_FROM;
if (!apiKey || !from) {
    console.error("SENDGRID_API_KEY and SENDGRID_FROM are required");
    process.exit(1);
}
configure(apiKey, from);
const server = new McpServer({ name: "sendgrid-mcp", version: "0.10.0" });
const emailList = z.array(z.string().email());
server.registerTool("send_email", {
    title: "Send email",
    description: "Send a transactional email through SendGrid. Either text/html or a templateId is required.",
    inputSchema: {
        to: emailList.min(1),
        cc: emailList.optional(),
        subject: z.string(),
        text: z.string().optional(),
        html: z.string().optional(),
        templateId: z.string().optional(),
        dynamicData: z.record(z.unknown()).optional(),
        categories: z.array(z.string()).max(10).optional(),
    },
}, async (args) => {
    const id = await sendMessage(args);
    return { content: [{ type: "text", text: `Queued message ${id}` }] };
});
server.registerTool("list_templates", {
    title: "List templates",
    description: "List dynamic templates available in the SendGrid account.",
    inputSchema: {},
}, async () => {
    const templates = await listTemplates();
    const text = templates.map((t) => `${t.id}  ${t.name}`).join("\n") || "No templates";
    return { content: [{ type: "text", text }] };
});
const transport = new StdioServerTransport();
await server.connect(transport);
