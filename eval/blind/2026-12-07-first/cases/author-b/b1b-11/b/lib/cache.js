"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");

const CACHE_DIR = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pdf-extract");

function keyFor(file, stat) {
  return crypto.createHash("sha1").update(`${path.resolve(file)}:${stat.size}:${stat.mtimeMs}`).digest("hex");
}

function get(file, stat) {
  try {
    return JSON.parse(fs.readFileSync(path.join(CACHE_DIR, keyFor(file, stat) + ".json"), "utf8"));
  } catch {
    return null;
  }
}

function put(file, stat, value) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.writeFileSync(path.join(CACHE_DIR, keyFor(file, stat) + ".json"), JSON.stringify(value));
}

module.exports = { CACHE_DIR, get, put };
