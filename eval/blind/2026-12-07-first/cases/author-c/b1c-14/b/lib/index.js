#!/usr/bin/env node
'use strict';

const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');
const { GiteaClient } = require('./gitea');
const pkg = require('../package.json');

const GITEA_URL = process.env.GITEA_URL;
const GITEA_TOKEN = process.env.GITEA_TOKEN || process.env.GITEA_ACCESS_TOKEN;
if (!GITEA_URL || !GITEA_TOKEN) {
  console.error('gitea-mcp-lite: GITEA_URL and GITEA_TOKEN are required');
  process.exit(1);
}

const parsed = new URL(GITEA_URL);
if (parsed.protocol === 'http:' && !['localhost', '127.0.0.1', '::1'].includes(parsed.hostname)) {
  console.error(`gitea-mcp-lite: warning: ${parsed.host} is plain HTTP; your token is sent unencrypted`);
}

const gitea = new GiteaClient(GITEA_URL, GITEA_TOKEN);
const server = new McpServer({ name: 'gitea-lite', version: pkg.version });
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

server.tool('list_pull_requests', 'List pull requests of a repository, most recently updated first.', { owner: name, repo: name, state: z.enum(['open', 'closed', 'all']).default('open'), limit: z.number().int().min(1).max(50).default(20) }, async ({ owner, repo, state, limit }) => {
  const pulls = await gitea.listPulls(owner, repo, state, limit);
  return reply(pulls.map((p) => ({ number: p.number, title: p.title, state: p.state, author: p.user && p.user.login, head: p.head && p.head.ref, base: p.base && p.base.ref, mergeable: p.mergeable })));
});

server.tool(
  'create_issue',
  'Open a new issue in a repository.',
  { owner: name, repo: name, title: z.string().min(1).max(255), body: z.string().default(''), labels: z.array(z.number().int()).optional().describe('Label IDs') },
  async ({ owner, repo, title, body, labels }) => {
    const issue = await gitea.createIssue(owner, repo, { title, body, labels });
    return reply({ number: issue.number, url: issue.html_url });
  }
);

server.tool(
  'comment_on_issue',
  'Add a comment to an issue or pull request.',
  { owner: name, repo: name, index: z.number().int().positive(), body: z.string().min(1) },
  async ({ owner, repo, index, body }) => {
    const c = await gitea.comment(owner, repo, index, body);
    return reply({ id: c.id, url: c.html_url });
  }
);

async function main() {
  try {
    const me = await gitea.whoami();
    console.error(`gitea-mcp-lite ${pkg.version}: connected to ${parsed.host} as ${me.login}`);
  } catch (err) {
    console.error(`gitea-mcp-lite: could not verify token against ${parsed.host}: ${err.message}`);
  }
  await server.connect(new StdioServerTransport());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
