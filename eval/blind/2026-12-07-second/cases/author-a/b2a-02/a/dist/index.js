#!/usr/bin/env node
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { NotesServer } from "./server.js";
const apiKey = process.env.NOTEKIT_API_KEY;
if (!apiKey) {
    console.error("NOTEKIT_API_KEY is not set. Create a key under Settings → Developer.");
    process.exit(1);
}
const notes = new NotesServer(apiKey);
await notes.connect(new StdioServerTransport());
console.error("notekit-mcp ready");
