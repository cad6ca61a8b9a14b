import { Octokit } from "@octokit/rest";
import { withReliability } from "./lib/octokit-hooks.js";
export function createClient(token) {
    return withReliability(new Octokit({
        auth: token,
        userAgent: "mcp-github-triage/2.4.0",
        request: { timeout: 20_000 },
    }));
}
export function splitRepo(full) {
    const [owner, repo] = full.split("/");
    if (!owner || !repo)
        throw new Error(`Expected owner/repo, got "${full}"`);
    return { owner, repo };
}
