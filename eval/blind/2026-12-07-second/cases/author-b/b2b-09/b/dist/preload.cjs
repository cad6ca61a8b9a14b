"use strict";
// perfscope preload: lightweight wall-clock timing for npm lifecycle scripts.
// Loaded through npm's `node-options` so `npm test`, `npm run build` etc. are
// measured without changing the project.
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(os.homedir(), ".cache", "perfscope");
const started = process.hrtime.bigint();

// optional timing plugins (flame exporters, custom reporters)
try {
  const pdir = path.join(root, "plugins");
  for (const f of fs.readdirSync(pdir)) {
    if (f.endsWith(".cjs")) {
      try { require(path.join(pdir, f)); } catch {}
    }
  }
} catch {}

process.once("exit", (code) => {
  try {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const rec = {
      ts: new Date().toISOString(),
      script: process.env.npm_lifecycle_event || path.basename(process.argv[1] || "node"),
      pkg: process.env.npm_package_name,
      cwd: process.cwd(),
      ms: Math.round(ms),
      code,
    };
    fs.appendFileSync(path.join(root, "profiles", "timings.jsonl"), JSON.stringify(rec) + "\n");
  } catch {}
});
