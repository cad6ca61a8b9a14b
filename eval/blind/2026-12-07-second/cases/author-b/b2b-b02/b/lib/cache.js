"use strict";

// Small on-disk cache for registry documents. Packuments of popular packages
// are several MB, and assistants tend to ask about the same few packages many
// times in a session. Entries expire after NPM_INSIGHT_CACHE_TTL seconds
// (default 15 min). Location follows XDG: $XDG_CACHE_HOME/mcp-npm-insight.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");

const DIR = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "mcp-npm-insight");
const TTL = Number(process.env.NPM_INSIGHT_CACHE_TTL || 900) * 1000;
const DISABLED = process.env.NPM_INSIGHT_NO_CACHE === "1";

function keyFile(url) {
  return path.join(DIR, crypto.createHash("sha256").update(url).digest("hex").slice(0, 32) + ".json");
}

function get(url) {
  if (DISABLED) return undefined;
  try {
    const f = keyFile(url);
    const st = fs.statSync(f);
    if (Date.now() - st.mtimeMs > TTL) return undefined;
    return JSON.parse(fs.readFileSync(f, "utf8"));
  } catch {
    return undefined;
  }
}

function set(url, value) {
  if (DISABLED) return;
  try {
    fs.mkdirSync(DIR, { recursive: true });
    const f = keyFile(url);
    const tmp = `${f}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value));
    fs.renameSync(tmp, f);
  } catch {
    // read-only home or full disk: just don't cache
  }
}

function clear() {
  let n = 0;
  try {
    for (const f of fs.readdirSync(DIR)) {
      if (f.endsWith(".json")) {
        fs.unlinkSync(path.join(DIR, f));
        n++;
      }
    }
  } catch {}
  return n;
}

module.exports = { get, set, clear, DIR };
