#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { Prometheus, summarizeMatrix } from "./prom.mjs";

const url = process.env.PROMETHEUS_URL;
if (!url) {
  console.error("promstats: set PROMETHEUS_URL, e.g. http://localhost:9090");
  process.exit(1);
}

const prom = new Prometheus(url, {
  bearer: process.env.PROMETHEUS_TOKEN,
  basicUser: process.env.PROMETHEUS_USERNAME,
  basicPass: process.env.PROMETHEUS_PASSWORD,
});

const json = (v) => ({ content: [{ type: "text", text: JSON.stringify(v, null, 2) }] });
const safe = (fn) => async (args) => {
  try {
    return json(await fn(args));
  } catch (err) {
    return { isError: true, content: [{ type: "text", text: err.message }] };
  }
};

export function createServer() {
  const server = new McpServer({ name: "promstats", version: "0.3.5" });

  server.tool(
    "prom_query",
    "Evaluate a PromQL expression at one instant (default: now).",
    { expr: z.string().min(1), time: z.string().optional().describe("RFC 3339 or unix timestamp") },
    safe(({ expr, time }) => prom.query(expr, time))
  );

  server.tool(
    "prom_query_range",
    "Evaluate a PromQL expression over a time range; returns min/max/last and a downsampled series.",
    {
      expr: z.string().min(1),
      minutes: z.number().int().min(1).max(10080).default(60),
      step: z.string().default("60s"),
    },
    safe(async ({ expr, minutes, step }) => {
      const end = Math.floor(Date.now() / 1000);
      return summarizeMatrix(await prom.queryRange(expr, end - minutes * 60, end, step));
    })
  );

  server.tool(
    "prom_series",
    "Find time series matching a selector such as up{job=\"api\"}.",
    { match: z.string().min(1) },
    safe(({ match }) => prom.series([match]))
  );

  server.tool("prom_alerts", "List currently active alerts.", {}, safe(() => prom.alerts()));

  return server;
}

await createServer().connect(new StdioServerTransport());
