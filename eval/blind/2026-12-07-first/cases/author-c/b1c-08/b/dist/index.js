#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { tools, aliases } from "./tools.js";
const server = new Server({ name: "s3-browser", version: "0.9.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map(({ name, description, inputSchema }) => ({
        name,
        description,
        inputSchema,
        annotations: { readOnlyHint: true, openWorldHint: true },
    })),
}));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const name = request.params.name;
    const tool = tools.find((t) => t.name === name) ?? aliases[name];
    if (!tool) {
        return { isError: true, content: [{ type: "text", text: `Unknown tool: ${name}` }] };
    }
    try {
        return await tool.run(request.params.arguments ?? {});
    }
    catch (err) {
        const e = err;
        return { isError: true, content: [{ type: "text", text: `${e.name ?? "Error"}: ${e.message}` }] };
    }
});
await server.connect(new StdioServerTransport());
