"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");

const CACHE_BASE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "mcp-translate");
const TTL_MS = 7 * 24 * 3600 * 1000;

function keyFor(text, source, target, glossaryId) {
  return crypto.createHash("sha1").update([source || "auto", target, glossaryId || "", text].join("\u0000")).digest("hex");
}

function get(key) {
  try {
    const file = path.join(CACHE_BASE, key.slice(0, 2), key);
    const st = fs.statSync(file);
    if (Date.now() - st.mtimeMs > TTL_MS) return null;
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function put(key, value) {
  try {
    const dir = path.join(CACHE_BASE, key.slice(0, 2));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, key), value);
  } catch {
    /* cache is optional */
  }
}

module.exports = { CACHE_BASE, keyFor, get, put };
