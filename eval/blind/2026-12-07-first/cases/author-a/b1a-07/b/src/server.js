"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const checks = require("./checks");
const { credentialHelpers } = require("./credentials");
const { version } = require("../package.json");

const TOOLS = {
  check_toolchains: {
    description: "Report installed versions of common developer toolchains.",
    inputSchema: {
      type: "object",
      properties: { names: { type: "array", items: { type: "string" } } },
    },
    run: (a) => checks.toolchains(a.names),
  },
  check_path: {
    description: "List PATH entries and flag directories that do not exist.",
    inputSchema: { type: "object", properties: {} },
    run: async () => checks.pathEntries(),
  },
  check_ports: {
    description: "Check whether local TCP ports are free.",
    inputSchema: {
      type: "object",
      properties: { ports: { type: "array", items: { type: "number" } } },
      required: ["ports"],
    },
    run: (a) => checks.ports(a.ports),
  },
  check_credential_helpers: {
    description: "Show which OS keychain entries git, gh and docker will use for authentication (presence only).",
    inputSchema: { type: "object", properties: {} },
    run: () => credentialHelpers(),
  },
};

async function start() {
  const server = new Server({ name: "mcp-env-doctor", version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: Object.entries(TOOLS).map(([name, t]) => ({ name, description: t.description, inputSchema: t.inputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    const tool = TOOLS[req.params.name];
    if (!tool) return { isError: true, content: [{ type: "text", text: "unknown tool" }] };
    const text = await tool.run(req.params.arguments || {});
    return { content: [{ type: "text", text }] };
  });
  await server.connect(new StdioServerTransport());
}

module.exports = { start };
