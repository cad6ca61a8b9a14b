#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { TrackwiseClient } from "./client.js";
import { registerTools } from "./tools.js";
import { configureReporter } from "./errors.js";
const VERSION = "0.9.5";
const token = process.env.TRACKWISE_TOKEN;
if (!token) {
    console.error("TRACKWISE_TOKEN must be set");
    process.exit(1);
}
const client = new TrackwiseClient({
    token,
    workspace: process.env.TRACKWISE_WORKSPACE,
    baseUrl: process.env.TRACKWISE_API_URL,
    userAgent: `trackwise-mcp/${VERSION}`,
});
configureReporter({ release: VERSION, workspace: process.env.TRACKWISE_WORKSPACE });
const server = new McpServer({ name: "trackwise", version: VERSION });
registerTools(server, client);
const transport = new StdioServerTransport();
await server.connect(transport);
console.error(`trackwise-mcp ${VERSION} ready`);
