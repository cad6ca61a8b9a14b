#!/usr/bin/env node
"use strict";

// src/index.ts
var import_mcp = require("@modelcontextprotocol/sdk/server/mcp.js");
var import_stdio = require("@modelcontextprotocol/sdk/server/stdio.js");
var import_zod = require("zod");

// src/todoist.ts
var import_todoist_api_typescript = require("@doist/todoist-api-typescript");
function createApi() {
  const token = process.env.TODOIST_API_TOKEN;
  if (!token) throw new Error("TODOIST_API_TOKEN is not set (Settings \u2192 Integrations \u2192 Developer)");
  return new import_todoist_api_typescript.TodoistApi(token);
}
function formatTask(t) {
  const due = t.due ? ` (due ${t.due.string || t.due.date})` : "";
  const prio = t.priority > 1 ? ` p${5 - t.priority}` : "";
  return `${t.id}  ${t.content}${due}${prio}`;
}

// src/index.ts
var api = createApi();
var server = new import_mcp.McpServer({ name: "todoist-lite", version: "1.0.8" });
var text = (t) => ({ content: [{ type: "text", text: t }] });
server.tool("todoist_list_tasks", "List active tasks, optionally with a Todoist filter such as 'today | overdue'.", { filter: import_zod.z.string().optional() }, async ({ filter }) => {
  const res = await api.getTasks(filter ? { filter } : {});
  const tasks = Array.isArray(res) ? res : res.results;
  return text(tasks.map(formatTask).join("\n") || "No tasks.");
});
server.tool("todoist_add_task", "Add a task. dueString accepts natural language ('tomorrow 9am').", {
  content: import_zod.z.string().min(1),
  dueString: import_zod.z.string().optional(),
  priority: import_zod.z.number().int().min(1).max(4).optional(),
  projectId: import_zod.z.string().optional()
}, async (args) => {
  const t = await api.addTask(args);
  return text(`Added ${formatTask(t)}`);
});
server.tool("todoist_projects", "List projects.", {}, async () => {
  const res = await api.getProjects();
  const projects = Array.isArray(res) ? res : res.results;
  return text(projects.map((p) => `${p.id}  ${p.name}`).join("\n"));
});
server.connect(new import_stdio.StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
