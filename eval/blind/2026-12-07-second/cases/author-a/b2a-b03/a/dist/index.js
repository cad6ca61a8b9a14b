#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { log, fileHistory, show } from "./git.js";
const server = new McpServer({ name: "git-history", version: "0.4.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
const Dir = z.string().optional().describe("Repository directory (default: current directory)");
server.tool("git_log", "Recent commits on a ref.", { dir: Dir, ref: z.string().default("HEAD"), depth: z.number().int().min(1).max(500).default(20) }, async ({ dir, ref, depth }) => {
    const commits = await log(dir, depth, ref);
    return text(commits.map((c) => `${c.oid.slice(0, 8)} ${c.date.slice(0, 10)} ${c.author}: ${c.message.split("\n")[0]}`).join("\n"));
});
server.tool("git_file_history", "Commits that touched a file.", { dir: Dir, path: z.string(), depth: z.number().int().min(1).max(500).default(50) }, async ({ dir, path, depth }) => text((await fileHistory(dir, path, depth)).join("\n") || "No history."));
server.tool("git_show_file", "Content of a file at a given commit.", { dir: Dir, oid: z.string().min(4), path: z.string() }, async ({ dir, oid, path }) => text(await show(dir, oid, path)));
await server.connect(new StdioServerTransport());
