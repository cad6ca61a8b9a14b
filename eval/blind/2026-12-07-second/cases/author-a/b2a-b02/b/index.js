#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { loadConfig } = require("./lib/config");
const { JiraClient } = require("./lib/jira");

const jira = new JiraClient(loadConfig());
const server = new McpServer({ name: "jira-lite", version: "1.3.0" });
const t = (text) => ({ content: [{ type: "text", text }] });

function adfToText(node) {
  if (!node) return "";
  if (node.type === "text") return node.text;
  return (node.content || []).map(adfToText).join(node.type === "paragraph" ? "" : "\n");
}

server.tool("jira_search", "Search issues with JQL.", { jql: z.string(), max: z.number().int().min(1).max(100).default(20) }, async ({ jql, max }) => {
  const { issues } = await jira.search(jql, max);
  return t(issues.map((i) => `${i.key} [${i.fields.status.name}] ${i.fields.summary} — ${i.fields.assignee ? i.fields.assignee.displayName : "unassigned"}`).join("\n") || "No issues.");
});

server.tool("jira_get_issue", "Read an issue with description and comments.", { key: z.string() }, async ({ key }) => {
  const i = await jira.issue(key);
  const comments = ((i.fields.comment && i.fields.comment.comments) || []).map((c) => `- ${c.author.displayName}: ${adfToText(c.body)}`);
  return t([`${i.key}: ${i.fields.summary}`, `Status: ${i.fields.status.name}`, "", adfToText(i.fields.description), "", "Comments:", ...comments].join("\n"));
});

server.tool("jira_comment", "Add a comment to an issue.", { key: z.string(), text: z.string().min(1) }, async ({ key, text }) => {
  await jira.comment(key, text);
  return t(`Comment added to ${key}`);
});

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e.message);
  process.exit(1);
});
