#!/usr/bin/env node
'use strict';

const fs = require('node:fs/promises');
const path = require('node:path');
const { minimatch } = require('minimatch');
const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { ListToolsRequestSchema, CallToolRequestSchema } = require('@modelcontextprotocol/sdk/types.js');
const { normaliseRoots, resolveInside } = require('./paths');

const MAX_READ = 1024 * 1024;

const TOOL_DEFS = [
  {
    name: 'read_file',
    description: 'Read a UTF-8 text file inside the allowed directories (max 1 MiB).',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'write_file',
    description: 'Create or overwrite a text file inside the allowed directories.',
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
    },
    annotations: { readOnlyHint: false, destructiveHint: true },
  },
  {
    name: 'list_directory',
    description: 'List entries of a directory, marking sub-directories with a trailing /.',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'find_files',
    description: 'Recursively find files matching a glob pattern under a directory.',
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string' }, pattern: { type: 'string' } },
      required: ['path', 'pattern'],
    },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'file_info',
    description: 'Size, type and timestamps of a file or directory.',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    annotations: { readOnlyHint: true },
  },
];

async function walk(dir, root, pattern, out, limit) {
  for (const ent of await fs.readdir(dir, { withFileTypes: true })) {
    if (out.length >= limit) return;
    const full = path.join(dir, ent.name);
    if (ent.isDirectory()) {
      if (ent.name === 'node_modules' || ent.name === '.git') continue;
      await walk(full, root, pattern, out, limit);
    } else if (minimatch(path.relative(root, full), pattern, { dot: false })) {
      out.push(full);
    }
  }
}

function makeHandlers(roots) {
  return {
    async read_file({ path: p }) {
      const file = await resolveInside(roots, p);
      const st = await fs.stat(file);
      if (st.size > MAX_READ) throw new Error(`File is ${st.size} bytes; the limit is ${MAX_READ}`);
      return fs.readFile(file, 'utf8');
    },
    async write_file({ path: p, content }) {
      const file = await resolveInside(roots, p);
      await fs.writeFile(file, content, 'utf8');
      return `Wrote ${Buffer.byteLength(content)} bytes to ${file}`;
    },
    async list_directory({ path: p }) {
      const dir = await resolveInside(roots, p);
      const entries = await fs.readdir(dir, { withFileTypes: true });
      return entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort().join('\n') || '(empty)';
    },
    async find_files({ path: p, pattern }) {
      const dir = await resolveInside(roots, p);
      const out = [];
      await walk(dir, dir, pattern, out, 500);
      return out.join('\n') || '(no matches)';
    },
    async file_info({ path: p }) {
      const file = await resolveInside(roots, p);
      const st = await fs.stat(file);
      return JSON.stringify({
        path: file,
        type: st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other',
        size: st.size,
        modified: st.mtime.toISOString(),
        created: st.birthtime.toISOString(),
      }, null, 2);
    },
  };
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error('Usage: mcp-fs-sandbox <allowed-dir> [more-dirs...]');
    process.exit(2);
  }
  const roots = await normaliseRoots(args);
  const handlers = makeHandlers(roots);

  const server = new Server({ name: 'fs-sandbox', version: '2.1.1' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOL_DEFS }));
  server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    const handler = handlers[params.name];
    if (!handler) return { isError: true, content: [{ type: 'text', text: `Unknown tool ${params.name}` }] };
    try {
      return { content: [{ type: 'text', text: await handler(params.arguments || {}) }] };
    } catch (err) {
      return { isError: true, content: [{ type: 'text', text: err.message }] };
    }
  });
  await server.connect(new StdioServerTransport());
  console.error(`fs-sandbox: serving ${roots.join(', ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
