"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const BASE = process.platform === "win32" ? path.join(process.env.LOCALAPPDATA || os.homedir(), "clipkeep") : path.join(os.homedir(), ".local", "state", "clipkeep");
const STORE = path.join(BASE, "history.jsonl");

function readStored(max) {
  try {
    const lines = fs.readFileSync(STORE, "utf8").trim().split("\n");
    return lines.slice(-max).reverse().map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

module.exports = { BASE, STORE, readStored };
