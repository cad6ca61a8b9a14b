"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { npmJson } = require("./npm");
const pkg = require("../package.json");

const dir = z.string().describe("Project directory containing package.json").default(process.cwd());
const text = (t) => ({ content: [{ type: "text", text: t }] });

function buildServer() {
  const server = new McpServer({ name: pkg.name, version: pkg.version });

  server.tool("outdated", "List outdated dependencies with current, wanted and latest versions.", { dir }, async ({ dir }) => {
    const data = await npmJson(["outdated"], dir);
    const rows = Object.entries(data).map(
      ([name, v]) => `${name.padEnd(40)} ${String(v.current).padEnd(12)} ${String(v.wanted).padEnd(12)} ${v.latest}`
    );
    return text(rows.length ? `${"package".padEnd(40)} ${"current".padEnd(12)} ${"wanted".padEnd(12)} latest\n${rows.join("\n")}` : "Everything is up to date.");
  });

  server.tool("audit_summary", "Summarize npm audit findings by severity.", { dir }, async ({ dir }) => {
    const data = await npmJson(["audit"], dir);
    const meta = (data.metadata && data.metadata.vulnerabilities) || {};
    const lines = Object.entries(meta).map(([sev, n]) => `${sev}: ${n}`);
    const top = Object.values(data.vulnerabilities || {})
      .filter((v) => v.severity === "critical" || v.severity === "high")
      .slice(0, 20)
      .map((v) => `- ${v.name} (${v.severity}) via ${[].concat(v.via).map((x) => (typeof x === "string" ? x : x.title)).join(", ")}`);
    return text([...lines, "", ...top].join("\n"));
  });

  server.tool("package_info", "Show registry metadata for a package.", { name: z.string() }, async ({ name }) => {
    const info = await npmJson(["view", name, "name", "version", "description", "license", "dist-tags", "maintainers", "repository.url"], process.cwd());
    return text(JSON.stringify(info, null, 2));
  });

  return server;
}

async function main(argv) {
  if (argv.includes("--version")) {
    console.log(pkg.version);
    return;
  }
  const server = buildServer();
  await server.connect(new StdioServerTransport());
}

module.exports = { main, buildServer };
