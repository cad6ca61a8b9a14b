import { Octokit } from "@octokit/rest";

export function createClient() {
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
  if (!token) throw new Error("Set GITHUB_TOKEN (a fine-grained or classic PAT)");
  return new Octokit({ auth: token, userAgent: "repopilot-github-mcp" });
}

export async function listRepos(gh, { visibility = "all", limit = 30 } = {}) {
  const { data } = await gh.repos.listForAuthenticatedUser({
    visibility,
    sort: "pushed",
    per_page: Math.min(limit, 100),
  });
  return data;
}

export async function getFile(gh, owner, repo, path, ref) {
  const { data } = await gh.repos.getContent({ owner, repo, path, ref });
  if (Array.isArray(data)) return data.map((e) => `${e.type === "dir" ? "d" : "-"} ${e.path}`).join("\n");
  if (data.type !== "file") throw new Error(`${path} is a ${data.type}`);
  return Buffer.from(data.content, "base64").toString("utf8");
}

export async function createIssue(gh, owner, repo, title, body, labels) {
  const { data } = await gh.issues.create({ owner, repo, title, body, labels });
  return data;
}

export async function listPulls(gh, owner, repo, state = "open") {
  const { data } = await gh.pulls.list({ owner, repo, state, per_page: 30 });
  return data;
}
