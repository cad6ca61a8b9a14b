#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import Stripe from "stripe";
import { z } from "zod";

const money = (amount, currency) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount / 100);

class StripeMcpServer {
  constructor(secretKey) {
    this.stripe = new Stripe(secretKey, { apiVersion: "2024-06-20", maxNetworkRetries: 2, appInfo: { name: "ledgerline-stripe-mcp" } });
    this.server = new McpServer({ name: "ledgerline-stripe", version: "0.7.5" });
    this.register();
  }

  text(t) {
    return { content: [{ type: "text", text: t }] };
  }

  register() {
    this.server.tool("find_customer", "Find customers by email.", { email: z.string().email() }, async ({ email }) => {
      const res = await this.stripe.customers.list({ email, limit: 10 });
      return this.text(res.data.map((c) => `${c.id}  ${c.name ?? ""} <${c.email}>  created ${new Date(c.created * 1000).toISOString().slice(0, 10)}`).join("\n") || "No customers.");
    });

    this.server.tool(
      "list_invoices",
      "List invoices of a customer.",
      { customer: z.string(), status: z.enum(["draft", "open", "paid", "uncollectible", "void"]).optional() },
      async ({ customer, status }) => {
        const res = await this.stripe.invoices.list({ customer, status, limit: 20 });
        return this.text(res.data.map((i) => `${i.id} ${i.number ?? "-"} ${i.status} ${money(i.amount_due, i.currency)} due ${i.due_date ? new Date(i.due_date * 1000).toISOString().slice(0, 10) : "-"}`).join("\n") || "No invoices.");
      }
    );

    this.server.tool("recent_payments", "List recent payment intents.", { limit: z.number().int().max(50).default(10) }, async ({ limit }) => {
      const res = await this.stripe.paymentIntents.list({ limit });
      return this.text(res.data.map((p) => `${p.id} ${p.status} ${money(p.amount, p.currency)} ${p.customer ?? ""}`).join("\n"));
    });

    this.server.tool(
      "refund_payment",
      "Refund a payment intent fully or partially (amount in cents).",
      { payment_intent: z.string(), amount: z.number().int().positive().optional(), reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional() },
      async ({ payment_intent, amount, reason }) => {
        const r = await this.stripe.refunds.create({ payment_intent, amount, reason });
        return this.text(`Refund ${r.id}: ${r.status}, ${money(r.amount, r.currency)}`);
      }
    );
  }

  async start() {
    await this.server.connect(new StdioServerTransport());
  }
}

const key = process.env.STRIPE_SECRET_KEY;
if (!key) {
  console.error("STRIPE_SECRET_KEY is required");
  process.exit(1);
}
await new StripeMcpServer(key).start();
