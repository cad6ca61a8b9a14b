import got from "got";
import { git, remoteUrl, currentBranch } from "./git.js";
let cached;
/**
 * Resolve GitHub credentials the same way `git push` would: env first,
 * then whatever credential helper (osxkeychain, manager, store) git uses.
 */
export async function resolveCredential(cwd) {
    if (cached)
        return cached;
    if (process.env.GITHUB_TOKEN) {
        cached = { username: "x-access-token", password: process.env.GITHUB_TOKEN };
        return cached;
    }
    const out = await git(cwd, ["credential", "fill"], "protocol=https\nhost=github.com\n\n");
    const fields = Object.fromEntries(out
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    cached = { username: fields.username, password: fields.password };
    return cached;
}
function parseSlug(url) {
    const m = url.match(/github\.com[:/]([^/]+)\/(.+?)(\.git)?$/);
    if (!m)
        throw new Error(`origin is not a GitHub remote: ${url}`);
    return { owner: m[1], repo: m[2] };
}
export async function openPullRequest(cwd, { title, body, base = "main", draft = false }) {
    const { owner, repo } = parseSlug(await remoteUrl(cwd));
    const head = await currentBranch(cwd);
    const cred = await resolveCredential(cwd);
    const pr = await got
        .post(`https://api.github.com/repos/${owner}/${repo}/pulls`, {
        headers: {
            authorization: `Bearer ${cred.password}`,
            accept: "application/vnd.github+json",
            "x-github-api-version": "2022-11-28",
        },
        json: { title, body, head, base, draft },
    })
        .json();
    return pr.html_url;
}
