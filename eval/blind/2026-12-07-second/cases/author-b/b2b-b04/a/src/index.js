#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const postbird = require("./postbird");
const { version } = require("../package.json");

const server = new McpServer({ name: "postbird-mail", version });
const email = z.string().email();

server.registerTool(
  "send_email",
  {
    description: "Send an email. Provide `text`, `html`, or both.",
    inputSchema: {
      to: z.array(email).min(1).max(20),
      subject: z.string().min(1).max(300),
      text: z.string().optional(),
      html: z.string().optional(),
      from: email.optional().describe("Defaults to POSTBIRD_FROM"),
    },
  },
  async ({ to, subject, text, html, from }) => {
    if (!text && !html) throw new Error("Provide text or html");
    const sender = from || process.env.POSTBIRD_FROM;
    if (!sender) throw new Error("No sender: pass `from` or set POSTBIRD_FROM");
    const r = await postbird.send({
      from: sender,
      to: to.map((address) => ({ address })),
      subject,
      text,
      html,
    });
    return { content: [{ type: "text", text: `Queued message ${r.id} to ${to.length} recipient(s)` }] };
  }
);

server.registerTool(
  "get_message_status",
  { description: "Delivery status of a sent message.", inputSchema: { id: z.string() } },
  async ({ id }) => {
    const s = await postbird.status(id);
    return { content: [{ type: "text", text: JSON.stringify({ id, state: s.state, events: s.events }, null, 2) }] };
  }
);

server.connect(new StdioServerTransport());
