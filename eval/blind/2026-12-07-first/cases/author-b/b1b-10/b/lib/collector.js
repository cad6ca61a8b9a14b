#!/usr/bin/env node
"use strict";
// Standalone collector: keeps clipboard history while no MCP client is running,
// so `clipboard_recent` can show entries from before the session started.
const fs = require("fs");
const path = require("path");
const { readClipboard } = require("./clipboard");
const { STORE } = require("./store");

let last = null;
fs.mkdirSync(path.dirname(STORE), { recursive: true });
setInterval(async () => {
  const text = await readClipboard().catch(() => null);
  if (text == null || text === last || !text.trim()) return;
  last = text;
  fs.appendFile(STORE, JSON.stringify({ text, at: new Date().toISOString() }) + "\n", () => {});
}, 1500);
