#!/usr/bin/env node
'use strict';

const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');
const { ShiplogApi } = require('./lib/api');
const pkg = require('./package.json');

const token = process.env.SHIPLOG_TOKEN;
const defaultProject = process.env.SHIPLOG_PROJECT;

if (!token) {
  console.error('[shiplog] SHIPLOG_TOKEN is required. Create one at https://shiplog.dev/settings/tokens');
  process.exit(1);
}

const api = new ShiplogApi(token, { version: pkg.version });
const server = new McpServer({ name: 'shiplog', version: pkg.version });

function resolveProject(project) {
  const p = project || defaultProject;
  if (!p) throw new Error('No project given and SHIPLOG_PROJECT is not set');
  return p;
}

function text(obj) {
  return { content: [{ type: 'text', text: typeof obj === 'string' ? obj : JSON.stringify(obj, null, 2) }] };
}

function wrap(fn) {
  return async (args) => {
    try {
      return text(await fn(args));
    } catch (err) {
      return { isError: true, content: [{ type: 'text', text: err.message }] };
    }
  };
}

const projectArg = z.string().optional().describe('Project slug; defaults to SHIPLOG_PROJECT');

server.tool(
  'list_entries',
  'List changelog entries of a Shiplog project, newest first.',
  {
    project: projectArg,
    status: z.enum(['draft', 'scheduled', 'published']).optional(),
    limit: z.number().int().min(1).max(100).optional(),
  },
  wrap(({ project, status, limit }) => api.listEntries(resolveProject(project), { status, limit }))
);

server.tool(
  'get_entry',
  'Get one changelog entry including its Markdown body.',
  { project: projectArg, id: z.string() },
  wrap(({ project, id }) => api.getEntry(resolveProject(project), id))
);

server.tool(
  'draft_entry',
  'Create a draft changelog entry. Drafts are not visible to readers until published.',
  {
    project: projectArg,
    title: z.string().min(3).max(140),
    body: z.string().describe('Markdown'),
    tags: z.array(z.enum(['new', 'improved', 'fixed', 'security', 'deprecated'])).optional(),
  },
  wrap(({ project, title, body, tags }) => api.createDraft(resolveProject(project), { title, body, tags }))
);

server.tool(
  'publish_entry',
  'Publish a draft entry so it appears on the public changelog.',
  { project: projectArg, id: z.string() },
  wrap(({ project, id }) => api.publish(resolveProject(project), id))
);

server
  .connect(new StdioServerTransport())
  .then(() => console.error(`[shiplog] mcp-server-shiplog ${pkg.version} ready`))
  .catch((err) => {
    console.error('[shiplog] failed to start:', err);
    process.exit(1);
  });
