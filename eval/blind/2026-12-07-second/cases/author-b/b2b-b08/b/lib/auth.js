"use strict";

const { execFileSync } = require("node:child_process");

// Token resolution order: GITHUB_TOKEN, GH_TOKEN, then the GitHub CLI's stored
// login (`gh auth token`), so users who already ran `gh auth login` get
// authenticated limits without pasting a token into their MCP config.
// Set MCP_GH_RELEASES_NO_GH_CLI=1 to skip the CLI lookup.
function resolveToken() {
  if (process.env.GITHUB_TOKEN) return { token: process.env.GITHUB_TOKEN, source: "GITHUB_TOKEN" };
  if (process.env.GH_TOKEN) return { token: process.env.GH_TOKEN, source: "GH_TOKEN" };
  if (process.env.MCP_GH_RELEASES_NO_GH_CLI === "1") return { token: undefined, source: "none" };
  try {
    const token = execFileSync("gh", ["auth", "token", "--hostname", "github.com"], {
      encoding: "utf8",
      timeout: 5000,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    if (/^(gh[opsu]_|github_pat_)[A-Za-z0-9_]+$/.test(token)) return { token, source: "gh auth token" };
  } catch {
    // gh not installed or not logged in
  }
  return { token: undefined, source: "none" };
}

module.exports = { resolveToken };
