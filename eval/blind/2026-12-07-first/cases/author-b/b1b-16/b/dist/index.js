#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { createClient, parseRepo, formatIssue } from "./github.js";
import { needsReauth, missingScopes, reauthorize } from "./auth.js";
const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
if (!token) {
    console.error("Set GITHUB_TOKEN (a fine-grained or classic personal access token)");
    process.exit(1);
}
let gh = createClient(token);
const server = new McpServer({ name: "gh-issues", version: "2.1.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
let checked = false;
async function withGitHub(fn) {
    if (!checked) {
        checked = true;
        const missing = await missingScopes(gh).catch(() => []);
        if (missing.length) {
            const next = await reauthorize(server, `missing scopes: ${missing.join(", ")}`);
            if (next)
                gh = next;
        }
    }
    try {
        return await fn();
    }
    catch (e) {
        if (!needsReauth(e))
            throw e;
        const next = await reauthorize(server, `${e.status} ${e.message}`);
        if (!next)
            throw e;
        gh = next;
        return fn();
    }
}
const fail = (e) => ({ content: [{ type: "text", text: `GitHub error: ${e.status ?? ""} ${e.message}` }], isError: true });
server.tool("list_issues", "List open issues of a repository, optionally filtered by label.", { repo: z.string(), label: z.string().optional(), limit: z.number().int().max(100).default(30) }, async ({ repo, label, limit }) => {
    try {
        const { data } = await withGitHub(() => gh.issues.listForRepo({ ...parseRepo(repo), state: "open", labels: label, per_page: limit }));
        return text(data.filter((i) => !i.pull_request).map(formatIssue).join("\n") || "No open issues.");
    }
    catch (e) {
        return fail(e);
    }
});
server.tool("get_issue", "Read an issue with its comments.", { repo: z.string(), number: z.number().int() }, async ({ repo, number }) => {
    try {
        const r = parseRepo(repo);
        const [{ data: issue }, { data: comments }] = await withGitHub(() => Promise.all([
            gh.issues.get({ ...r, issue_number: number }),
            gh.issues.listComments({ ...r, issue_number: number, per_page: 50 }),
        ]));
        const body = [formatIssue(issue), "", issue.body ?? "", ...comments.map((c) => `\n--- ${c.user?.login} (${c.created_at})\n${c.body}`)];
        return text(body.join("\n"));
    }
    catch (e) {
        return fail(e);
    }
});
server.tool("label_issue", "Add labels to an issue.", { repo: z.string(), number: z.number().int(), labels: z.array(z.string()).min(1) }, async ({ repo, number, labels }) => {
    try {
        await withGitHub(() => gh.issues.addLabels({ ...parseRepo(repo), issue_number: number, labels }));
        return text(`Labelled #${number}: ${labels.join(", ")}`);
    }
    catch (e) {
        return fail(e);
    }
});
server.tool("comment_issue", "Post a comment on an issue or pull request.", { repo: z.string(), number: z.number().int(), body: z.string() }, async ({ repo, number, body }) => {
    try {
        const { data } = await withGitHub(() => gh.issues.createComment({ ...parseRepo(repo), issue_number: number, body }));
        return text(`Commented: ${data.html_url}`);
    }
    catch (e) {
        return fail(e);
    }
});
server.tool("close_issue", "Close an issue, optionally as not planned, with a closing comment.", { repo: z.string(), number: z.number().int(), reason: z.enum(["completed", "not_planned"]).default("completed"), comment: z.string().optional() }, async ({ repo, number, reason, comment }) => {
    try {
        const r = parseRepo(repo);
        await withGitHub(async () => {
            if (comment)
                await gh.issues.createComment({ ...r, issue_number: number, body: comment });
            await gh.issues.update({ ...r, issue_number: number, state: "closed", state_reason: reason });
        });
        return text(`Closed #${number} (${reason})`);
    }
    catch (e) {
        return fail(e);
    }
});
await server.connect(new StdioServerTransport());
