#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { createApi } = require("./lib/api");
const { version } = require("./package.json");

const token = process.env.DEPLOYHUB_TOKEN;
if (!token) {
  console.error("DEPLOYHUB_TOKEN is required");
  process.exit(1);
}
const dh = createApi(token);
const server = new McpServer({ name: "deployhub", version });
const j = (d) => ({ content: [{ type: "text", text: JSON.stringify(d, null, 2) }] });

server.tool("list_projects", "List DeployHub projects.", {}, async () => j(await dh.projects()));

server.tool(
  "list_deployments",
  "Recent deployments of a project.",
  { project: z.string(), limit: z.number().int().max(50).default(10) },
  async ({ project, limit }) => j(await dh.deployments(project, limit))
);

server.tool(
  "deploy",
  "Deploy a git ref to an environment.",
  { project: z.string(), ref: z.string().default("main"), environment: z.enum(["preview", "staging", "production"]).default("preview") },
  async ({ project, ref, environment }) => j(await dh.deploy(project, ref, environment))
);

server.tool("deployment_logs", "Tail build and runtime logs of a deployment.", { deployment_id: z.string() }, async ({ deployment_id }) => {
  const { lines } = await dh.logs(deployment_id);
  return { content: [{ type: "text", text: lines.map((l) => `${l.ts} ${l.stream} ${l.text}`).join("\n") }] };
});

server.tool(
  "rollback",
  "Roll production back to a previous deployment.",
  { project: z.string(), deployment_id: z.string() },
  async ({ project, deployment_id }) => j(await dh.rollback(project, deployment_id))
);

server.tool(
  "list_env_vars",
  "List environment variable names (values are redacted) for a project environment.",
  { project: z.string(), environment: z.enum(["preview", "staging", "production"]) },
  async ({ project, environment }) => j(await dh.envList(project, environment))
);

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e);
  process.exit(1);
});
