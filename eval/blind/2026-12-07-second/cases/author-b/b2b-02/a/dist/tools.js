import { z } from "zod";
import { TrackwiseApiError } from "./client.js";
function ok(data) {
    return { content: [{ type: "text", text: JSON.stringify(data, null, 2) }] };
}
function fail(err) {
    const msg = err instanceof TrackwiseApiError
        ? `${err.message}\n${err.body.slice(0, 500)}`
        : String(err?.message ?? err);
    return { isError: true, content: [{ type: "text", text: msg }] };
}
function wrap(fn) {
    return async (args) => {
        try {
            return ok(await fn(args));
        }
        catch (err) {
            return fail(err);
        }
    };
}
export function registerTools(server, client) {
    server.registerTool("search_issues", {
        title: "Search issues",
        description: "Search issues with Trackwise query syntax (e.g. `status:open assignee:me label:bug`).",
        inputSchema: {
            query: z.string(),
            project: z.string().optional(),
            limit: z.number().int().min(1).max(100).default(25),
        },
    }, wrap(({ query, project, limit }) => client.request("GET", "/issues/search", undefined, { q: query, project, limit })));
    server.registerTool("get_issue", {
        title: "Get issue",
        description: "Fetch an issue by key, e.g. WEB-142, including description and recent comments.",
        inputSchema: { key: z.string() },
    }, wrap(({ key }) => client.request("GET", `/issues/${encodeURIComponent(key)}`, undefined, { expand: "comments" })));
    server.registerTool("create_issue", {
        title: "Create issue",
        description: "Create a new issue in a project.",
        inputSchema: {
            project: z.string(),
            title: z.string(),
            description: z.string().optional(),
            labels: z.array(z.string()).optional(),
            assignee: z.string().optional(),
            priority: z.enum(["none", "low", "medium", "high", "urgent"]).optional(),
        },
    }, wrap((args) => client.request("POST", "/issues", args)));
    server.registerTool("update_issue", {
        title: "Update issue",
        description: "Update fields of an existing issue.",
        inputSchema: {
            key: z.string(),
            title: z.string().optional(),
            description: z.string().optional(),
            status: z.string().optional(),
            assignee: z.string().optional(),
            labels: z.array(z.string()).optional(),
        },
    }, wrap(({ key, ...patch }) => client.request("PATCH", `/issues/${encodeURIComponent(key)}`, patch)));
    server.registerTool("add_comment", {
        title: "Add comment",
        description: "Add a Markdown comment to an issue.",
        inputSchema: { key: z.string(), body: z.string() },
    }, wrap(({ key, body }) => client.request("POST", `/issues/${encodeURIComponent(key)}/comments`, { body })));
    server.registerTool("list_projects", {
        title: "List projects",
        description: "List projects visible to the token.",
        inputSchema: {},
    }, wrap(() => client.request("GET", "/projects")));
}
