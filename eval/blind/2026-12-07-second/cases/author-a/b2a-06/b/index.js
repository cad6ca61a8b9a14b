#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { detectKind, buildPayload } = require("./src/format");
const { deliver } = require("./src/deliver");

const DEFAULT_URL = process.env.WEBHOOK_URL;
const server = new McpServer({ name: "webhook-notify", version: "0.7.0" });

server.tool(
  "send_notification",
  "Send a notification to a Slack, Discord, Teams or generic JSON webhook. Uses WEBHOOK_URL when no url is given.",
  {
    title: z.string().max(200),
    message: z.string().max(4000),
    level: z.enum(["info", "success", "warning", "error"]).default("info"),
    url: z.string().url().optional(),
  },
  async ({ title, message, level, url }) => {
    const target = url || DEFAULT_URL;
    if (!target) {
      return { content: [{ type: "text", text: "No webhook URL: pass `url` or set WEBHOOK_URL." }], isError: true };
    }
    const kind = detectKind(target);
    try {
      const status = await deliver(target, buildPayload(kind, { title, message, level }));
      return { content: [{ type: "text", text: `Delivered to ${kind} webhook (HTTP ${status}).` }] };
    } catch (err) {
      return { content: [{ type: "text", text: `Delivery failed: ${err.message}` }], isError: true };
    }
  }
);

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
