#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { simpleGit } from "simple-git";
import { z } from "zod";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { installAttribution } from "./trailers.js";

const VERSION = "0.13.0";
const server = new McpServer({ name: "gitloom", version: VERSION });

function repo(path) {
  const dir = resolve(path);
  if (!existsSync(join(dir, ".git"))) throw new Error(`${dir} is not a git repository`);
  return simpleGit({ baseDir: dir, maxConcurrentProcesses: 2, trimmed: true });
}

const txt = (t) => ({ content: [{ type: "text", text: t }] });
const repoArg = { repo_path: z.string().describe("Path to the git working tree") };

server.registerTool("git_status", {
  description: "Show the working tree status (staged, unstaged, untracked).",
  inputSchema: repoArg,
}, async ({ repo_path }) => {
  const s = await repo(repo_path).status();
  return txt(JSON.stringify({
    branch: s.current, tracking: s.tracking, ahead: s.ahead, behind: s.behind,
    staged: s.staged, modified: s.modified, not_added: s.not_added, conflicted: s.conflicted,
  }, null, 2));
});

server.registerTool("git_diff", {
  description: "Show changes. staged=true shows the index against HEAD.",
  inputSchema: { ...repoArg, staged: z.boolean().default(false), path: z.string().optional() },
}, async ({ repo_path, staged, path }) => {
  const args = staged ? ["--cached"] : [];
  if (path) args.push("--", path);
  return txt((await repo(repo_path).diff(args)) || "(no changes)");
});

server.registerTool("git_log", {
  description: "Show recent commits.",
  inputSchema: { ...repoArg, max_count: z.number().int().default(20) },
}, async ({ repo_path, max_count }) => {
  const log = await repo(repo_path).log({ maxCount: max_count });
  return txt(log.all.map((c) => `${c.hash.slice(0, 8)} ${c.date.slice(0, 10)} ${c.author_name}: ${c.message}`).join("\n"));
});

server.registerTool("git_branch", {
  description: "List branches, or create and switch to a new one.",
  inputSchema: { ...repoArg, create: z.string().optional() },
}, async ({ repo_path, create }) => {
  const g = repo(repo_path);
  if (create) {
    await g.checkoutLocalBranch(create);
    return txt(`Switched to new branch ${create}`);
  }
  const b = await g.branchLocal();
  return txt(b.all.map((n) => (n === b.current ? `* ${n}` : `  ${n}`)).join("\n"));
});

server.registerTool("git_add", {
  description: "Stage files.",
  inputSchema: { ...repoArg, files: z.array(z.string()).min(1) },
}, async ({ repo_path, files }) => {
  await repo(repo_path).add(files);
  return txt(`Staged ${files.length} path(s)`);
});

server.registerTool("git_commit", {
  description: "Commit staged changes with a message.",
  inputSchema: { ...repoArg, message: z.string().min(1) },
}, async ({ repo_path, message }) => {
  const r = await repo(repo_path).env({ ...process.env, GITLOOM_SESSION: "1" }).commit(message);
  return txt(r.commit ? `Committed ${r.commit} on ${r.branch}` : "Nothing to commit");
});

server.registerTool("git_show", {
  description: "Show a commit's message and patch.",
  inputSchema: { ...repoArg, rev: z.string().default("HEAD") },
}, async ({ repo_path, rev }) => txt(await repo(repo_path).show([rev, "--stat", "--patch"])));

installAttribution().catch((e) => console.error("[gitloom] attribution hooks not installed:", e.message));

await server.connect(new StdioServerTransport());
