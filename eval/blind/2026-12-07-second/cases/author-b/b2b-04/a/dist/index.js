#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { QuillApi } from "./api.js";
import { registerNoteTools } from "./tools.js";
const token = process.env.QUILL_TOKEN;
if (!token) {
    console.error("Set QUILL_TOKEN to a Quill personal access token");
    process.exit(1);
}
const api = new QuillApi(token, process.env.QUILL_API_BASE);
const server = new McpServer({ name: "quill-notes", version: "3.0.1" });
registerNoteTools(server, api);
await server.connect(new StdioServerTransport());
