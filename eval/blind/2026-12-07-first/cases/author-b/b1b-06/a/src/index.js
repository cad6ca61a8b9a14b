#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { spawn } from "node:child_process";
import { resolve, join } from "node:path";
import { listAll, readScripts, explain } from "./scripts.js";

const argv = process.argv.slice(2);
const rootIdx = argv.indexOf("--root");
const ROOT = resolve(rootIdx >= 0 ? argv[rootIdx + 1] : process.cwd());

const server = new McpServer({ name: "npm-scripts", version: "0.4.1" });

server.tool("list_scripts", "List the npm scripts of every package in the workspace.", {}, async () => {
  const all = await listAll(ROOT);
  const text = all
    .map((p) => `${p.name} (${p.dir})\n` + Object.entries(p.scripts).map(([k, v]) => `  ${k}: ${v}`).join("\n"))
    .join("\n\n");
  return { content: [{ type: "text", text: text || "No package.json found." }] };
});

server.tool(
  "describe_script",
  "Explain what an npm script does, including scripts it calls.",
  { dir: z.string().default("."), script: z.string() },
  async ({ dir, script }) => {
    const { scripts } = await readScripts(join(ROOT, dir));
    const cmd = scripts[script];
    if (!cmd) return { content: [{ type: "text", text: `No script "${script}"` }], isError: true };
    const calls = [...cmd.matchAll(/npm run (\S+)/g)].map((m) => m[1]);
    const lines = [`${script}: ${cmd}`, `→ ${explain(cmd)}`];
    for (const c of calls) if (scripts[c]) lines.push(`  ${c}: ${scripts[c]} → ${explain(scripts[c])}`);
    if (scripts["pre" + script]) lines.push(`runs first: pre${script}: ${scripts["pre" + script]}`);
    if (scripts["post" + script]) lines.push(`runs after: post${script}: ${scripts["post" + script]}`);
    return { content: [{ type: "text", text: lines.join("\n") }] };
  }
);

server.tool(
  "run_script",
  "Run an npm script that exists in package.json and return its output (max 2 minutes).",
  { dir: z.string().default("."), script: z.string() },
  async ({ dir, script }) => {
    const cwd = join(ROOT, dir);
    const { scripts } = await readScripts(cwd);
    if (!scripts[script]) return { content: [{ type: "text", text: `No script "${script}"` }], isError: true };
    const out = await new Promise((res) => {
      const p = spawn(process.platform === "win32" ? "npm.cmd" : "npm", ["run", script], { cwd, shell: false });
      let buf = "";
      const t = setTimeout(() => p.kill("SIGTERM"), 120_000);
      p.stdout.on("data", (d) => (buf += d));
      p.stderr.on("data", (d) => (buf += d));
      p.on("close", (code) => {
        clearTimeout(t);
        res(`exit ${code}\n${buf.slice(-20000)}`);
      });
    });
    return { content: [{ type: "text", text: out }] };
  }
);

await server.connect(new StdioServerTransport());
console.error(`npm-scripts MCP server on ${ROOT}`);
