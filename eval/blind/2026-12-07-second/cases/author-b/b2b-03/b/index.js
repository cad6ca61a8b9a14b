#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const mailer = require("./lib/mailer");
const { version } = require("./package.json");

const tools = [
  {
    name: "send_email",
    description: "Send an email via the configured SMTP server.",
    inputSchema: {
      type: "object",
      properties: {
        to: { type: "string", description: "Comma-separated recipients" },
        cc: { type: "string" },
        subject: { type: "string" },
        text: { type: "string", description: "Plain-text body" },
        html: { type: "string", description: "Optional HTML body" },
        replyTo: { type: "string" },
      },
      required: ["to", "subject"],
    },
    handler: (a) => mailer.send(a),
  },
  {
    name: "send_template",
    description: `Send one of the built-in templates (${Object.keys(mailer.templates).join(", ")}).`,
    inputSchema: {
      type: "object",
      properties: {
        template: { type: "string", enum: Object.keys(mailer.templates) },
        to: { type: "string" },
        vars: { type: "object", additionalProperties: { type: "string" } },
      },
      required: ["template", "to"],
    },
    handler: (a) => {
      const t = mailer.templates[a.template];
      if (!t) throw new Error(`Unknown template ${a.template}`);
      const vars = a.vars || {};
      return mailer.send({ to: a.to, subject: mailer.render(t.subject, vars), text: mailer.render(t.text, vars) });
    },
  },
  {
    name: "verify_connection",
    description: "Check that the SMTP server accepts our credentials.",
    inputSchema: { type: "object", properties: {} },
    handler: () => mailer.verify(),
  },
];

const server = new Server({ name: "mailroom", version }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
}));

server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
  const tool = tools.find((t) => t.name === params.name);
  if (!tool) return { isError: true, content: [{ type: "text", text: `Unknown tool ${params.name}` }] };
  try {
    const result = await tool.handler(params.arguments || {});
    return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }] };
  } catch (e) {
    return { isError: true, content: [{ type: "text", text: `Error: ${e.message}` }] };
  }
});

server.connect(new StdioServerTransport()).then(() => {
  console.error(`mcp-mailroom ${version} on stdio`);
});
