#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { costByService, forecast } from "./costs.js";
const server = new McpServer({ name: "cloud-cost", version: "0.3.1" });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
function fmt(n, unit) {
    return `${n.toLocaleString("en-US", { maximumFractionDigits: 2 })} ${unit}`;
}
server.tool("cost_by_service", "AWS cost grouped by service for a date range (end date exclusive).", { start: isoDate, end: isoDate, granularity: z.enum(["DAILY", "MONTHLY"]).default("MONTHLY"), top: z.number().int().default(15) }, async ({ start, end, granularity, top }) => {
    const rows = await costByService(start, end, granularity);
    const byPeriod = new Map();
    for (const r of rows) {
        const list = byPeriod.get(r.period) ?? [];
        list.push(r);
        byPeriod.set(r.period, list);
    }
    const out = [];
    for (const [period, list] of byPeriod) {
        out.push(`# ${period}`);
        list.sort((a, b) => b.amount - a.amount)
            .slice(0, top)
            .forEach((r) => out.push(`${r.key.padEnd(48)} ${fmt(r.amount, r.unit)}`));
    }
    return { content: [{ type: "text", text: out.join("\n") || "No cost data." }] };
});
server.tool("cost_forecast", "Forecast AWS cost between today and a future date.", { end: isoDate }, async ({ end }) => {
    const start = new Date().toISOString().slice(0, 10);
    const f = await forecast(start, end);
    return { content: [{ type: "text", text: `Forecast ${start} → ${end}: ${fmt(f.amount, f.unit)}` }] };
});
await server.connect(new StdioServerTransport());
