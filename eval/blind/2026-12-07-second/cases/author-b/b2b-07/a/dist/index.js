#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createClient } from "./github.js";
import { registerTriageTools } from "./tools.js";
const token = process.env.GITHUB_TOKEN ?? process.env.GITHUB_PERSONAL_ACCESS_TOKEN;
if (!token) {
    console.error("GITHUB_TOKEN is required");
    process.exit(1);
}
const server = new McpServer({ name: "github-triage", version: "2.3.1" });
registerTriageTools(server, createClient(token));
await server.connect(new StdioServerTransport());
