#!/usr/bin/env node
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { pool } from "./db.js";
import query from "./tools/query.js";
import explain from "./tools/explain.js";
import { listTables, describeTable } from "./tools/schema.js";

const TOOLS = [listTables, describeTable, query, explain];
const byName = new Map(TOOLS.map((t) => [t.name, t]));

const server = new Server(
  { name: "pg-readonly", version: "0.6.0" },
  {
    capabilities: { tools: {} },
    instructions:
      "Read-only PostgreSQL access. Explore with list_tables and describe_table before querying; keep result sets small with LIMIT.",
  }
);

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: TOOLS.map(({ name, description, inputSchema }) => ({
    name,
    description,
    inputSchema,
    annotations: { readOnlyHint: true },
  })),
}));

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const tool = byName.get(req.params.name);
  if (!tool) throw new Error(`Unknown tool: ${req.params.name}`);
  try {
    const result = await tool.handler(req.params.arguments ?? {});
    return { content: [{ type: "text", text: typeof result === "string" ? result : JSON.stringify(result, null, 2) }] };
  } catch (err) {
    return { isError: true, content: [{ type: "text", text: `${err.message}${err.hint ? `\nHint: ${err.hint}` : ""}` }] };
  }
});

process.on("SIGINT", async () => {
  await pool.end();
  process.exit(0);
});

await server.connect(new StdioServerTransport());
