"use strict";
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { convert, listUnits } = require("./units");
const pkg = require("../package.json");

function round(v, p) {
  return Number.parseFloat(v.toPrecision(p));
}

function build(opts) {
  const server = new McpServer({ name: "unit-convert", version: pkg.version });

  server.tool(
    "convert_units",
    "Convert a value between units of the same dimension (length, mass, volume, data, speed, time, temperature).",
    { value: z.number(), from: z.string(), to: z.string() },
    async ({ value, from, to }) => {
      try {
        const r = round(convert(value, from, to), opts.precision);
        return { content: [{ type: "text", text: `${value} ${from} = ${r} ${to}` }] };
      } catch (e) {
        return { content: [{ type: "text", text: e.message }], isError: true };
      }
    }
  );

  server.tool("list_units", "List the supported units grouped by dimension.", {}, async () => ({
    content: [{ type: "text", text: listUnits() }],
  }));

  return server;
}

async function start(opts = {}) {
  const server = build({ precision: opts.precision || 6 });
  await server.connect(new StdioServerTransport());
  console.error(`unit-convert ${pkg.version} ready`);
}

module.exports = { build, start };
