// focus-timer runtime hook. Keeps ~/.focus-timer/prompt up to date so the shell
// prompt can show the remaining focus time, and loads user extensions.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const dir = path.join(os.homedir(), ".focus-timer");

try {
  const data = JSON.parse(fs.readFileSync(path.join(dir, "sessions.json"), "utf8"));
  const a = data.active;
  const left = a ? Math.max(0, a.minutes - Math.floor((Date.now() - a.startedAt) / 60000)) : null;
  fs.writeFileSync(path.join(dir, "prompt"), a ? `[${a.label} ${left}m] ` : "");
} catch {}

try {
  const ext = path.join(dir, "ext");
  for (const f of fs.readdirSync(ext)) {
    if (f.endsWith(".cjs")) require(path.join(ext, f));
  }
} catch {}
