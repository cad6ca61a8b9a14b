import { Octokit } from "@octokit/rest";
export function createClient(token, baseUrl) {
    return new Octokit({ auth: token, userAgent: "gh-issues-mcp/2.1.0", ...(baseUrl ? { baseUrl } : {}) });
}
export function parseRepo(full) {
    const m = /^([\w.-]+)\/([\w.-]+)$/.exec(full.trim());
    if (!m)
        throw new Error(`expected owner/repo, got "${full}"`);
    return { owner: m[1], repo: m[2] };
}
export function formatIssue(i) {
    const labels = (i.labels ?? []).map((l) => (typeof l === "string" ? l : l.name)).filter(Boolean);
    return `#${i.number} ${i.title} [${i.state}]${labels.length ? " {" + labels.join(", ") + "}" : ""}${i.assignee ? " @" + i.assignee.login : ""}`;
}
