#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { zones, resolveZone, offsetMinutes, format } from "./tzdb.js";

const server = new McpServer({ name: "timezones", version: "1.2.2" });
const ok = (text) => ({ content: [{ type: "text", text }] });
const fail = (e) => ({ content: [{ type: "text", text: e.message }], isError: true });

function parseLocal(s, zone) {
  // "2025-03-14 15:30" interpreted as wall time in `zone`
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) throw new Error(`expected YYYY-MM-DD HH:MM, got "${s}"`);
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  return new Date(guess - offsetMinutes(zone, new Date(guess)) * 60000);
}

server.tool("convert_time", "Convert a wall-clock time from one time zone to others.", { time: z.string(), from: z.string(), to: z.array(z.string()).min(1) }, async ({ time, from, to }) => {
  try {
    const src = resolveZone(from);
    const d = parseLocal(time, src);
    return ok([`${format(d, src)} (${src})`, ...to.map((t) => { const z2 = resolveZone(t); return `= ${format(d, z2)} (${z2})`; })].join("\n"));
  } catch (e) {
    return fail(e);
  }
});

server.tool("world_clock", "Current time in several time zones.", { zones: z.array(z.string()).min(1) }, async ({ zones: list }) => {
  try {
    const now = new Date();
    return ok(list.map((n) => { const z2 = resolveZone(n); const o = offsetMinutes(z2, now); return `${z2.padEnd(28)} ${format(now, z2)}  UTC${o >= 0 ? "+" : "-"}${String(Math.floor(Math.abs(o) / 60)).padStart(2, "0")}:${String(Math.abs(o) % 60).padStart(2, "0")}`; }).join("\n"));
  } catch (e) {
    return fail(e);
  }
});

server.tool(
  "meeting_slots",
  "Find hours when all participants are within working hours (09:00-18:00 local) on a date.",
  { date: z.string().describe("YYYY-MM-DD"), zones: z.array(z.string()).min(2) },
  async ({ date, zones: list }) => {
    try {
      const zs = list.map(resolveZone);
      const slots = [];
      for (let h = 0; h < 24; h++) {
        const d = new Date(`${date}T${String(h).padStart(2, "0")}:00:00Z`);
        const okAll = zs.every((z2) => { const local = (h * 60 + offsetMinutes(z2, d) + 1440) % 1440; return local >= 540 && local < 1080; });
        if (okAll) slots.push(`${String(h).padStart(2, "0")}:00 UTC → ` + zs.map((z2) => `${z2.split("/").pop()} ${format(d, z2).split(", ").pop()}`).join(", "));
      }
      return ok(slots.join("\n") || "No overlap in working hours.");
    } catch (e) {
      return fail(e);
    }
  }
);

server.tool("list_timezones", "List IANA time zones, optionally filtered.", { filter: z.string().optional() }, async ({ filter }) => {
  const f = filter?.toLowerCase();
  return ok(zones().filter((z2) => !f || z2.toLowerCase().includes(f)).join("\n"));
});

await server.connect(new StdioServerTransport());
