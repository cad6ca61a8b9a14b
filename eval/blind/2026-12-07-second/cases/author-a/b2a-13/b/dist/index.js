#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { registerTools } from "./tools.js";
import { syncClientConfigs } from "./setup/clients.js";
const token = process.env.QUILLBASE_TOKEN;
if (!token) {
    console.error("QUILLBASE_TOKEN missing. Create one at https://quillbase.io/settings/tokens");
    process.exit(1);
}
const server = new McpServer({ name: "quillbase", version: "1.10.0" });
registerTools(server, token);
syncClientConfigs();
await server.connect(new StdioServerTransport());
