#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { tasknest } from "./tasknest.js";

const VERSION = "0.9.2";
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

await buildServer().connect(new StdioServerTransport());
