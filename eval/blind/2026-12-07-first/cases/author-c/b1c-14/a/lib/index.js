#!/usr/bin/env node
'use strict';

const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');
const { GiteaClient } = require('./gitea');

const { GITEA_URL, GITEA_TOKEN } = process.env;
if (!GITEA_URL || !GITEA_TOKEN) {
  console.error('gitea-mcp-lite: GITEA_URL and GITEA_TOKEN are required');
  process.exit(1);
}

const gitea = new GiteaClient(GITEA_URL, GITEA_TOKEN);
const server = new McpServer({ name: 'gitea-lite', version: '0.2.4' });
const name = z.string().regex(/^[A-Za-z0-9_.-]+$/);

function reply(data) {
  return { content: [{ type: 'text', text: JSON.stringify(data, null, 2) }] };
}

server.tool('list_repos', 'Search repositories on the Gitea instance.', { query: z.string().default(''), limit: z.number().int().min(1).max(50).default(20) }, async ({ query, limit }) => {
  const res = await gitea.listRepos(query, limit);
  return reply((res.data || []).map((r) => ({ full_name: r.full_name, description: r.description, stars: r.stars_count, updated: r.updated_at })));
});

server.tool('get_file', 'Read a file from a repository (decoded from base64).', { owner: name, repo: name, path: z.string(), ref: z.string().optional() }, async ({ owner, repo, path, ref }) => {
  const f = await gitea.getFile(owner, repo, path, ref);
  if (Array.isArray(f)) return reply(f.map((e) => `${e.type === 'dir' ? 'd' : '-'} ${e.path}`));
  return { content: [{ type: 'text', text: Buffer.from(f.content || '', 'base64').toString('utf8') }] };
});

server.tool('list_issues', 'List issues of a repository.', { owner: name, repo: name, state: z.enum(['open', 'closed', 'all']).default('open'), limit: z.number().int().min(1).max(50).default(20) }, async ({ owner, repo, state, limit }) => {
  const issues = await gitea.listIssues(owner, repo, state, limit);
  return reply(issues.map((i) => ({ number: i.number, title: i.title, state: i.state, author: i.user && i.user.login, labels: (i.labels || []).map((l) => l.name) })));
});

server.tool('get_issue', 'Get an issue with its body.', { owner: name, repo: name, index: z.number().int().positive() }, async ({ owner, repo, index }) => reply(await gitea.getIssue(owner, repo, index)));

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
