#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const engine = require("./lib/engine");
const { version } = require("./package.json");

const fileProp = { file: { type: "string", description: "Absolute path to a CSV file" }, delimiter: { type: "string", default: "," } };

const TOOLS = [
  { name: "csv_head", description: "First N rows of a CSV file as JSON objects.", inputSchema: { type: "object", properties: { ...fileProp, n: { type: "number", default: 10 } }, required: ["file"] } },
  { name: "csv_stats", description: "Row count and per-column statistics (non-empty, distinct, min/max/mean for numeric columns).", inputSchema: { type: "object", properties: fileProp, required: ["file"] } },
  {
    name: "csv_filter",
    description: "Return rows matching all conditions.",
    inputSchema: {
      type: "object",
      properties: {
        ...fileProp,
        where: { type: "array", items: { type: "object", properties: { column: { type: "string" }, op: { type: "string", enum: Object.keys(engine.OPS) }, value: { type: "string" } }, required: ["column", "op", "value"] } },
        limit: { type: "number", default: 50 },
      },
      required: ["file", "where"],
    },
  },
];

const server = new Server({ name: "fastcsv", version }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const a = req.params.arguments || {};
  try {
    let r;
    if (req.params.name === "csv_head") r = await engine.head(a.file, a.n || 10, a.delimiter);
    else if (req.params.name === "csv_stats") r = await engine.stats(a.file, a.delimiter);
    else if (req.params.name === "csv_filter") r = await engine.filter(a.file, a.where, a.limit || 50, a.delimiter);
    else throw new Error(`unknown tool ${req.params.name}`);
    return { content: [{ type: "text", text: JSON.stringify(r, null, 2) }] };
  } catch (e) {
    return { isError: true, content: [{ type: "text", text: e.message }] };
  }
});

server.connect(new StdioServerTransport());
