#!/usr/bin/env node
'use strict';

const dns = require('node:dns/promises');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');
const { classify } = require('./ip');
const { cloudProvider } = require('./cloud');
const RESOLVERS = require('../data/resolvers.json');

const server = new McpServer({ name: 'netinfo', version: '0.8.0' });
const out = (v) => ({ content: [{ type: 'text', text: JSON.stringify(v, null, 2) }] });
const fail = (e) => ({ isError: true, content: [{ type: 'text', text: `${e.code || 'Error'}: ${e.message}` }] });

const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'CAA'];
const RESOLVER_NAMES = Object.keys(RESOLVERS);

const resolverCache = new Map();
function resolverFor(name) {
  if (name === 'system') return dns;
  let r = resolverCache.get(name);
  if (!r) {
    r = new dns.Resolver({ timeout: 3000, tries: 2 });
    r.setServers(RESOLVERS[name].servers);
    resolverCache.set(name, r);
  }
  return r;
}

function normalise(records) {
  return JSON.stringify(
    records
      .map((r) => (typeof r === 'string' ? r : Array.isArray(r) ? r.join('') : JSON.stringify(r)))
      .sort()
  );
}

server.tool(
  'dns_lookup',
  'Resolve DNS records for a hostname, with the system resolver or a named public resolver.',
  {
    hostname: z.string().min(1).max(253),
    type: z.enum(RECORD_TYPES).default('A'),
    resolver: z.enum(RESOLVER_NAMES).default('system'),
  },
  async ({ hostname, type, resolver }) => {
    try {
      const records = await resolverFor(resolver).resolve(hostname, type);
      return out({ hostname, type, resolver: RESOLVERS[resolver].label, records });
    } catch (e) {
      return fail(e);
    }
  }
);

server.tool(
  'dns_propagation',
  'Query a record on every well-known public resolver and report whether they agree.',
  { hostname: z.string().min(1).max(253), type: z.enum(RECORD_TYPES).default('A') },
  async ({ hostname, type }) => {
    const results = await Promise.all(
      RESOLVER_NAMES.map(async (name) => {
        try {
          return { resolver: name, records: await resolverFor(name).resolve(hostname, type) };
        } catch (e) {
          return { resolver: name, error: e.code || e.message };
        }
      })
    );
    const distinct = new Set(results.filter((r) => r.records).map((r) => normalise(r.records)));
    return out({ hostname, type, consistent: distinct.size <= 1, results });
  }
);

server.tool('reverse_dns', 'Reverse (PTR) lookup for an IP address.', { ip: z.string().ip() }, async ({ ip }) => {
  try {
    return out({ ip, hostnames: await dns.reverse(ip) });
  } catch (e) {
    return fail(e);
  }
});

server.tool(
  'ip_info',
  'Classify an IP address: version, private/public, special-purpose ranges, and the cloud/CDN provider and region it belongs to (from a bundled snapshot).',
  { ip: z.string().ip() },
  async ({ ip }) => {
    try {
      const info = classify(ip);
      return out({ ...info, cloud: info.is_public ? cloudProvider(ip) : null });
    } catch (e) {
      return fail(e);
    }
  }
);

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e);
  process.exit(1);
});
