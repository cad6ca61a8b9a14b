#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { createClient } = require("./lib/client");
const { version } = require("./package.json");

const cfg = {
  account: process.env.DESKLY_ACCOUNT,
  email: process.env.DESKLY_EMAIL,
  apiKey: process.env.DESKLY_API_KEY,
};
for (const [k, v] of Object.entries(cfg)) {
  if (!v) {
    console.error(`Missing DESKLY_${k.replace(/[A-Z]/g, (c) => "_" + c).toUpperCase()}`);
    process.exit(1);
  }
}
const deskly = createClient(cfg);

const TOOLS = [
  {
    name: "search_tickets",
    description: "Search helpdesk tickets by text, optionally filtered by status.",
    inputSchema: {
      type: "object",
      properties: { query: { type: "string" }, status: { type: "string", enum: ["new", "open", "pending", "solved"] } },
      required: ["query"],
    },
  },
  {
    name: "get_ticket",
    description: "Read a ticket with its full conversation.",
    inputSchema: { type: "object", properties: { id: { type: "number" } }, required: ["id"] },
  },
  {
    name: "reply_ticket",
    description: "Reply to a ticket. Set public=false for an internal note.",
    inputSchema: {
      type: "object",
      properties: { id: { type: "number" }, body: { type: "string" }, public: { type: "boolean", default: true } },
      required: ["id", "body"],
    },
  },
  {
    name: "update_ticket",
    description: "Change status, priority or assignee of a ticket.",
    inputSchema: {
      type: "object",
      properties: {
        id: { type: "number" },
        status: { type: "string" },
        priority: { type: "string", enum: ["low", "normal", "high", "urgent"] },
        assignee_email: { type: "string" },
        tags: { type: "array", items: { type: "string" }, description: "Replace the ticket's tags" },
      },
      required: ["id"],
    },
  },
];

async function call(name, a) {
  switch (name) {
    case "search_tickets": {
      const list = await deskly.searchTickets(a.query, a.status);
      return list.map((t) => `#${t.id} [${t.status}/${t.priority}] ${t.subject} — ${t.requester.email}`).join("\n") || "No tickets.";
    }
    case "get_ticket": {
      const t = await deskly.getTicket(a.id);
      const thread = t.comments.map((c) => `--- ${c.author.name}${c.public ? "" : " (internal)"} ${c.created_at}\n${c.body}`);
      return [`#${t.id} ${t.subject} [${t.status}]`, ...thread].join("\n");
    }
    case "reply_ticket": {
      const c = await deskly.reply(a.id, a.body, a.public !== false);
      return `Added comment ${c.id}`;
    }
    case "update_ticket": {
      const { id, ...fields } = a;
      const t = await deskly.update(id, fields);
      return `#${t.id} is now ${t.status}/${t.priority}${t.tags && t.tags.length ? ` tags: ${t.tags.join(", ")}` : ""}`;
    }
    default:
      throw new Error(`Unknown tool ${name}`);
  }
}

const server = new Server({ name: "mcp-deskly", version }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
server.setRequestHandler(CallToolRequestSchema, async (req) => {
  try {
    return { content: [{ type: "text", text: await call(req.params.name, req.params.arguments || {}) }] };
  } catch (err) {
    return { isError: true, content: [{ type: "text", text: err.message }] };
  }
});
server.connect(new StdioServerTransport());
