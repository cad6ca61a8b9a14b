#!/usr/bin/env node
'use strict';

const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
const { StdioServerTransport } = require('@modelcontextprotocol/sdk/server/stdio.js');
const { ListToolsRequestSchema, CallToolRequestSchema } = require('@modelcontextprotocol/sdk/types.js');
const { loadEvents, feedUrls } = require('./lib/feeds');
const { resolveLocale, resolveTimeZone, firstDayOfWeek, startOfDay, startOfWeek, formatter } = require('./lib/locale');

const DAY = 24 * 60 * 60 * 1000;
const LOCALE = resolveLocale();

function presenter(timeZone) {
  const timed = formatter(LOCALE, timeZone, false);
  const allDay = formatter(LOCALE, timeZone, true);
  return (e) => ({
    title: e.title || '(no title)',
    when: (e.allDay ? allDay : timed).format(e.start),
    start: e.allDay ? e.start.toISOString().slice(0, 10) : e.start.toISOString(),
    end: e.end ? (e.allDay ? e.end.toISOString().slice(0, 10) : e.end.toISOString()) : null,
    all_day: e.allDay,
    location: e.location || null,
    calendar: e.calendar,
  });
}

function between(events, from, to, timeZone) {
  const show = presenter(timeZone);
  return {
    time_zone: timeZone,
    locale: LOCALE,
    range: { from: from.toISOString(), to: to.toISOString() },
    events: events.filter((e) => (e.end || e.start) > from && e.start < to).map(show),
  };
}

const tzProp = {
  time_zone: { type: 'string', description: 'IANA time zone such as Europe/Lisbon; defaults to the user\'s zone' },
};

const tools = [
  {
    name: 'agenda_today',
    description: 'Events happening today in the user\'s time zone.',
    inputSchema: { type: 'object', properties: { ...tzProp } },
    async handler({ time_zone }) {
      const tz = resolveTimeZone(time_zone);
      const start = startOfDay(new Date(), tz);
      return between(await loadEvents(), start, startOfDay(new Date(+start + DAY + 2 * 3600 * 1000), tz), tz);
    },
  },
  {
    name: 'agenda_week',
    description: 'Events this calendar week (or a later week), using the first day of the week of the user\'s locale.',
    inputSchema: {
      type: 'object',
      properties: { ...tzProp, offset: { type: 'integer', minimum: 0, maximum: 12, default: 0, description: '0 = this week, 1 = next week, …' } },
    },
    async handler({ time_zone, offset = 0 }) {
      const tz = resolveTimeZone(time_zone);
      const first = startOfWeek(new Date(), tz, firstDayOfWeek(LOCALE));
      const from = startOfDay(new Date(+first + offset * 7 * DAY + 12 * 3600 * 1000), tz);
      const to = startOfDay(new Date(+from + 7 * DAY + 12 * 3600 * 1000), tz);
      return between(await loadEvents(), from, to, tz);
    },
  },
  {
    name: 'agenda_upcoming',
    description: 'Events in the next N days.',
    inputSchema: {
      type: 'object',
      properties: { ...tzProp, days: { type: 'integer', minimum: 1, maximum: 60, default: 7 } },
    },
    async handler({ time_zone, days = 7 }) {
      const now = new Date();
      return between(await loadEvents(), now, new Date(+now + days * DAY), resolveTimeZone(time_zone));
    },
  },
  {
    name: 'agenda_search',
    description: 'Find future events whose title, location or description contains the query.',
    inputSchema: {
      type: 'object',
      properties: { ...tzProp, query: { type: 'string', minLength: 2 } },
      required: ['query'],
    },
    async handler({ query, time_zone }) {
      const q = String(query).toLowerCase();
      const now = new Date();
      const show = presenter(resolveTimeZone(time_zone));
      return (await loadEvents())
        .filter((e) => e.start >= now)
        .filter((e) => [e.title, e.location, e.description].some((s) => s && s.toLowerCase().includes(q)))
        .slice(0, 50)
        .map(show);
    },
  },
];

const server = new Server({ name: 'ics-agenda', version: '0.5.0' }, { capabilities: { tools: {} } });

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

server.connect(new StdioServerTransport()).then(() => {
  console.error(`ics-agenda 0.5.0: locale ${LOCALE}, time zone ${resolveTimeZone()}`);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
