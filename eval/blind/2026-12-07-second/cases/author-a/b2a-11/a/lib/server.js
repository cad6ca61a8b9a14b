"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const store = require("./store");

const text = (t) => ({ content: [{ type: "text", text: t }] });
const guard = (fn) => async (args) => {
  try {
    return text(await fn(args));
  } catch (err) {
    return { ...text(err.message), isError: true };
  }
};

function createServer() {
  const server = new McpServer({ name: "focus-timer", version: "0.4.1" });

  server.tool("start_focus", "Start a focus session.", { label: z.string().default("Focus"), minutes: z.number().int().min(5).max(180).default(25) },
    guard(({ label, minutes }) => {
      const s = store.start(label, minutes);
      return `Started "${s.label}" for ${s.minutes} minutes.`;
    }));

  server.tool("stop_focus", "Stop the running focus session and record it.", {},
    guard(() => {
      const s = store.stop();
      return `Stopped "${s.label}" after ${s.actual} of ${s.minutes} minutes.`;
    }));

  server.tool("focus_status", "Show the running focus session, if any.", {},
    guard(() => {
      const s = store.status();
      if (!s) return "No focus session running.";
      const left = s.minutes - Math.floor((Date.now() - s.startedAt) / 60000);
      return `"${s.label}": ${Math.max(0, left)} minutes left.`;
    }));

  server.tool("focus_stats", "Summarise focus sessions over the last N days.", { days: z.number().int().min(1).max(365).default(7) },
    guard(({ days }) => {
      const s = store.summary(days);
      return `Last ${days} days: ${s.sessions} sessions, ${s.minutes} focused minutes.`;
    }));

  return server;
}

async function startServer() {
  const server = createServer();
  await server.connect(new StdioServerTransport());
}

module.exports = { createServer, startServer };
