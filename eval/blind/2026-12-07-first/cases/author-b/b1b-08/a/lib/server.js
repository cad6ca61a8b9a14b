#!/usr/bin/env node
"use strict";
const fs = require("fs/promises");
const path = require("path");
const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { ListToolsRequestSchema, CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { TEMPLATES } = require("./templates");

const NAME_RE = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

async function writeTree(root, files, overwrite) {
  const written = [];
  for (const [rel, content] of Object.entries(files)) {
    const dest = path.join(root, rel);
    if (!dest.startsWith(root + path.sep)) throw new Error(`refusing to write outside project: ${rel}`);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.writeFile(dest, content, { flag: overwrite ? "w" : "wx" });
    written.push(rel);
  }
  return written;
}

const TOOLS = {
  list_templates: {
    description: "List the available project templates.",
    inputSchema: { type: "object", properties: {} },
    async run() {
      return Object.entries(TEMPLATES).map(([k, t]) => `${k}: ${t.description}`).join("\n");
    },
  },
  create_project: {
    description: "Create a new project directory from a template. Does not install dependencies.",
    inputSchema: {
      type: "object",
      properties: {
        template: { type: "string", enum: Object.keys(TEMPLATES) },
        name: { type: "string", description: "npm package name" },
        parentDir: { type: "string", description: "Directory in which to create the project" },
      },
      required: ["template", "name", "parentDir"],
    },
    async run({ template, name, parentDir }) {
      if (!NAME_RE.test(name)) throw new Error(`invalid package name: ${name}`);
      const t = TEMPLATES[template];
      if (!t) throw new Error(`unknown template ${template}`);
      const root = path.resolve(parentDir, name.replace(/^@[^/]+\//, ""));
      await fs.mkdir(root, { recursive: false });
      const files = await writeTree(root, t.files(name), false);
      return `Created ${root}\n` + files.map((f) => `  ${f}`).join("\n") + `\n\nNext: cd ${root} && npm install`;
    },
  },
  add_editor_config: {
    description: "Add the scaffold-kit editor files (.editorconfig, .vscode) to an existing project.",
    inputSchema: {
      type: "object",
      properties: { projectDir: { type: "string" }, overwrite: { type: "boolean", default: false } },
      required: ["projectDir"],
    },
    async run({ projectDir, overwrite }) {
      const root = path.resolve(projectDir);
      const pick = Object.fromEntries(Object.entries(TEMPLATES["node-lib"].files(path.basename(root))).filter(([k]) => k.startsWith(".editorconfig") || k.startsWith(".vscode/")));
      const files = await writeTree(root, pick, overwrite);
      return `Wrote ${files.join(", ")}`;
    },
  },
};

const server = new Server({ name: "scaffold-kit", version: "2.3.1" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: Object.entries(TOOLS).map(([name, t]) => ({ name, description: t.description, inputSchema: t.inputSchema })),
}));

server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
  const tool = TOOLS[params.name];
  if (!tool) return { content: [{ type: "text", text: `Unknown tool ${params.name}` }], isError: true };
  try {
    return { content: [{ type: "text", text: await tool.run(params.arguments || {}) }] };
  } catch (e) {
    return { content: [{ type: "text", text: String(e.message || e) }], isError: true };
  }
});

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e);
  process.exit(1);
});
