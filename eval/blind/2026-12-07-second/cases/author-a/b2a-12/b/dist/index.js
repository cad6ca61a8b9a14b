#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { readTools } from "./tools/read.js";
import { writeTools } from "./tools/write.js";
const TOOLS = [...readTools, ...(process.env.GIT_COMPANION_READONLY === "1" ? [] : writeTools)];
const server = new Server({ name: "git-companion", version: "1.7.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOLS.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
}));
server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    const tool = TOOLS.find((t) => t.name === params.name);
    if (!tool)
        return { content: [{ type: "text", text: `Unknown tool ${params.name}` }], isError: true };
    try {
        return { content: [{ type: "text", text: await tool.run(params.arguments ?? {}) }] };
    }
    catch (err) {
        return { content: [{ type: "text", text: `git error: ${err.message}` }], isError: true };
    }
});
await server.connect(new StdioServerTransport());
