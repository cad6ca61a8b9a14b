#!/usr/bin/env node
"use strict";

const { startServer } = require("./lib/server");
const store = require("./lib/store");

const cmd = process.argv[2];

if (cmd === "stats") {
  const s = store.summary(7);
  console.log(`Last 7 days: ${s.sessions} sessions, ${s.minutes} focused minutes`);
} else if (cmd === "reset") {
  store.reset();
  console.log("Focus history cleared.");
} else if (cmd === "--help" || cmd === "-h") {
  console.log("focus-timer-mcp            start the MCP server (stdio)\nfocus-timer-mcp stats      print a 7-day summary\nfocus-timer-mcp reset      clear history");
} else {
  startServer().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
