#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const docs = require("./lib/search");
const { version } = require("./package.json");

const server = new McpServer({ name: "apidocs-hub", version });
const asText = (v) => ({ content: [{ type: "text", text: typeof v === "string" ? v : JSON.stringify(v, null, 2) }] });

server.registerTool(
  "list_apis",
  { description: "Find which APIs are indexed, e.g. q='payments'.", inputSchema: { q: z.string().optional() } },
  async ({ q }) => asText(await docs.listApis(q))
);

server.registerTool(
  "search_docs",
  {
    description: "Search one API's reference docs. Returns page slugs and snippets.",
    inputSchema: { api: z.string().describe("API id from list_apis, e.g. 'stripe'"), query: z.string(), limit: z.number().int().max(25).default(8) },
  },
  async ({ api, query, limit }) => asText(await docs.searchDocs(api, query, limit))
);

server.registerTool(
  "read_page",
  { description: "Read a documentation page as Markdown.", inputSchema: { api: z.string(), slug: z.string() } },
  async ({ api, slug }) => {
    const p = await docs.getPage(api, slug);
    return asText(`# ${p.title}\n\n${p.markdown}\n\nSource: ${p.url}`);
  }
);

server.connect(new StdioServerTransport()).then(() => console.error(`apidocs-hub ${version} ready`));
