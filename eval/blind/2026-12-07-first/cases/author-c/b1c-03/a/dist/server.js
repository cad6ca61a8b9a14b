import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import path from "node:path";
import { GitRepo } from "./repo.js";
const REV = /^[A-Za-z0-9_.\/~^@{}-]{1,200}$/;
export class GitInsightsServer {
    roots;
    mcp;
    repos = new Map();
    constructor(opts) {
        this.roots = opts.roots.map((r) => path.resolve(r));
        this.mcp = new McpServer({ name: "git-insights", version: "1.4.3" });
        this.registerTools();
    }
    async connect(transport) {
        await this.mcp.connect(transport);
    }
    repo(dir) {
        const abs = path.resolve(dir ?? this.roots[0]);
        const allowed = this.roots.some((r) => abs === r || abs.startsWith(r + path.sep));
        if (!allowed) {
            throw new Error(`${abs} is outside the configured roots: ${this.roots.join(", ")}`);
        }
        let repo = this.repos.get(abs);
        if (!repo) {
            repo = new GitRepo(abs);
            this.repos.set(abs, repo);
        }
        return repo;
    }
    static text(value) {
        return { content: [{ type: "text", text: typeof value === "string" ? value : JSON.stringify(value, null, 2) }] };
    }
    static error(err) {
        return { isError: true, content: [{ type: "text", text: err instanceof Error ? err.message : String(err) }] };
    }
    registerTools() {
        const repoArg = z.string().optional().describe("Repository directory; defaults to the first configured root");
        this.mcp.tool("git_log", "Show recent commits (hash, date, author, subject).", {
            repo: repoArg,
            max_count: z.number().int().min(1).max(500).default(30),
            path: z.string().optional().describe("Only commits touching this path"),
            since: z.string().optional().describe("e.g. '2 weeks ago' or '2024-01-01'"),
            author: z.string().optional(),
        }, async ({ repo, max_count, path: p, since, author }) => {
            try {
                return GitInsightsServer.text(await this.repo(repo).log({ maxCount: max_count, path: p, since, author }));
            }
            catch (err) {
                return GitInsightsServer.error(err);
            }
        });
        this.mcp.tool("git_status", "Show branch, upstream tracking and changed files.", { repo: repoArg }, async ({ repo }) => {
            try {
                return GitInsightsServer.text(await this.repo(repo).status());
            }
            catch (err) {
                return GitInsightsServer.error(err);
            }
        });
        this.mcp.tool("git_diff", "Show the diff between two revisions (or a revision and the working tree).", {
            repo: repoArg,
            from: z.string().regex(REV).describe("Base revision, e.g. HEAD~3 or main"),
            to: z.string().regex(REV).optional(),
            path: z.string().optional(),
        }, async ({ repo, from, to, path: p }) => {
            try {
                const out = await this.repo(repo).diff(from, to, p);
                return GitInsightsServer.text(out || "(no differences)");
            }
            catch (err) {
                return GitInsightsServer.error(err);
            }
        });
    }
}
