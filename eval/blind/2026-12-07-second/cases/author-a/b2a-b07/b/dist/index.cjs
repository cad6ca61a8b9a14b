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

// src/rest.ts
var TODOIST_API = "https://api.todoist.com/api/v1";
async function todoistRequest(method, path, body) {
  const token = process.env.TODOIST_API_TOKEN;
  if (!token) throw new Error("TODOIST_API_TOKEN is not set");
  const res = await fetch(`${TODOIST_API}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      "X-Request-Id": crypto.randomUUID()
    },
    body: body ? JSON.stringify(body) : void 0
  });
  if (!res.ok) throw new Error(`Todoist ${method} ${path} failed: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}
function completeTask(id) {
  return todoistRequest("POST", `/tasks/${encodeURIComponent(id)}/close`);
}
function addComment(taskId, content) {
  return todoistRequest("POST", "/comments", { task_id: taskId, content });
}
function formatTask(t) {
  const due = t.due ? ` (due ${t.due.string || t.due.date})` : "";
  const prio = t.priority > 1 ? ` p${5 - t.priority}` : "";
  return `${t.id}  ${t.content}${due}${prio}`;
}

// src/index.ts
var api = createApi();
var server = new import_mcp.McpServer({ name: "todoist-lite", version: "1.1.0" });
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
server.tool("todoist_complete_task", "Mark a task as done.", { id: import_zod.z.string() }, async ({ id }) => {
  await completeTask(id);
  return text(`Completed ${id}`);
});
server.tool("todoist_comment", "Add a comment to a task.", { taskId: import_zod.z.string(), content: import_zod.z.string().min(1) }, async ({ taskId, content }) => {
  const c = await addComment(taskId, content);
  return text(`Comment ${c.id} added`);
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
