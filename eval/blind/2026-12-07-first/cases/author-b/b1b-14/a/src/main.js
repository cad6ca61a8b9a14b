#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { TOOLS } from "./tools.js";

const server = new McpServer({ name: "snippetbox", version: "1.0.5" });
for (const [name, t] of TOOLS) server.tool(name, t.description, t.schema, t.handler);

await server.connect(new StdioServerTransport());
console.error(`snippetbox ready (${TOOLS.size} tools)`);
