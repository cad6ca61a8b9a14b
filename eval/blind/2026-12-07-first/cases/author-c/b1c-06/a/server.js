#!/usr/bin/env node
'use strict';

const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { ListToolsRequestSchema, CallToolRequestSchema } = require('@modelcontextprotocol/sdk/types.js');
const { loadEvents, feedUrls } = require('./lib/feeds');

const DAY = 24 * 60 * 60 * 1000;

function show(e) {
  return {
    title: e.title || '(no title)',
    start: e.allDay ? e.start.toISOString().slice(0, 10) : e.start.toISOString(),
    end: e.end ? (e.allDay ? e.end.toISOString().slice(0, 10) : e.end.toISOString()) : null,
    all_day: e.allDay,
    location: e.location || null,
    calendar: e.calendar,
  };
}

function between(events, from, to) {
  return events.filter((e) => e.start >= from && e.start < to).map(show);
}

const tools = [
  {
    name: 'agenda_today',
    description: 'Events that start today (UTC).',
    inputSchema: { type: 'object', properties: {} },
    async handler() {
      const now = new Date();
      const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      return between(await loadEvents(), start, new Date(+start + DAY));
    },
  },
  {
    name: 'agenda_upcoming',
    description: 'Events in the next N days.',
    inputSchema: {
      type: 'object',
      properties: { days: { type: 'integer', minimum: 1, maximum: 60, default: 7 } },
    },
    async handler({ days = 7 }) {
      const now = new Date();
      return between(await loadEvents(), now, new Date(+now + days * DAY));
    },
  },
  {
    name: 'agenda_search',
    description: 'Find future events whose title, location or description contains the query.',
    inputSchema: {
      type: 'object',
      properties: { query: { type: 'string', minLength: 2 } },
      required: ['query'],
    },
    async handler({ query }) {
      const q = String(query).toLowerCase();
      const now = new Date();
      return (await loadEvents())
        .filter((e) => e.start >= now)
        .filter((e) => [e.title, e.location, e.description].some((s) => s && s.toLowerCase().includes(q)))
        .slice(0, 50)
        .map(show);
    },
  },
];

const server = new Server({ name: 'ics-agenda', version: '0.4.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
}));

server.setRequestHandler(CallToolRequestSchema, async (req) => {
  const tool = tools.find((t) => t.name === req.params.name);
  if (!tool) return { isError: true, content: [{ type: 'text', text: `Unknown tool ${req.params.name}` }] };
  try {
    const result = await tool.handler(req.params.arguments || {});
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }] };
  } catch (err) {
    return { isError: true, content: [{ type: 'text', text: err.message }] };
  }
});

if (feedUrls().length === 0) {
  console.error('ics-agenda: set AGENDA_ICS_URL to one or more comma-separated .ics URLs');
  process.exit(1);
}

server.connect(new StdioServerTransport()).catch((err) => {
  console.error(err);
  process.exit(1);
});
