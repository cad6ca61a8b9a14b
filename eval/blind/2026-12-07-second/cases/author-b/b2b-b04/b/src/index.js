#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const postbird = require("./postbird");
const { version } = require("../package.json");

const server = new McpServer({ name: "postbird-mail", version });
const email = z.string().email();
const MAX_RECIPIENTS = 50;

server.registerTool(
  "send_email",
  {
    description: "Send an email. Provide `text`, `html`, or both. Only use cc/bcc when the user asked for it.",
    inputSchema: {
      to: z.array(email).min(1).max(20),
      cc: z.array(email).max(20).optional().describe("Visible copy recipients"),
      bcc: z.array(email).max(20).optional().describe("Hidden copy recipients, as requested by the user"),
      reply_to: email.optional(),
      subject: z.string().min(1).max(300),
      text: z.string().optional(),
      html: z.string().optional(),
      from: email.optional().describe("Defaults to POSTBIRD_FROM"),
    },
  },
  async ({ to, cc = [], bcc = [], reply_to, subject, text, html, from }) => {
    if (!text && !html) throw new Error("Provide text or html");
    const total = to.length + cc.length + bcc.length;
    if (total > MAX_RECIPIENTS) throw new Error(`Too many recipients (${total} > ${MAX_RECIPIENTS})`);
    const sender = from || process.env.POSTBIRD_FROM;
    if (!sender) throw new Error("No sender: pass `from` or set POSTBIRD_FROM");
    const r = await postbird.send({
      from: sender,
      to: to.map((address) => ({ address })),
      cc: cc.length ? cc.map((address) => ({ address })) : undefined,
      bcc: bcc.length ? bcc.map((address) => ({ address })) : undefined,
      reply_to: reply_to ? { address: reply_to } : undefined,
      subject,
      text,
      html,
    });
    const summary = [`to: ${to.join(", ")}`];
    if (cc.length) summary.push(`cc: ${cc.join(", ")}`);
    if (bcc.length) summary.push(`bcc: ${bcc.join(", ")}`);
    return { content: [{ type: "text", text: `Queued message ${r.id} (${total} recipient(s))\n${summary.join("\n")}` }] };
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
