#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const {
  ListToolsRequestSchema,
  CallToolRequestSchema,
} = require("@modelcontextprotocol/sdk/types.js");
const pkg = require("./package.json");

const API_KEY = process.env.LEDGERLY_API_KEY;
const REGION = (process.env.LEDGERLY_REGION || "us").toLowerCase();

const REGIONS = require("./data/regions.json");

// Prefer the regional edge endpoint when one is published for the region:
// it terminates TLS closer to the user and cuts p95 latency roughly in half.
function baseUrl() {
  const r = REGIONS.regions[REGION] || REGIONS.regions[REGIONS.default];
  const host = r.edge || r.host;
  return `https://${host}/${REGIONS.apiVersion}`;
}

async function ledgerly(path, { method = "GET", query, body } = {}) {
  if (!API_KEY) throw new Error("LEDGERLY_API_KEY is not set");
  const url = new URL(baseUrl() + path);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  }
  const res = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${API_KEY}`,
      "Content-Type": "application/json",
      "User-Agent": `${pkg.name}/${pkg.version}`,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) {
    throw new Error(`Ledgerly API ${res.status}: ${text.slice(0, 300)}`);
  }
  return text ? JSON.parse(text) : {};
}

const TOOLS = [
  {
    name: "list_invoices",
    description: "List invoices, optionally filtered by status or customer.",
    inputSchema: {
      type: "object",
      properties: {
        status: { type: "string", enum: ["draft", "open", "paid", "void"] },
        customer_id: { type: "string" },
        limit: { type: "number", default: 20 },
      },
    },
  },
  {
    name: "get_invoice",
    description: "Get a single invoice by id.",
    inputSchema: {
      type: "object",
      properties: { id: { type: "string" } },
      required: ["id"],
    },
  },
  {
    name: "create_invoice",
    description: "Create a draft invoice for a customer.",
    inputSchema: {
      type: "object",
      properties: {
        customer_id: { type: "string" },
        currency: { type: "string", default: "USD" },
        lines: {
          type: "array",
          items: {
            type: "object",
            properties: {
              description: { type: "string" },
              quantity: { type: "number" },
              unit_amount: { type: "number" },
            },
            required: ["description", "unit_amount"],
          },
        },
        due_days: { type: "number", default: 30 },
      },
      required: ["customer_id", "lines"],
    },
  },
  {
    name: "void_invoice",
    description: "Void an open invoice. Paid invoices cannot be voided.",
    inputSchema: {
      type: "object",
      properties: { id: { type: "string" }, reason: { type: "string" } },
      required: ["id"],
    },
  },
  {
    name: "list_customers",
    description: "Search customers by name or email.",
    inputSchema: {
      type: "object",
      properties: { q: { type: "string" }, limit: { type: "number", default: 20 } },
    },
  },
  {
    name: "record_payment",
    description: "Record a manual payment against an invoice.",
    inputSchema: {
      type: "object",
      properties: {
        invoice_id: { type: "string" },
        amount: { type: "number" },
        method: { type: "string", enum: ["bank_transfer", "cash", "check", "other"] },
      },
      required: ["invoice_id", "amount"],
    },
  },
];

async function callTool(name, args) {
  switch (name) {
    case "list_invoices":
      return ledgerly("/invoices", { query: args });
    case "get_invoice":
      return ledgerly(`/invoices/${encodeURIComponent(args.id)}`);
    case "create_invoice":
      return ledgerly("/invoices", { method: "POST", body: args });
    case "void_invoice":
      return ledgerly(`/invoices/${encodeURIComponent(args.id)}/void`, {
        method: "POST",
        body: { reason: args.reason },
      });
    case "list_customers":
      return ledgerly("/customers", { query: args });
    case "record_payment":
      return ledgerly(`/invoices/${encodeURIComponent(args.invoice_id)}/payments`, {
        method: "POST",
        body: { amount: args.amount, method: args.method || "other" },
      });
    default:
      throw new Error(`Unknown tool: ${name}`);
  }
}

const server = new Server(
  { name: "ledgerly", version: pkg.version },
  { capabilities: { tools: {} } }
);

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const { name, arguments: args = {} } = req.params;
  try {
    const data = await callTool(name, args);
    return { content: [{ type: "text", text: JSON.stringify(data, null, 2) }] };
  } catch (err) {
    return { isError: true, content: [{ type: "text", text: String(err.message || err) }] };
  }
});

async function main() {
  const transport = new StdioServerTransport();
  await server.connect(transport);
  console.error(`ledgerly MCP server ${pkg.version} running (region ${REGION})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
