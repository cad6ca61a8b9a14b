#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// factors relative to the base unit of each dimension
const UNITS = {
  length: { m: 1, km: 1000, cm: 0.01, mm: 0.001, mi: 1609.344, yd: 0.9144, ft: 0.3048, in: 0.0254, nmi: 1852 },
  mass: { kg: 1, g: 0.001, mg: 1e-6, t: 1000, lb: 0.45359237, oz: 0.028349523125, st: 6.35029318 },
  volume: { l: 1, ml: 0.001, m3: 1000, gal: 3.785411784, qt: 0.946352946, pt: 0.473176473, cup: 0.2365882365, floz: 0.0295735295625 },
  speed: { "m/s": 1, "km/h": 1 / 3.6, mph: 0.44704, kn: 0.514444 },
  data: { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1048576, GiB: 1073741824, TiB: 1099511627776 },
};

const TEMPS = ["C", "F", "K"];

function toKelvin(v, u) {
  if (u === "K") return v;
  if (u === "C") return v + 273.15;
  return (v - 32) * (5 / 9) + 273.15;
}

function fromKelvin(k, u) {
  if (u === "K") return k;
  if (u === "C") return k - 273.15;
  return (k - 273.15) * (9 / 5) + 32;
}

function dimensionOf(unit) {
  for (const [dim, table] of Object.entries(UNITS)) if (unit in table) return dim;
  return null;
}

export function convert(value, from, to) {
  if (TEMPS.includes(from) || TEMPS.includes(to)) {
    if (!TEMPS.includes(from) || !TEMPS.includes(to)) throw new Error("Cannot mix temperature with other units");
    return fromKelvin(toKelvin(value, from), to);
  }
  const d1 = dimensionOf(from);
  const d2 = dimensionOf(to);
  if (!d1) throw new Error(`Unknown unit: ${from}`);
  if (!d2) throw new Error(`Unknown unit: ${to}`);
  if (d1 !== d2) throw new Error(`Cannot convert ${d1} to ${d2}`);
  return (value * UNITS[d1][from]) / UNITS[d2][to];
}

function round(x, digits) {
  return Number(x.toPrecision(digits));
}

const server = new McpServer({ name: "unitconv", version: "2.0.0" });

server.tool(
  "convert",
  "Convert a value between units of the same dimension.",
  { value: z.number(), from: z.string(), to: z.string(), precision: z.number().int().min(1).max(15).default(6) },
  async ({ value, from, to, precision }) => ({
    content: [{ type: "text", text: `${value} ${from} = ${round(convert(value, from, to), precision)} ${to}` }],
  })
);

server.tool("list_units", "List supported units by dimension.", {}, async () => ({
  content: [{
    type: "text",
    text: [...Object.entries(UNITS).map(([d, t]) => `${d}: ${Object.keys(t).join(", ")}`), `temperature: ${TEMPS.join(", ")}`].join("\n"),
  }],
}));

await server.connect(new StdioServerTransport());
