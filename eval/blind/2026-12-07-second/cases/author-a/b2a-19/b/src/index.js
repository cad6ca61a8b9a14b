#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { CallToolRequestSchema, ListToolsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const tools = require("./tools.json");
const handlers = require("./handlers");
const { version } = require("../package.json");

const server = new Server({ name: "taskpilot", version }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));

server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
  const handler = handlers[params.name];
  if (!handler) return { content: [{ type: "text", text: `Unknown tool: ${params.name}` }], isError: true };
  try {
    return { content: [{ type: "text", text: await handler(params.arguments || {}) }] };
  } catch (err) {
    return { content: [{ type: "text", text: err.message }], isError: true };
  }
});

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
