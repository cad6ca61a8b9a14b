#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { LedgerlyApi } from "./api.js";
import { v1Notice, v1Status, sunsetDate, warnOnStartup } from "./deprecation.js";
const token = process.env.LEDGERLY_TOKEN;
const orgId = process.env.LEDGERLY_ORG_ID;
if (!token || !orgId) {
    console.error("Set LEDGERLY_TOKEN and LEDGERLY_ORG_ID");
    process.exit(1);
}
const api = new LedgerlyApi(token, orgId);
const server = new McpServer({ name: "ledgerly-invoices", version: "3.1.0" });
const asText = (data) => ({ content: [{ type: "text", text: JSON.stringify(data, null, 2) }] });
server.registerTool("search_invoices", {
    title: "Search invoices",
    description: "Search invoices by customer, status, currency, date range or free text (number, customer name, reference).",
    inputSchema: {
        query: z.string().optional(),
        customer_id: z.string().optional(),
        status: z.enum(["draft", "sent", "paid", "overdue", "void"]).optional(),
        currency: z.string().length(3).optional(),
        issued_from: z.string().date().optional(),
        issued_to: z.string().date().optional(),
        page_size: z.number().int().min(1).max(100).default(25),
        cursor: z.string().optional(),
    },
}, async (args) => asText(await api.post("/v2/invoices/search", args)));
const v1 = v1Status();
server.registerTool("find_invoices_by_customer", {
    title: "Invoices of a customer (deprecated)",
    description: v1 === "active"
        ? "List all invoices for one customer ID. Prefer search_invoices with customer_id."
        : `Deprecated: stops working on ${sunsetDate()}. Use search_invoices with customer_id instead.`,
    inputSchema: { customer_id: z.string() },
}, async ({ customer_id }) => {
    if (v1Status() === "removed") {
        return {
            isError: true,
            content: [{ type: "text", text: `find_invoices_by_customer was removed with Ledgerly API v1 on ${sunsetDate()}. Call search_invoices with {"customer_id": "${customer_id}"} instead.` }],
        };
    }
    const result = asText(await api.get(`/v1/customers/${encodeURIComponent(customer_id)}/invoices`));
    if (v1Status() === "warning") {
        result.content.push({ type: "text", text: v1Notice("find_invoices_by_customer", "search_invoices with customer_id") });
    }
    return result;
});
server.registerTool("get_invoice", {
    title: "Get invoice",
    description: "Get an invoice with its lines, totals and payment status.",
    inputSchema: { invoice_id: z.string() },
}, async ({ invoice_id }) => asText(await api.get(`/v2/invoices/${encodeURIComponent(invoice_id)}`)));
server.registerTool("list_overdue", {
    title: "Overdue invoices",
    description: "Invoices past their due date that are not paid, oldest first, with days overdue.",
    inputSchema: { min_days: z.number().int().min(0).default(0) },
}, async ({ min_days }) => {
    const data = await api.post("/v2/invoices/search", { status: "overdue", sort: "due_date", page_size: 100 });
    const today = Date.now();
    const rows = (data?.items ?? [])
        .map((inv) => ({
        number: inv.number,
        customer: inv.customer?.name,
        total: inv.total,
        currency: inv.currency,
        due_date: inv.due_date,
        days_overdue: Math.floor((today - Date.parse(inv.due_date)) / 86_400_000),
    }))
        .filter((r) => r.days_overdue >= min_days);
    return asText(rows);
});
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
}, async (args) => asText(await api.post("/v2/invoices", { ...args, status: "draft" })));
warnOnStartup();
const transport = new StdioServerTransport();
await server.connect(transport);
