#!/usr/bin/env node

// src/index.ts
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// src/cache.ts
var TtlCache = class {
  constructor(ttlMs, max = 200) {
    this.ttlMs = ttlMs;
    this.max = max;
    this.map = /* @__PURE__ */ new Map();
  }
  get(key) {
    const hit = this.map.get(key);
    if (!hit) return void 0;
    if (Date.now() - hit.t > this.ttlMs) {
      this.map.delete(key);
      return void 0;
    }
    return hit.v;
  }
  set(key, v) {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value);
    this.map.set(key, { v, t: Date.now() });
  }
};

// src/codes.ts
var WMO = {
  0: "clear sky",
  1: "mainly clear",
  2: "partly cloudy",
  3: "overcast",
  45: "fog",
  48: "rime fog",
  51: "light drizzle",
  53: "drizzle",
  55: "dense drizzle",
  61: "light rain",
  63: "rain",
  65: "heavy rain",
  71: "light snow",
  73: "snow",
  75: "heavy snow",
  80: "rain showers",
  81: "heavy rain showers",
  95: "thunderstorm",
  96: "thunderstorm with hail"
};
var describe = (code) => WMO[code] ?? `code ${code}`;

// src/api.ts
var GEO = "https://geocoding-api.open-meteo.com/v1/search";
var FORECAST = "https://api.open-meteo.com/v1/forecast";
var cache = new TtlCache(10 * 60 * 1e3);
async function getJson(url) {
  const cached = cache.get(url);
  if (cached) return cached;
  const res = await fetch(url, { headers: { "user-agent": "mcp-weather-now" } });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${new URL(url).pathname}`);
  const data = await res.json();
  cache.set(url, data);
  return data;
}
async function geocode(place) {
  const url = `${GEO}?name=${encodeURIComponent(place)}&count=1&format=json`;
  const data = await getJson(url);
  const hit = data.results?.[0];
  if (!hit) throw new Error(`Unknown place: ${place}`);
  return { lat: hit.latitude, lon: hit.longitude, label: `${hit.name}, ${hit.country}` };
}
async function current(lat, lon) {
  const url = `${FORECAST}?latitude=${lat}&longitude=${lon}&current=temperature_2m,wind_speed_10m,weather_code,relative_humidity_2m`;
  return (await getJson(url)).current;
}
async function daily(lat, lon, days) {
  const url = `${FORECAST}?latitude=${lat}&longitude=${lon}&daily=weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum&forecast_days=${days}&timezone=auto`;
  return (await getJson(url)).daily;
}

// src/index.ts
var server = new McpServer({ name: "mcp-weather-now", version: "1.2.3" });
server.tool(
  "get_current_weather",
  "Current conditions for a city or place name.",
  { place: z.string().describe("City or place, e.g. 'Lisbon'") },
  async ({ place }) => {
    const loc = await geocode(place);
    const c = await current(loc.lat, loc.lon);
    const text = `${loc.label}: ${describe(c.weather_code)}, ${c.temperature_2m}\xB0C, wind ${c.wind_speed_10m} km/h, humidity ${c.relative_humidity_2m}%`;
    return { content: [{ type: "text", text }] };
  }
);
server.tool(
  "get_forecast",
  "Daily forecast for up to 14 days.",
  { place: z.string(), days: z.number().int().min(1).max(14).default(5) },
  async ({ place, days }) => {
    const loc = await geocode(place);
    const d = await daily(loc.lat, loc.lon, days);
    const lines = d.time.map(
      (day, i) => `${day}: ${describe(d.weather_code[i])}, ${d.temperature_2m_min[i]}\u2013${d.temperature_2m_max[i]}\xB0C, ${d.precipitation_sum[i]} mm`
    );
    return { content: [{ type: "text", text: `${loc.label}
${lines.join("\n")}` }] };
  }
);
var transport = new StdioServerTransport();
await server.connect(transport);
