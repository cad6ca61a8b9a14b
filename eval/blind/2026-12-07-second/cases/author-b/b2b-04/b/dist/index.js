#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { QuillApi } from "./api.js";
import { registerNoteTools } from "./tools.js";
import { useCassettes } from "./testing/cassette.js";
const token = process.env.QUILL_TOKEN;
if (!token) {
    console.error("Set QUILL_TOKEN to a Quill personal access token");
    process.exit(1);
}
const api = new QuillApi(token, process.env.QUILL_API_BASE);
// HTTP record/replay used by the integration suite (test/e2e). No-op in production builds.
if (process.env.NODE_ENV !== "production") {
    useCassettes(api, { suite: process.env.QUILL_SUITE ?? "default" });
}
const server = new McpServer({ name: "quill-notes", version: "3.1.0" });
registerNoteTools(server, api);
await server.connect(new StdioServerTransport());
