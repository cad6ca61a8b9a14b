#!/usr/bin/env node
'use strict';

const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');
const { ShiplogApi, API_BASE } = require('./lib/api');
const { loadSettings, cliConfigPath } = require('./lib/config');
const pkg = require('./package.json');

let settings;
try {
  settings = loadSettings();
} catch (err) {
  console.error(`[shiplog] ${err.message}`);
  process.exit(1);
}

if (!settings.token) {
  console.error(
    '[shiplog] No token found. Set SHIPLOG_TOKEN or run `shiplog login` ' +
      `(looked in ${cliConfigPath()}). Create tokens at https://shiplog.dev/settings/tokens`
  );
  process.exit(1);
}

const api = new ShiplogApi(settings.token, { base: settings.apiBase || API_BASE, version: pkg.version });
const server = new McpServer({ name: 'shiplog', version: pkg.version });

function resolveProject(project) {
  const p = project || settings.project;
  if (!p) throw new Error('No project given and no default project configured (SHIPLOG_PROJECT or `shiplog use <project>`)');
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

const projectArg = z.string().optional().describe('Project slug; defaults to the configured project');
const tagEnum = z.enum(['new', 'improved', 'fixed', 'security', 'deprecated']);

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
    tags: z.array(tagEnum).optional(),
  },
  wrap(({ project, title, body, tags }) => api.createDraft(resolveProject(project), { title, body, tags }))
);

server.tool(
  'update_entry',
  'Edit the title, body or tags of an existing entry (draft or published).',
  {
    project: projectArg,
    id: z.string(),
    title: z.string().min(3).max(140).optional(),
    body: z.string().optional(),
    tags: z.array(tagEnum).optional(),
  },
  wrap(({ project, id, ...patch }) => api.updateEntry(resolveProject(project), id, patch))
);

server.tool(
  'publish_entry',
  'Publish a draft entry so it appears on the public changelog, now or at a scheduled time.',
  {
    project: projectArg,
    id: z.string(),
    publish_at: z.string().datetime().optional().describe('ISO 8601 time to schedule publication'),
  },
  wrap(({ project, id, publish_at }) => api.publish(resolveProject(project), id, { publishAt: publish_at }))
);

server
  .connect(new StdioServerTransport())
  .then(() =>
    console.error(`[shiplog] mcp-server-shiplog ${pkg.version} ready (token from ${settings.tokenSource})`)
  )
  .catch((err) => {
    console.error('[shiplog] failed to start:', err);
    process.exit(1);
  });
