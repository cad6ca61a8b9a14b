#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { resolve } from "node:path";
import { diffStat, diffText } from "./git.js";
import { riskNotes } from "./risk.js";
import { reviewPrompt } from "./prompts.js";
const server = new McpServer({ name: "reviewkit", version: "0.12.1" });
server.registerTool("diff_summary", {
    title: "Diff summary",
    description: "Files changed between a base branch and HEAD, with line counts and risk notes.",
    inputSchema: { repo: z.string(), base: z.string().default("main") },
}, async ({ repo, base }) => {
    const stats = diffStat(resolve(repo), base);
    const notes = riskNotes(stats);
    const lines = stats.map((s) => `+${s.added}\t-${s.deleted}\t${s.file}`);
    if (notes.length)
        lines.push("", "Risk notes:", ...notes.map((n) => `- ${n}`));
    return { content: [{ type: "text", text: lines.join("\n") || "No changes." }] };
});
server.registerTool("diff_text", {
    title: "Diff text",
    description: "The unified diff between a base branch and HEAD (truncated at 200 kB).",
    inputSchema: { repo: z.string(), base: z.string().default("main") },
}, async ({ repo, base }) => ({ content: [{ type: "text", text: diffText(resolve(repo), base) || "No changes." }] }));
server.registerPrompt("review", {
    title: "Review my branch",
    description: "Structured code review of the current branch against a base branch.",
    argsSchema: { repo: z.string(), base: z.string().optional(), focus: z.string().optional() },
}, ({ repo, base, focus }) => ({
    messages: [{ role: "user", content: { type: "text", text: reviewPrompt(repo, base ?? "main", focus) } }],
}));
await server.connect(new StdioServerTransport());
