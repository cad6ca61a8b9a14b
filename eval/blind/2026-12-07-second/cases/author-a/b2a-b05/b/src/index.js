#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { eventsBetween } from "./calendar.js";
import { formatDate, formatTime, startOfWeek, timeZone } from "./locale.js";

const server = new McpServer({ name: "ics-calendar", version: "0.10.0" });

function fmt(ev) {
  const when = ev.allDay ? `${formatDate(ev.start)} (all day)` : `${formatDate(ev.start)} ${formatTime(ev.start)} – ${formatTime(ev.end)}`;
  return `- ${when}: ${ev.summary}${ev.location ? ` @ ${ev.location}` : ""}`;
}

server.tool("calendar_agenda", "Events in the next N days.", { days: z.number().int().min(1).max(60).default(7) }, async ({ days }) => {
  const from = new Date();
  const to = new Date(from.getTime() + days * 86400000);
  const events = await eventsBetween(from, to);
  return { content: [{ type: "text", text: events.map(fmt).join("\n") || "Nothing scheduled." }] };
});

server.tool("calendar_range", "Events between two ISO dates.", { from: z.string(), to: z.string() }, async ({ from, to }) => {
  const events = await eventsBetween(new Date(from), new Date(to));
  return { content: [{ type: "text", text: events.map(fmt).join("\n") || "Nothing scheduled." }] };
});

server.tool("calendar_week", `Events this week (or an offset week), shown in ${timeZone}.`, { offset: z.number().int().min(-52).max(52).default(0) }, async ({ offset }) => {
  const from = startOfWeek();
  from.setDate(from.getDate() + offset * 7);
  const to = new Date(from.getTime() + 7 * 86400000);
  const events = await eventsBetween(from, to);
  return { content: [{ type: "text", text: `Week of ${formatDate(from)}\n` + (events.map(fmt).join("\n") || "Nothing scheduled.") }] };
});

await server.connect(new StdioServerTransport());
