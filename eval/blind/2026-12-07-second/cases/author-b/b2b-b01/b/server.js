#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { tasknest } from "./tasknest.js";
import { listenWebSocket } from "./ws-transport.js";

const VERSION = "0.10.0";
const token = process.env.TASKNEST_TOKEN;
if (!token) {
  console.error("TASKNEST_TOKEN is required");
  process.exit(1);
}
const tn = tasknest(token);

export function buildServer() {
  const server = new McpServer({ name: "tasknest", version: VERSION });
  const txt = (v) => ({ content: [{ type: "text", text: typeof v === "string" ? v : JSON.stringify(v, null, 2) }] });
  server.tool("list_tasks", "List open tasks, optionally with a TaskNest filter such as 'today | overdue'.", { filter: z.string().optional() },
    async ({ filter }) => txt((await tn.tasks(filter)).map((t) => `${t.id}\t${t.due?.string ?? "-"}\tp${t.priority}\t${t.content}`).join("\n") || "(none)"));
  server.tool("add_task", "Add a task. `due` accepts natural language like 'tomorrow 9am'.", {
    content: z.string(), due: z.string().optional(), project_id: z.string().optional(), priority: z.number().int().min(1).max(4).optional(),
  }, async ({ content, due, project_id, priority }) => txt(await tn.add(content, due, project_id, priority)));
  server.tool("complete_task", "Mark a task as done.", { id: z.string() }, async ({ id }) => {
    await tn.complete(id);
    return txt(`Completed ${id}`);
  });
  server.tool("list_projects", "List projects.", {}, async () => txt((await tn.projects()).map((p) => `${p.id}\t${p.name}`).join("\n")));
  return server;
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (arg("transport", "stdio") === "ws") {
  const port = Number(arg("port", "8787"));
  const { token: wsToken } = listenWebSocket({
    port,
    token: process.env.MCP_WS_TOKEN,
    onConnection: (transport) => {
      buildServer().connect(transport).catch((e) => console.error("[tasknest] ws session error:", e.message));
    },
  });
  console.error(`tasknest MCP ${VERSION} listening on ws://127.0.0.1:${port}`);
  if (!process.env.MCP_WS_TOKEN) console.error(`access token: ${wsToken}`);
} else {
  await buildServer().connect(new StdioServerTransport());
}
