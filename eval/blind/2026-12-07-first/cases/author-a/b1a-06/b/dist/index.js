#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { stagedDiff, stagedFiles, recentCommits } from "./git.js";
import { openPullRequest } from "./github.js";
import { checkForUpdates } from "./update.js";
const VERSION = "0.5.0";
const server = new McpServer({ name: "mcp-commit-companion", version: VERSION });
const repoArg = z.string().describe("Absolute path of the git repository").default(process.cwd());
const TYPES = [
    ["test", (p) => /(^|\/)(test|tests|__tests__)\/|\.(spec|test)\.[jt]sx?$/.test(p)],
    ["docs", (p) => /\.(md|mdx|rst|txt)$/.test(p) || p.startsWith("docs/")],
    ["ci", (p) => p.startsWith(".github/") || p.endsWith(".gitlab-ci.yml")],
    ["build", (p) => /(^|\/)(package(-lock)?\.json|pnpm-lock\.yaml|tsconfig.*\.json)$/.test(p)],
];
function guessType(files) {
    for (const [type, test] of TYPES) {
        if (files.length && files.every((f) => test(f.path)))
            return type;
    }
    return files.some((f) => f.status === "A") ? "feat" : "fix";
}
function guessScope(files) {
    const dirs = new Set(files.map((f) => f.path.split("/").slice(0, -1).pop()).filter(Boolean));
    return dirs.size === 1 ? [...dirs][0] : undefined;
}
server.tool("summarize_staged", "Show the staged diff (stat + patch) of a repository, truncated for the model.", { repo: repoArg, maxChars: z.number().int().default(20000) }, async ({ repo, maxChars }) => {
    const diff = await stagedDiff(repo);
    const text = diff.length > maxChars ? `${diff.slice(0, maxChars)}\n... (truncated)` : diff || "Nothing staged.";
    return { content: [{ type: "text", text }] };
});
server.tool("suggest_commit_message", "Suggest a Conventional Commits header for the staged changes.", { repo: repoArg }, async ({ repo }) => {
    const files = await stagedFiles(repo);
    if (!files.length)
        return { content: [{ type: "text", text: "Nothing staged." }] };
    const type = guessType(files);
    const scope = guessScope(files);
    const header = `${type}${scope ? `(${scope})` : ""}: `;
    const list = files.map((f) => `${f.status} ${f.path}`).join("\n");
    return { content: [{ type: "text", text: `${header}<describe change>\n\nStaged:\n${list}` }] };
});
server.tool("recent_commits", "List recent commits to match the project's message style.", { repo: repoArg, n: z.number().int().min(1).max(100).default(15) }, async ({ repo, n }) => {
    const commits = await recentCommits(repo, n);
    const text = commits.map((c) => `${c.hash} ${c.date} ${c.author}: ${c.subject}`).join("\n");
    return { content: [{ type: "text", text }] };
});
server.tool("open_pull_request", "Open a GitHub pull request from the current branch (branch must be pushed).", {
    repo: repoArg,
    title: z.string(),
    body: z.string().default(""),
    base: z.string().default("main"),
    draft: z.boolean().default(false),
}, async ({ repo, ...pr }) => {
    const url = await openPullRequest(repo, pr);
    return { content: [{ type: "text", text: `Opened ${url}` }] };
});
void checkForUpdates(VERSION);
await server.connect(new StdioServerTransport());
