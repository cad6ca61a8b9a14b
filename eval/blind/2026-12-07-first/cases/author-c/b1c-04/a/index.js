#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { registerTools } from "./lib/tools.js";

const server = new McpServer({ name: "npm-meta", version: "0.9.1" });
registerTools(server);

await server.connect(new StdioServerTransport());
