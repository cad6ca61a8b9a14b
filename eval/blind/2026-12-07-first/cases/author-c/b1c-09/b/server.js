#!/usr/bin/env node
'use strict';

const fs = require('node:fs/promises');
const path = require('node:path');
const { minimatch } = require('minimatch');
const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { ListToolsRequestSchema, CallToolRequestSchema } = require('@modelcontextprotocol/sdk/types.js');
const { normaliseRoots, resolveInside } = require('./paths');

const VERSION = '2.2.0';

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
  {
    name: 'create_directory',
    description: 'Create a directory (and missing parents) inside the allowed directories.',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  },
  {
    name: 'move_file',
    description: 'Move or rename a file or directory. Both paths must be inside the allowed directories; fails if the destination exists.',
    inputSchema: {
      type: 'object',
      properties: { source: { type: 'string' }, destination: { type: 'string' } },
      required: ['source', 'destination'],
    },
    annotations: { readOnlyHint: false, destructiveHint: true },
  },
  {
    name: 'delete_file',
    description:
      'Delete a file or an empty directory inside the allowed directories. Set recursive to true to delete a ' +
      'non-empty directory. Only use when the user asked for something to be deleted.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        recursive: { type: 'boolean', default: false, description: 'Required to delete a non-empty directory' },
      },
      required: ['path'],
    },
    annotations: { readOnlyHint: false, destructiveHint: true },
  },
];

const WRITE_TOOLS = new Set(['write_file', 'create_directory', 'move_file', 'delete_file']);

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
    async create_directory({ path: p }) {
      const dir = await resolveInside(roots, p);
      await fs.mkdir(dir, { recursive: true });
      return `Created ${dir}`;
    },
    async move_file({ source, destination }) {
      const from = await resolveInside(roots, source);
      const to = await resolveInside(roots, destination);
      if (roots.includes(from)) throw new Error('Refusing to move an allowed root directory');
      const exists = await fs.lstat(to).then(() => true, () => false);
      if (exists) throw new Error(`Destination ${to} already exists`);
      await fs.rename(from, to);
      return `Moved ${from} -> ${to}`;
    },
    async delete_file({ path: p, recursive = false }) {
      const target = await resolveInside(roots, p);
      if (roots.includes(target)) throw new Error('Refusing to delete an allowed root directory');
      const st = await fs.lstat(target);
      if (st.isDirectory()) {
        if (recursive) {
          await fs.rm(target, { recursive: true });
        } else {
          await fs.rmdir(target).catch((err) => {
            if (err.code === 'ENOTEMPTY' || err.code === 'EEXIST') {
              throw new Error(`${target} is not empty; pass recursive: true to delete it with its contents`);
            }
            throw err;
          });
        }
        return `Deleted directory ${target}`;
      }
      await fs.unlink(target);
      return `Deleted ${target}`;
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
  const argv = process.argv.slice(2);
  const readOnly = argv.includes('--read-only');
  const args = argv.filter((a) => a !== '--read-only');
  if (args.length === 0) {
    console.error('Usage: mcp-fs-sandbox [--read-only] <allowed-dir> [more-dirs...]');
    process.exit(2);
  }
  const roots = await normaliseRoots(args);
  const handlers = makeHandlers(roots);
  const tools = readOnly ? TOOL_DEFS.filter((t) => !WRITE_TOOLS.has(t.name)) : TOOL_DEFS;

  const server = new Server({ name: 'fs-sandbox', version: VERSION }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    const handler = tools.some((t) => t.name === params.name) ? handlers[params.name] : undefined;
    if (!handler) return { isError: true, content: [{ type: 'text', text: `Unknown tool ${params.name}` }] };
    try {
      return { content: [{ type: 'text', text: await handler(params.arguments || {}) }] };
    } catch (err) {
      return { isError: true, content: [{ type: 'text', text: err.message }] };
    }
  });
  await server.connect(new StdioServerTransport());
  console.error(`fs-sandbox ${VERSION}: serving ${roots.join(', ')}${readOnly ? ' (read-only)' : ''}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
