#!/usr/bin/env node
import { parseArgs } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { Prometheus, summarizeMatrix } from "./prom.mjs";
import { listenWebSocket } from "./ws-transport.mjs";

const VERSION = "0.4.0";

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
  const server = new McpServer({ name: "promstats", version: VERSION });

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

  server.tool(
    "prom_labels",
    "List label names, or the values of one label (e.g. job, instance), optionally restricted to a selector.",
    { label: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/).optional(), match: z.string().optional() },
    safe(({ label, match }) => (label ? prom.labelValues(label, match) : prom.labels(match)))
  );

  server.tool("prom_alerts", "List currently active alerts.", {}, safe(() => prom.alerts()));

  return server;
}

const { values } = parseArgs({
  options: {
    transport: { type: "string", default: process.env.PROMSTATS_TRANSPORT ?? "stdio" },
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8808" },
  },
  strict: true,
});

if (values.transport === "ws") {
  listenWebSocket({
    host: values.host,
    port: Number(values.port),
    token: process.env.PROMSTATS_WS_TOKEN,
    allowedOrigins: (process.env.PROMSTATS_WS_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    createServer,
  });
} else if (values.transport === "stdio") {
  await createServer().connect(new StdioServerTransport());
} else {
  console.error(`promstats: unknown transport ${values.transport} (use stdio or ws)`);
  process.exit(2);
}
