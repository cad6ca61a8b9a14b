#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { CallToolRequestSchema, ListToolsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { tools } = require("./lib/tools");
const pkg = require("./package.json");

const server = new Server({ name: "smtp-relay", version: pkg.version }, { capabilities: { tools: {} } });
const byName = new Map(tools.map((t) => [t.name, t]));

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
}));

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const tool = byName.get(req.params.name);
  if (!tool) {
    return { content: [{ type: "text", text: `Unknown tool ${req.params.name}` }], isError: true };
  }
  try {
    const text = await tool.handler(req.params.arguments || {});
    return { content: [{ type: "text", text }] };
  } catch (err) {
    return { content: [{ type: "text", text: `Error: ${err.message}` }], isError: true };
  }
});

server
  .connect(new StdioServerTransport())
  .then(() => console.error(`mcp-smtp-relay ${pkg.version} ready`))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
