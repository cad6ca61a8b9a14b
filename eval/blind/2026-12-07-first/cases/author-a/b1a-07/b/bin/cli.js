#!/usr/bin/env node
"use strict";

const { start } = require("../src/server");

const argv = process.argv.slice(2);
if (argv.includes("--version") || argv.includes("-v")) {
  console.log(require("../package.json").version);
  process.exit(0);
}
if (argv.includes("--help") || argv.includes("-h")) {
  console.log("Usage: mcp-env-doctor [--version]\nRuns an MCP server on stdio.");
  process.exit(0);
}

start().catch((err) => {
  console.error(err);
  process.exit(1);
});
