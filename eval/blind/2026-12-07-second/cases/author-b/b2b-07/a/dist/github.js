import { Octokit } from "@octokit/rest";
export function createClient(token) {
    return new Octokit({
        auth: token,
        userAgent: "mcp-github-triage/2.3.1",
        request: { timeout: 20_000 },
    });
}
export function splitRepo(full) {
    const [owner, repo] = full.split("/");
    if (!owner || !repo)
        throw new Error(`Expected owner/repo, got "${full}"`);
    return { owner, repo };
}
