#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { eventsBetween } from "./calendar.js";

const server = new McpServer({ name: "ics-calendar", version: "0.9.1" });

function fmt(ev) {
  const when = ev.allDay ? ev.start.toISOString().slice(0, 10) + " (all day)" : `${ev.start.toISOString()} – ${ev.end.toISOString()}`;
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

await server.connect(new StdioServerTransport());
