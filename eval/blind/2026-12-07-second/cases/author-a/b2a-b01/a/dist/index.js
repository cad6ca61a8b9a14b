#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { shiplog } from "./api.js";
const VERSION = "0.7.0";
const server = new McpServer({ name: "shiplog", version: VERSION });
const text = (t) => ({ content: [{ type: "text", text: t }] });
function tool(name, description, schema, fn) {
    server.tool(name, description, schema, async (args) => {
        try {
            return text(await fn(args));
        }
        catch (err) {
            return { ...text(err.message), isError: true };
        }
    });
}
tool("list_services", "List services in the Shiplog workspace.", {}, async () => {
    const { services } = await shiplog("/services");
    return services.map((s) => `${s.slug}  ${s.name}  (${s.environment})`).join("\n");
});
tool("list_deployments", "Recent deployments of a service.", { service: z.string(), limit: z.number().int().min(1).max(100).default(10) }, async ({ service, limit }) => {
    const { deployments } = await shiplog(`/services/${encodeURIComponent(service)}/deployments`, { limit });
    return deployments.map((d) => `${d.id}  ${d.status.padEnd(9)} ${d.version}  ${d.createdAt}  by ${d.author}`).join("\n") || "No deployments.";
});
tool("get_deployment", "Details and the last log lines of a deployment.", { id: z.string(), logLines: z.number().int().min(0).max(500).default(50) }, async ({ id, logLines }) => {
    const d = await shiplog(`/deployments/${encodeURIComponent(id)}`, { log_tail: logLines });
    return [`${d.service} ${d.version} — ${d.status}`, `commit ${d.commit} by ${d.author}`, "", ...(d.log ?? [])].join("\n");
});
await server.connect(new StdioServerTransport());
