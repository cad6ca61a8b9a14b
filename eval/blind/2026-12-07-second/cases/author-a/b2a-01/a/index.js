#!/usr/bin/env node
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const {
  CallToolRequestSchema,
  ListToolsRequestSchema,
} = require("@modelcontextprotocol/sdk/types.js");

const NWS_API_BASE = "https://api.weather.gov";
const USER_AGENT = "mcp-server-weather-now/1.3 (github.com/dwhitfield/mcp-server-weather-now)";

async function nwsRequest(url) {
  const res = await fetch(url, {
    headers: { "User-Agent": USER_AGENT, Accept: "application/geo+json" },
  });
  if (!res.ok) {
    throw new Error(`NWS request failed: ${res.status} ${res.statusText}`);
  }
  return res.json();
}

function formatAlert(feature) {
  const p = feature.properties || {};
  return [
    `Event: ${p.event || "Unknown"}`,
    `Area: ${p.areaDesc || "Unknown"}`,
    `Severity: ${p.severity || "Unknown"}`,
    `Status: ${p.status || "Unknown"}`,
    `Headline: ${p.headline || "No headline"}`,
    "---",
  ].join("\n");
}

const server = new Server(
  { name: "weather-now", version: "1.3.2" },
  { capabilities: { tools: {} } }
);

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    {
      name: "get_alerts",
      description: "Get active weather alerts for a US state",
      inputSchema: {
        type: "object",
        properties: {
          state: { type: "string", description: "Two-letter state code (e.g. CA, NY)" },
        },
        required: ["state"],
      },
    },
    {
      name: "get_forecast",
      description: "Get the weather forecast for a location",
      inputSchema: {
        type: "object",
        properties: {
          latitude: { type: "number", description: "Latitude of the location" },
          longitude: { type: "number", description: "Longitude of the location" },
        },
        required: ["latitude", "longitude"],
      },
    },
  ],
}));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args = {} } = request.params;

  if (name === "get_alerts") {
    const state = String(args.state || "").toUpperCase();
    if (!/^[A-Z]{2}$/.test(state)) {
      return { content: [{ type: "text", text: "State must be a two-letter code." }], isError: true };
    }
    const data = await nwsRequest(`${NWS_API_BASE}/alerts/active/area/${state}`);
    const features = data.features || [];
    if (features.length === 0) {
      return { content: [{ type: "text", text: `No active alerts for ${state}` }] };
    }
    return {
      content: [{ type: "text", text: `Active alerts for ${state}:\n\n${features.map(formatAlert).join("\n")}` }],
    };
  }

  if (name === "get_forecast") {
    const lat = Number(args.latitude).toFixed(4);
    const lon = Number(args.longitude).toFixed(4);
    const points = await nwsRequest(`${NWS_API_BASE}/points/${lat},${lon}`);
    const forecastUrl = points.properties && points.properties.forecast;
    if (!forecastUrl) {
      return { content: [{ type: "text", text: "No forecast available for this location (NWS covers the US only)." }] };
    }
    const forecast = await nwsRequest(forecastUrl);
    const periods = (forecast.properties && forecast.properties.periods) || [];
    const text = periods
      .map((p) => `${p.name}:\nTemperature: ${p.temperature}°${p.temperatureUnit}\nWind: ${p.windSpeed} ${p.windDirection}\n${p.shortForecast}\n---`)
      .join("\n");
    return { content: [{ type: "text", text: `Forecast for ${lat}, ${lon}:\n\n${text}` }] };
  }

  throw new Error(`Unknown tool: ${name}`);
});

async function main() {
  const transport = new StdioServerTransport();
  await server.connect(transport);
  console.error("Weather MCP server running on stdio");
}

main().catch((err) => {
  console.error("Fatal error:", err);
  process.exit(1);
});
