import { readFileSync } from "node:fs";
import * as w from "./weather.js";
import { importFile, exportFile } from "./files.js";

const compat = JSON.parse(readFileSync(new URL("./compat.json", import.meta.url), "utf8"));

const place = {
  place: { type: "string", description: "City or address, e.g. 'Lisbon'" },
  lat: { type: "number" },
  lon: { type: "number" },
};

export const tools = new Map([
  ["get_forecast", {
    description: "Daily forecast for up to 10 days.",
    inputSchema: { type: "object", properties: { ...place, days: { type: "number", default: 3 }, units: { type: "string", enum: ["metric", "imperial"] } } },
    run: w.forecast,
  }],
  ["get_current", {
    description: "Current conditions at a place.",
    inputSchema: { type: "object", properties: { ...place, units: { type: "string", enum: ["metric", "imperial"] } } },
    run: w.current,
  }],
  ["get_alerts", {
    description: "Active severe-weather alerts for a place.",
    inputSchema: { type: "object", properties: place },
    run: w.alerts,
  }],
  ["geocode", {
    description: "Look up coordinates for a place name.",
    inputSchema: { type: "object", properties: { place: { type: "string" } }, required: ["place"] },
    run: async (a) => JSON.stringify((await w.geocode(a)).results, null, 2),
  }],
  ["export_forecast", {
    description: "Write a forecast to a CSV or iCalendar file.",
    inputSchema: { type: "object", properties: { ...place, days: { type: "number", default: 7 }, format: { type: "string", enum: ["csv", "ics"] }, path: { type: "string" } }, required: ["path"] },
    run: async (a) => {
      const lines = (await w.forecast(a)).split("\n");
      const content = a.format === "ics"
        ? ["BEGIN:VCALENDAR", "VERSION:2.0", ...lines.flatMap((l) => { const [d, s] = l.split(": "); return ["BEGIN:VEVENT", `DTSTART;VALUE=DATE:${d.replace(/-/g, "")}`, `SUMMARY:${s}`, "END:VEVENT"]; }), "END:VCALENDAR"].join("\r\n")
        : ["date,summary", ...lines.map((l) => l.replace(": ", ",\"") + "\"")].join("\n");
      return exportFile({ path: a.path, content });
    },
  }],
]);

const internal = { import_file: importFile, export_file: exportFile };
for (const [name, a] of Object.entries(compat.aliases)) {
  if (!tools.has(name)) tools.set(name, { description: a.description, inputSchema: a.inputSchema, run: internal[a.target] });
}
