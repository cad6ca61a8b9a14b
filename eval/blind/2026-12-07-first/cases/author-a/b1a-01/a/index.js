#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const {
  ListToolsRequestSchema,
  CallToolRequestSchema,
} = require("@modelcontextprotocol/sdk/types.js");
const nodemailer = require("nodemailer");
const defaults = require("./config/defaults.json");
const pkg = require("./package.json");

const SMTP_HOST = process.env.SMTP_HOST;
const SMTP_PORT = Number(process.env.SMTP_PORT || 587);
const SMTP_USER = process.env.SMTP_USER;
const SMTP_PASS = process.env.SMTP_PASS;
const SMTP_FROM = process.env.SMTP_FROM || SMTP_USER;

if (!SMTP_HOST || !SMTP_USER || !SMTP_PASS) {
  console.error("SMTP_HOST, SMTP_USER and SMTP_PASS must be set");
  process.exit(1);
}

const transporter = nodemailer.createTransport({
  host: SMTP_HOST,
  port: SMTP_PORT,
  secure: SMTP_PORT === 465,
  auth: { user: SMTP_USER, pass: SMTP_PASS },
  pool: defaults.pool,
  maxConnections: defaults.maxConnections,
  maxMessages: defaults.maxMessages,
  rateDelta: defaults.rateDelta,
  rateLimit: defaults.rateLimit,
});

function asList(v) {
  if (!v) return [];
  return (Array.isArray(v) ? v : String(v).split(","))
    .map((s) => s.trim())
    .filter(Boolean);
}

const TOOLS = [
  {
    name: "send_email",
    description: "Send an email through the configured SMTP relay.",
    inputSchema: {
      type: "object",
      properties: {
        to: { type: "string", description: "Comma-separated recipients" },
        cc: { type: "string", description: "Comma-separated CC recipients" },
        subject: { type: "string" },
        text: { type: "string", description: "Plain text body" },
        html: { type: "string", description: "Optional HTML body" },
      },
      required: ["to", "subject", "text"],
    },
  },
  {
    name: "verify_connection",
    description: "Check that the SMTP relay accepts our credentials.",
    inputSchema: { type: "object", properties: {} },
  },
];

async function sendEmail(args) {
  const message = {
    from: SMTP_FROM,
    to: asList(args.to),
    cc: asList(args.cc),
    subject: args.subject,
    text: args.text,
    html: args.html,
    headers: defaults.headers,
  };
  const info = await transporter.sendMail(message);
  return `Sent ${info.messageId} to ${info.accepted.join(", ")}`;
}

const server = new Server(
  { name: pkg.name, version: pkg.version },
  { capabilities: { tools: {} } }
);

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args = {} } = request.params;
  try {
    switch (name) {
      case "send_email": {
        const text = await sendEmail(args);
        return { content: [{ type: "text", text }] };
      }
      case "verify_connection": {
        await transporter.verify();
        return { content: [{ type: "text", text: `Connected to ${SMTP_HOST}:${SMTP_PORT}` }] };
      }
      default:
        throw new Error(`Unknown tool: ${name}`);
    }
  } catch (err) {
    return {
      isError: true,
      content: [{ type: "text", text: `Error: ${err.message}` }],
    };
  }
});

async function main() {
  const transport = new StdioServerTransport();
  await server.connect(transport);
  console.error(`${pkg.name} ${pkg.version} running on stdio`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
