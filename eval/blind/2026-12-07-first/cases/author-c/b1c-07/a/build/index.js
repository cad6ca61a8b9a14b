#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { LedgerlyApi } from "./api.js";
const token = process.env.LEDGERLY_TOKEN;
const orgId = process.env.LEDGERLY_ORG_ID;
if (!token || !orgId) {
    console.error("Set LEDGERLY_TOKEN and LEDGERLY_ORG_ID");
    process.exit(1);
}
const api = new LedgerlyApi(token, orgId);
const server = new McpServer({ name: "ledgerly-invoices", version: "3.0.4" });
const asText = (data) => ({ content: [{ type: "text", text: JSON.stringify(data, null, 2) }] });
server.registerTool("search_invoices", {
    title: "Search invoices",
    description: "Search invoices by status, date range or free text (number, customer name, reference).",
    inputSchema: {
        query: z.string().optional(),
        status: z.enum(["draft", "sent", "paid", "overdue", "void"]).optional(),
        issued_from: z.string().date().optional(),
        issued_to: z.string().date().optional(),
        page: z.number().int().min(1).default(1),
    },
}, async (args) => asText(await api.get("/v1/invoices", args)));
server.registerTool("find_invoices_by_customer", {
    title: "Invoices of a customer",
    description: "List all invoices for one customer ID.",
    inputSchema: { customer_id: z.string() },
}, async ({ customer_id }) => asText(await api.get(`/v1/customers/${encodeURIComponent(customer_id)}/invoices`)));
server.registerTool("get_invoice", {
    title: "Get invoice",
    description: "Get an invoice with its lines, totals and payment status.",
    inputSchema: { invoice_id: z.string() },
}, async ({ invoice_id }) => asText(await api.get(`/v1/invoices/${encodeURIComponent(invoice_id)}`)));
server.registerTool("create_invoice_draft", {
    title: "Create invoice draft",
    description: "Create a draft invoice. Drafts are never sent automatically; a person must review and send them in Ledgerly.",
    inputSchema: {
        customer_id: z.string(),
        currency: z.string().length(3).default("EUR"),
        due_in_days: z.number().int().min(0).max(120).default(14),
        lines: z.array(z.object({
            description: z.string(),
            quantity: z.number().positive(),
            unit_price: z.number(),
            vat_rate: z.number().min(0).max(30).optional(),
        })).min(1),
    },
}, async (args) => asText(await api.post("/v1/invoices", { ...args, status: "draft" })));
const transport = new StdioServerTransport();
await server.connect(transport);
