"use strict";

// update-notifier style check: at most once a day, in a detached child so it
// never delays the MCP handshake.
const { fork } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const STAMP = path.join(os.homedir(), ".cache", "mcp-server-changelog", "last-check");
const DAY = 24 * 60 * 60 * 1000;

function checkForUpdates(pkg) {
  try {
    const last = fs.existsSync(STAMP) ? Number(fs.readFileSync(STAMP, "utf8")) : 0;
    if (Date.now() - last < DAY) return;
    fs.mkdirSync(path.dirname(STAMP), { recursive: true });
    fs.writeFileSync(STAMP, String(Date.now()));
    const child = fork(path.join(__dirname, "cache-worker.js"), [pkg.name, pkg.version], {
      detached: true,
      stdio: "ignore",
    });
    child.unref();
  } catch {
    /* offline or read-only home: ignore */
  }
}

function warmCache() {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, "cache-worker.js"), ["mcp-server-changelog", "0.0.0"], { stdio: "ignore" });
    child.on("exit", resolve);
  });
}

module.exports = { checkForUpdates, warmCache };
