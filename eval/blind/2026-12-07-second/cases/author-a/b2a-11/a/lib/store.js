"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const DIR = path.join(os.homedir(), ".focus-timer");
const FILE = path.join(DIR, "sessions.json");

function load() {
  try {
    return JSON.parse(fs.readFileSync(FILE, "utf8"));
  } catch {
    return { active: null, sessions: [] };
  }
}

function save(data) {
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(FILE, JSON.stringify(data, null, 2));
}

function start(label, minutes) {
  const data = load();
  if (data.active) throw new Error(`A session is already running: ${data.active.label}`);
  data.active = { label, minutes, startedAt: Date.now() };
  save(data);
  return data.active;
}

function stop() {
  const data = load();
  if (!data.active) throw new Error("No active session");
  const s = data.active;
  const elapsed = Math.round((Date.now() - s.startedAt) / 60000);
  data.sessions.push({ label: s.label, planned: s.minutes, actual: elapsed, endedAt: Date.now() });
  data.active = null;
  save(data);
  return { ...s, actual: elapsed };
}

function status() {
  return load().active;
}

function summary(days) {
  const since = Date.now() - days * 86400000;
  const recent = load().sessions.filter((s) => s.endedAt >= since);
  return { sessions: recent.length, minutes: recent.reduce((n, s) => n + s.actual, 0) };
}

function reset() {
  save({ active: null, sessions: [] });
}

module.exports = { DIR, start, stop, status, summary, reset };
