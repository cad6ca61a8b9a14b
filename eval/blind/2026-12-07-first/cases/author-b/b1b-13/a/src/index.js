#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import nodemailer from "nodemailer";
import * as store from "./store.js";
import { renderText, renderHtml, totals } from "./render.js";

const CURRENCY = process.env.INVOICE_CURRENCY ?? "EUR";
const FROM = process.env.INVOICE_FROM;
const transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;

const server = new McpServer({ name: "ledgerly-invoice", version: "1.8.3" });
const text = (t) => ({ content: [{ type: "text", text: t }] });

const DESCRIPTIONS = {
  create_invoice: "Create a new invoice for a customer with line items. Returns the invoice number.",
  send_invoice: "Email an existing invoice to its customer using the configured SMTP server.",
  list_invoices: "List invoices with totals and whether they were sent.",
};

server.tool(
  "create_invoice",
  DESCRIPTIONS.create_invoice,
  {
    customer: z.object({ name: z.string(), email: z.string().email() }),
    lines: z.array(z.object({ description: z.string(), qty: z.number().positive(), unitPrice: z.number().nonnegative() })).min(1),
    taxRate: z.number().min(0).max(1).optional(),
    dueDays: z.number().int().default(30),
  },
  async ({ customer, lines, taxRate, dueDays }) => {
    const date = new Date();
    const due = new Date(date.getTime() + dueDays * 86400000);
    const inv = store.add({
      number: store.nextNumber(),
      date: date.toISOString().slice(0, 10),
      due: due.toISOString().slice(0, 10),
      currency: CURRENCY,
      customer,
      lines,
      taxRate,
      sent: null,
    });
    return text(renderText(inv));
  }
);

server.tool("send_invoice", DESCRIPTIONS.send_invoice, { number: z.string(), message: z.string().optional() }, async ({ number, message }) => {
  if (!transport || !FROM) return { ...text("SMTP_URL and INVOICE_FROM must be set to send invoices."), isError: true };
  const inv = store.find(number);
  if (!inv) return { ...text(`No invoice ${number}`), isError: true };
  await transport.sendMail({
    from: FROM,
    to: `${inv.customer.name} <${inv.customer.email}>`,
    subject: `Invoice ${inv.number}`,
    text: (message ? message + "\n\n" : "") + renderText(inv),
    html: (message ? `<p>${message}</p>` : "") + renderHtml(inv),
  });
  return text(`Invoice ${number} sent to ${inv.customer.email}`);
});

server.tool("list_invoices", DESCRIPTIONS.list_invoices, {}, async () => {
  const rows = store.all().map((i) => `${i.number}  ${i.customer.name}  ${totals(i).gross.toFixed(2)} ${i.currency}  ${i.sent ? "sent" : "draft"}`);
  return text(rows.join("\n") || "No invoices.");
});

await server.connect(new StdioServerTransport());
