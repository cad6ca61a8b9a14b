"use strict";

const { Octokit } = require("@octokit/rest");
const pkg = require("../package.json");

function createClient() {
  const auth = process.env.GITHUB_TOKEN || process.env.GITHUB_PERSONAL_ACCESS_TOKEN;
  if (!auth) throw new Error("Set GITHUB_TOKEN (a token with repo or issues:write scope)");
  return new Octokit({
    auth,
    userAgent: `${pkg.name}/${pkg.version}`,
    baseUrl: process.env.GITHUB_API_URL || "https://api.github.com",
  });
}

function shortIssue(i) {
  const labels = (i.labels || []).map((l) => (typeof l === "string" ? l : l.name)).join(", ");
  return `#${i.number} ${i.title} [${i.state}]${labels ? ` (${labels})` : ""} — ${i.user && i.user.login}`;
}

module.exports = { createClient, shortIssue };
