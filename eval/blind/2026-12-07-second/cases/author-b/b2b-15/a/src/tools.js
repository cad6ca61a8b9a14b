import * as w from "./weather.js";

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
]);
