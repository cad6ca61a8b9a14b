import { z } from "zod";
import { splitRepo } from "./github.js";
const out = (v) => ({ content: [{ type: "text", text: typeof v === "string" ? v : JSON.stringify(v, null, 2) }] });
export function registerTriageTools(server, gh) {
    server.registerTool("list_untriaged", {
        description: "List open issues in a repo that have no labels and no assignee.",
        inputSchema: { repo: z.string().describe("owner/repo"), limit: z.number().int().max(100).default(30) },
    }, async ({ repo, limit }) => {
        const { owner, repo: name } = splitRepo(repo);
        const { data } = await gh.issues.listForRepo({ owner, repo: name, state: "open", per_page: 100 });
        const items = data
            .filter((i) => !i.pull_request && i.labels.length === 0 && !i.assignee)
            .slice(0, limit)
            .map((i) => ({ number: i.number, title: i.title, author: i.user?.login, created: i.created_at }));
        return out(items);
    });
    server.registerTool("label_issue", {
        description: "Add labels to an issue or pull request.",
        inputSchema: { repo: z.string(), number: z.number().int(), labels: z.array(z.string()).min(1) },
    }, async ({ repo, number, labels }) => {
        const { owner, repo: name } = splitRepo(repo);
        const { data } = await gh.issues.addLabels({ owner, repo: name, issue_number: number, labels });
        return out(data.map((l) => l.name));
    });
    server.registerTool("assign_issue", {
        description: "Assign users to an issue or pull request.",
        inputSchema: { repo: z.string(), number: z.number().int(), assignees: z.array(z.string()).min(1) },
    }, async ({ repo, number, assignees }) => {
        const { owner, repo: name } = splitRepo(repo);
        await gh.issues.addAssignees({ owner, repo: name, issue_number: number, assignees });
        return out(`Assigned ${assignees.join(", ")} to #${number}`);
    });
    server.registerTool("comment", {
        description: "Post a comment on an issue or pull request.",
        inputSchema: { repo: z.string(), number: z.number().int(), body: z.string() },
    }, async ({ repo, number, body }) => {
        const { owner, repo: name } = splitRepo(repo);
        const { data } = await gh.issues.createComment({ owner, repo: name, issue_number: number, body });
        return out(data.html_url);
    });
    server.registerTool("pr_status", {
        description: "Summarise a pull request: mergeability, reviews and check runs.",
        inputSchema: { repo: z.string(), number: z.number().int() },
    }, async ({ repo, number }) => {
        const { owner, repo: name } = splitRepo(repo);
        const { data: pr } = await gh.pulls.get({ owner, repo: name, pull_number: number });
        const { data: reviews } = await gh.pulls.listReviews({ owner, repo: name, pull_number: number });
        const { data: checks } = await gh.checks.listForRef({ owner, repo: name, ref: pr.head.sha });
        return out({
            title: pr.title,
            state: pr.state,
            draft: pr.draft,
            mergeable: pr.mergeable_state,
            reviews: reviews.map((r) => `${r.user?.login}: ${r.state}`),
            checks: checks.check_runs.map((c) => `${c.name}: ${c.conclusion ?? c.status}`),
        });
    });
}
