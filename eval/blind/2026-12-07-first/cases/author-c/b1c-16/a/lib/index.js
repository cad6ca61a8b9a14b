#!/usr/bin/env node
'use strict';

const dns = require('node:dns/promises');
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { z } = require('zod');
const { classify } = require('./ip');

const server = new McpServer({ name: 'netinfo', version: '0.7.3' });
const out = (v) => ({ content: [{ type: 'text', text: JSON.stringify(v, null, 2) }] });
const fail = (e) => ({ isError: true, content: [{ type: 'text', text: `${e.code || 'Error'}: ${e.message}` }] });

const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'CAA'];

server.tool(
  'dns_lookup',
  'Resolve DNS records for a hostname.',
  { hostname: z.string().min(1).max(253), type: z.enum(RECORD_TYPES).default('A') },
  async ({ hostname, type }) => {
    try {
      return out({ hostname, type, records: await dns.resolve(hostname, type) });
    } catch (e) {
      return fail(e);
    }
  }
);

server.tool('reverse_dns', 'Reverse (PTR) lookup for an IP address.', { ip: z.string().ip() }, async ({ ip }) => {
  try {
    return out({ ip, hostnames: await dns.reverse(ip) });
  } catch (e) {
    return fail(e);
  }
});

server.tool('ip_info', 'Classify an IP address: version, private/public, special-purpose ranges.', { ip: z.string().ip() }, async ({ ip }) => {
  try {
    return out(classify(ip));
  } catch (e) {
    return fail(e);
  }
});

server.connect(new StdioServerTransport()).catch((e) => {
  console.error(e);
  process.exit(1);
});
