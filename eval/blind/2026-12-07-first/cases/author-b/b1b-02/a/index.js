#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const {
  ListToolsRequestSchema,
  CallToolRequestSchema,
} = require("@modelcontextprotocol/sdk/types.js");
const axios = require("axios");

const VERSION = "0.9.4";
const HOST = process.env.JIRA_HOST;
const EMAIL = process.env.JIRA_EMAIL;
const TOKEN = process.env.JIRA_API_TOKEN;

if (!HOST || !EMAIL || !TOKEN) {
  console.error("JIRA_HOST, JIRA_EMAIL and JIRA_API_TOKEN must be set");
  process.exit(1);
}

const jira = axios.create({
  baseURL: `https://${HOST}/rest/api/3`,
  auth: { username: EMAIL, password: TOKEN },
  headers: { Accept: "application/json", "User-Agent": `jira-lite-mcp/${VERSION}` },
  timeout: 20000,
});

function adfToText(node) {
  if (!node) return "";
  if (node.type === "text") return node.text || "";
  const inner = (node.content || []).map(adfToText).join("");
  if (node.type === "paragraph" || node.type === "heading") return inner + "\n";
  if (node.type === "listItem") return "- " + inner;
  if (node.type === "hardBreak") return "\n";
  return inner;
}

function textToAdf(text) {
  return {
    type: "doc",
    version: 1,
    content: String(text)
      .split(/\n{2,}/)
      .map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] })),
  };
}

function summarizeIssue(issue) {
  const f = issue.fields || {};
  return [
    `${issue.key}: ${f.summary}`,
    `Status: ${f.status ? f.status.name : "?"} | Type: ${f.issuetype ? f.issuetype.name : "?"} | Priority: ${f.priority ? f.priority.name : "-"}`,
    `Assignee: ${f.assignee ? f.assignee.displayName : "unassigned"} | Reporter: ${f.reporter ? f.reporter.displayName : "?"}`,
    "",
    adfToText(f.description).trim(),
  ].join("\n");
}

const tools = [
  {
    name: "jira_search",
    description: "Search Jira issues with JQL. Returns key, summary and status.",
    inputSchema: {
      type: "object",
      properties: {
        jql: { type: "string", description: "JQL query" },
        maxResults: { type: "number", default: 20 },
      },
      required: ["jql"],
    },
  },
  {
    name: "jira_get_issue",
    description: "Get one Jira issue with its description and latest comments.",
    inputSchema: {
      type: "object",
      properties: { key: { type: "string", description: "Issue key, e.g. PROJ-123" } },
      required: ["key"],
    },
  },
  {
    name: "jira_add_comment",
    description: "Add a comment to a Jira issue.",
    inputSchema: {
      type: "object",
      properties: { key: { type: "string" }, body: { type: "string" } },
      required: ["key", "body"],
    },
  },
  {
    name: "jira_create_issue",
    description: "Create a Jira issue in a project.",
    inputSchema: {
      type: "object",
      properties: {
        project: { type: "string" },
        summary: { type: "string" },
        description: { type: "string" },
        issueType: { type: "string", default: "Task" },
      },
      required: ["project", "summary"],
    },
  },
];

async function call(name, args) {
  switch (name) {
    case "jira_search": {
      const { data } = await jira.get("/search", {
        params: { jql: args.jql, maxResults: args.maxResults || 20, fields: "summary,status" },
      });
      return data.issues.map((i) => `${i.key}\t${i.fields.status.name}\t${i.fields.summary}`).join("\n") || "No issues.";
    }
    case "jira_get_issue": {
      const { data } = await jira.get(`/issue/${encodeURIComponent(args.key)}`, {
        params: { fields: "summary,status,issuetype,priority,assignee,reporter,description,comment" },
      });
      const comments = ((data.fields.comment || {}).comments || [])
        .slice(-5)
        .map((c) => `— ${c.author.displayName}: ${adfToText(c.body).trim()}`);
      return summarizeIssue(data) + (comments.length ? "\n\nComments:\n" + comments.join("\n") : "");
    }
    case "jira_add_comment": {
      const { data } = await jira.post(`/issue/${encodeURIComponent(args.key)}/comment`, {
        body: textToAdf(args.body),
      });
      return `Comment ${data.id} added to ${args.key}`;
    }
    case "jira_create_issue": {
      const { data } = await jira.post("/issue", {
        fields: {
          project: { key: args.project },
          summary: args.summary,
          issuetype: { name: args.issueType || "Task" },
          description: args.description ? textToAdf(args.description) : undefined,
        },
      });
      return `Created ${data.key}`;
    }
    default:
      throw new Error(`Unknown tool ${name}`);
  }
}

const server = new Server({ name: "jira-lite", version: VERSION }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  try {
    const text = await call(req.params.name, req.params.arguments || {});
    return { content: [{ type: "text", text }] };
  } catch (err) {
    const msg = err.response ? `${err.response.status} ${JSON.stringify(err.response.data)}` : err.message;
    return { content: [{ type: "text", text: `Error: ${msg}` }], isError: true };
  }
});

server.connect(new StdioServerTransport()).then(() => console.error("jira-lite MCP server ready"));
