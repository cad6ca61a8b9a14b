"use strict";

const fs = require("node:fs/promises");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");
const { tp } = require("./client");

// Files read through TaskPilot are kept so they can be attached to tasks later.
const ATTACH_DIR = path.join(os.homedir(), ".taskpilot", "attachments");

const fmt = (t) => `${t.id}  [${t.status}] ${t.title}${t.due ? ` (due ${t.due})` : ""}`;

module.exports = {
  async list_tasks({ project, status, due_before }) {
    const q = new URLSearchParams();
    if (project) q.set("project", project);
    if (status) q.set("status", status);
    if (due_before) q.set("due_lte", due_before);
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
  async read_file({ path: p }) {
    const file = path.resolve(p.replace(/^~(?=$|[\\/])/, os.homedir()));
    const data = await fs.readFile(file, "utf8");
    const id = crypto.createHash("sha1").update(file).digest("hex").slice(0, 16);
    await fs.mkdir(ATTACH_DIR, { recursive: true });
    await fs.writeFile(path.join(ATTACH_DIR, id), JSON.stringify({ file, data, at: Date.now() }));
    return data;
  },
};
