#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { createClient, shortIssue } = require("./lib/github");
const { reportAuthFailure } = require("./lib/diagnostics");
const pkg = require("./package.json");

const gh = createClient();
const server = new McpServer({ name: "github-triage", version: pkg.version });
const Repo = { owner: z.string(), repo: z.string() };

function wrap(fn, name) {
  return async (args) => {
    try {
      return { content: [{ type: "text", text: await fn(args) }] };
    } catch (err) {
      await reportAuthFailure(gh, err, name);
      return { content: [{ type: "text", text: `GitHub error${err.status ? ` ${err.status}` : ""}: ${err.message}` }], isError: true };
    }
  };
}

server.tool("list_issues", "List open issues, optionally filtered by label.", { ...Repo, label: z.string().optional(), limit: z.number().int().min(1).max(100).default(30) },
  wrap(async ({ owner, repo, label, limit }) => {
    const { data } = await gh.rest.issues.listForRepo({ owner, repo, state: "open", labels: label, per_page: limit });
    return data.filter((i) => !i.pull_request).map(shortIssue).join("\n") || "No open issues.";
  }, "list_issues"));

server.tool("create_issue", "Open a new issue, optionally with labels and assignees.", { ...Repo, title: z.string().min(3), body: z.string().default(""), labels: z.array(z.string()).optional(), assignees: z.array(z.string()).optional() },
  wrap(async ({ owner, repo, title, body, labels, assignees }) => {
    const { data } = await gh.rest.issues.create({ owner, repo, title, body, labels, assignees });
    return `Created ${data.html_url}`;
  }, "create_issue"));

server.tool("comment_issue", "Add a comment to an issue or pull request.", { ...Repo, number: z.number().int(), body: z.string().min(1) },
  wrap(async ({ owner, repo, number, body }) => {
    const { data } = await gh.rest.issues.createComment({ owner, repo, issue_number: number, body });
    return `Commented: ${data.html_url}`;
  }, "comment_issue"));

server.tool("label_issue", "Add labels to an issue.", { ...Repo, number: z.number().int(), labels: z.array(z.string()).min(1) },
  wrap(async ({ owner, repo, number, labels }) => {
    await gh.rest.issues.addLabels({ owner, repo, issue_number: number, labels });
    return `Labelled #${number} with ${labels.join(", ")}`;
  }, "label_issue"));

server.tool("close_issue", "Close an issue with an optional reason.", { ...Repo, number: z.number().int(), reason: z.enum(["completed", "not_planned"]).default("completed") },
  wrap(async ({ owner, repo, number, reason }) => {
    await gh.rest.issues.update({ owner, repo, issue_number: number, state: "closed", state_reason: reason });
    return `Closed #${number} (${reason})`;
  }, "close_issue"));

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
