#!/usr/bin/env node
"use strict";

// src/index.ts
var import_mcp = require("@modelcontextprotocol/sdk/server/mcp.js");
var import_stdio = require("@modelcontextprotocol/sdk/server/stdio.js");
var import_zod = require("zod");

// src/tz.ts
function isValidZone(zone) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
function offsetOf(zone, at) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  return name === "GMT" ? "+00:00" : name.replace("GMT", "");
}
function timeIn(zone, at = /* @__PURE__ */ new Date()) {
  if (!isValidZone(zone)) throw new Error(`Unknown time zone: ${zone}`);
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    dateStyle: "full",
    timeStyle: "long"
  }).format(at);
  return { zone, iso: at.toISOString(), local, offset: offsetOf(zone, at) };
}
function parseLocal(dateTime, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(dateTime.trim());
  if (!m) throw new Error("Expected YYYY-MM-DD HH:mm");
  const guess = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  const off = offsetOf(zone, guess);
  const sign = off.startsWith("-") ? -1 : 1;
  const [oh, om] = off.slice(1).split(":").map(Number);
  return new Date(guess.getTime() - sign * (oh * 60 + (om || 0)) * 6e4);
}
function overlap(zones, startHour = 9, endHour = 17) {
  const hours = [];
  const day = /* @__PURE__ */ new Date();
  for (let h = 0; h < 24; h++) {
    const at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h));
    const ok = zones.every((z2) => {
      const lh = Number(new Intl.DateTimeFormat("en-US", { timeZone: z2, hour: "numeric", hourCycle: "h23" }).format(at));
      return lh >= startHour && lh < endHour;
    });
    if (ok) hours.push(h);
  }
  return hours;
}

// src/index.ts
var server = new import_mcp.McpServer({ name: "tz-toolkit", version: "1.2.0" });
var text = (t) => ({ content: [{ type: "text", text: t }] });
server.tool(
  "current_time",
  "Current time in one or more IANA time zones.",
  { zones: import_zod.z.array(import_zod.z.string()).min(1) },
  async ({ zones }) => text(zones.map((zn) => JSON.stringify(timeIn(zn))).join("\n"))
);
server.tool(
  "convert_time",
  "Convert a wall-clock time from one zone to others.",
  { time: import_zod.z.string().describe("YYYY-MM-DD HH:mm"), from: import_zod.z.string(), to: import_zod.z.array(import_zod.z.string()) },
  async ({ time, from, to }) => {
    const at = parseLocal(time, from);
    return text(to.map((zn) => `${zn}: ${timeIn(zn, at).local}`).join("\n"));
  }
);
server.tool(
  "meeting_overlap",
  "UTC hours where every zone is inside working hours.",
  { zones: import_zod.z.array(import_zod.z.string()).min(2), start_hour: import_zod.z.number().default(9), end_hour: import_zod.z.number().default(17) },
  async ({ zones, start_hour, end_hour }) => {
    const bad = zones.filter((zn) => !isValidZone(zn));
    if (bad.length) return text(`Unknown zones: ${bad.join(", ")}`);
    const hrs = overlap(zones, start_hour, end_hour);
    return text(hrs.length ? `Overlapping UTC hours: ${hrs.map((h) => `${h}:00`).join(", ")}` : "No overlap");
  }
);
(async () => {
  await server.connect(new import_stdio.StdioServerTransport());
})();
//# sourceMappingURL=server.cjs.map
