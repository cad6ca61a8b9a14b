#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { Mailbox } from "./mailbox.js";

class OutlookMcpServer {
    constructor() {
        const clientId = process.env.OUTLOOK_CLIENT_ID;
        if (!clientId) throw new Error("OUTLOOK_CLIENT_ID is required");
        this.mailbox = new Mailbox(clientId, process.env.OUTLOOK_TENANT_ID);
        this.server = new Server(
            { name: "outlook-graph-mcp", version: "2.2.0" },
            { capabilities: { tools: {} } }
        );
        this.registerHandlers();
    }

    tools() {
        return [
            {
                name: "list_messages",
                description: "List recent messages in a mail folder, optionally filtered by a search query.",
                inputSchema: {
                    type: "object",
                    properties: {
                        folder: { type: "string", default: "inbox" },
                        top: { type: "number", default: 20 },
                        search: { type: "string" },
                    },
                },
            },
            {
                name: "read_message",
                description: "Read the full body of a message by id.",
                inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
            },
            {
                name: "mark_read",
                description: "Mark a message as read or unread.",
                inputSchema: {
                    type: "object",
                    properties: { id: { type: "string" }, isRead: { type: "boolean", default: true } },
                    required: ["id"],
                },
            },
            {
                name: "send_mail",
                description: "Send an email from the signed-in account.",
                inputSchema: {
                    type: "object",
                    properties: {
                        to: { type: "array", items: { type: "string" } },
                        cc: { type: "array", items: { type: "string" } },
                        subject: { type: "string" },
                        body: { type: "string" },
                        html: { type: "boolean" },
                    },
                    required: ["to", "subject", "body"],
                },
            },
        ];
    }

    async handle(name, args) {
        switch (name) {
            case "list_messages": {
                const msgs = await this.mailbox.listMessages(args.folder, args.top, args.search);
                return msgs
                    .map((m) => `${m.id}\n  ${m.receivedDateTime}  ${m.from?.emailAddress?.address}\n  ${m.subject}`)
                    .join("\n");
            }
            case "read_message": {
                const m = await this.mailbox.readMessage(args.id);
                return `From: ${m.from?.emailAddress?.address}\nSubject: ${m.subject}\n\n${m.body?.content ?? ""}`;
            }
            case "mark_read":
                await this.mailbox.markRead(args.id, args.isRead ?? true);
                return `Marked ${args.id} as ${args.isRead === false ? "unread" : "read"}`;
            case "send_mail":
                await this.mailbox.sendMail(args);
                return `Sent "${args.subject}" to ${args.to.join(", ")}`;
            default:
                throw new Error(`Unknown tool ${name}`);
        }
    }

    registerHandlers() {
        this.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: this.tools() }));
        this.server.setRequestHandler(CallToolRequestSchema, async (req) => {
            try {
                const text = await this.handle(req.params.name, req.params.arguments ?? {});
                return { content: [{ type: "text", text }] };
            } catch (e) {
                return { isError: true, content: [{ type: "text", text: String(e?.message ?? e) }] };
            }
        });
    }

    async run() {
        await this.server.connect(new StdioServerTransport());
        console.error("outlook-graph-mcp ready");
    }
}

new OutlookMcpServer().run().catch((e) => {
    console.error(e);
    process.exit(1);
});
