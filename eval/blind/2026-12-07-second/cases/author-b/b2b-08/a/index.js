#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const git = require("./lib/git");
const pkg = require("./package.json");

const server = new McpServer({ name: "changelog", version: pkg.version });

server.tool(
  "list_tags",
  "List git tags of a repository, newest first.",
  { repo_path: z.string().describe("Absolute path of the git repository") },
  async ({ repo_path }) => ({ content: [{ type: "text", text: (await git.tags(repo_path)).join("\n") || "(no tags)" }] })
);

server.tool(
  "generate_changelog",
  "Generate a Markdown changelog section from conventional commits between two refs.",
  {
    repo_path: z.string(),
    from: z.string().optional().describe("Start ref (exclusive); defaults to the latest tag"),
    to: z.string().default("HEAD"),
    version: z.string().default("Unreleased"),
    include_other: z.boolean().default(false),
  },
  async ({ repo_path, from, to, version, include_other }) => {
    if (!from) from = (await git.tags(repo_path))[0];
    const list = await git.commits(repo_path, from, to);
    const md = git.toMarkdown(version, git.classify(list), { includeOther: include_other });
    return { content: [{ type: "text", text: md }] };
  }
);

server.tool(
  "suggest_version",
  "Suggest the next semver version from commits since the latest tag.",
  { repo_path: z.string() },
  async ({ repo_path }) => {
    const [latest] = await git.tags(repo_path);
    const g = git.classify(await git.commits(repo_path, latest));
    const [maj, min, pat] = (latest || "v0.0.0").replace(/^v/, "").split(".").map(Number);
    const next = g.breaking.length ? `${maj + 1}.0.0` : g.feat.length ? `${maj}.${min + 1}.0` : `${maj}.${min}.${pat + 1}`;
    return { content: [{ type: "text", text: `latest: ${latest || "none"}\nsuggested: v${next}` }] };
  }
);

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e);
  process.exit(1);
});
