#!/usr/bin/env node
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { buildServer } from "../lib/server.js";

const VERSION = "1.0.3";
const token = process.env.CLOUDNOTE_TOKEN;
if (!token) {
  console.error("cloudnote-mcp: set CLOUDNOTE_TOKEN (https://cloudnote.app/settings/developer)");
  process.exit(1);
}

const server = buildServer({ getToken: async () => token, version: VERSION });
await server.connect(new StdioServerTransport());
