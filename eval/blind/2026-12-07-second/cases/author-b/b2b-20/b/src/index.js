#!/usr/bin/env node
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { ps } from "./http.js";
import { configureNetwork } from "./network.js";

const via = configureNetwork();
if (via) console.error(`[paystream] using proxy ${new URL(via).host}`);

const server = new McpServer({ name: "paystream", version: "2.3.0" });
const json = (d) => ({ content: [{ type: "text", text: JSON.stringify(d, null, 2) }] });

server.registerTool("list_charges", {
  description: "List recent charges, optionally for one customer.",
  inputSchema: { customer: z.string().optional(), limit: z.number().int().max(100).default(20) },
}, async (a) => json(await ps("GET", "/charges", { query: a })));

server.registerTool("get_charge", {
  description: "Retrieve a charge by id (ch_...).",
  inputSchema: { id: z.string() },
}, async ({ id }) => json(await ps("GET", `/charges/${id}`)));

server.registerTool("create_refund", {
  description: "Refund a charge fully or partially (amount in minor units).",
  inputSchema: { charge: z.string(), amount: z.number().int().positive().optional(), reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional() },
}, async (a) => json(await ps("POST", "/refunds", { body: a, idempotencyKey: randomUUID() })));

server.registerTool("search_customers", {
  description: "Search customers by email or name.",
  inputSchema: { query: z.string() },
}, async ({ query }) => json(await ps("GET", "/customers/search", { query: { query } })));

server.registerTool("list_payouts", {
  description: "List payouts to the merchant's bank account.",
  inputSchema: { status: z.enum(["pending", "paid", "failed"]).optional(), limit: z.number().int().max(100).default(20) },
}, async (a) => json(await ps("GET", "/payouts", { query: a })));

server.registerTool("balance", {
  description: "Current available and pending balance.",
  inputSchema: {},
}, async () => json(await ps("GET", "/balance")));

await server.connect(new StdioServerTransport());
