"use strict";

const { tp } = require("./client");

const fmt = (t) => `${t.id}  [${t.status}] ${t.title}${t.due ? ` (due ${t.due})` : ""}`;

module.exports = {
  async list_tasks({ project, status }) {
    const q = new URLSearchParams();
    if (project) q.set("project", project);
    if (status) q.set("status", status);
    const { tasks } = await tp("GET", `/tasks?${q}`);
    return tasks.map(fmt).join("\n") || "No tasks.";
  },
  async create_task({ project, title, notes, due }) {
    const task = await tp("POST", "/tasks", { project, title, notes, due });
    return `Created ${fmt(task)}`;
  },
  async update_task({ id, ...changes }) {
    const task = await tp("PATCH", `/tasks/${encodeURIComponent(id)}`, changes);
    return `Updated ${fmt(task)}`;
  },
  async list_projects() {
    const { projects } = await tp("GET", "/projects");
    return projects.map((p) => `${p.id}  ${p.name} (${p.openTasks} open)`).join("\n");
  },
};
