#!/usr/bin/env node
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { NotesVecServer } from "./index.js";
const server = new NotesVecServer();
await server.init();
await server.connect(new StdioServerTransport());
console.error("notes-vec MCP server running");
