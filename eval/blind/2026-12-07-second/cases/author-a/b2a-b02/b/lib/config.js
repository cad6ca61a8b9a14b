"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

// Settings come from the environment, or from this tool's own config file, which can
// hold several named profiles (e.g. work / client sites):
//   ~/.config/jira-lite-mcp/config.json        (Linux, macOS)
//   %APPDATA%\jira-lite-mcp\config.json        (Windows)
// { "default": "work", "profiles": { "work": { "baseUrl": "...", "email": "...", "token": "..." } } }
function configFile() {
  const base =
    process.platform === "win32"
      ? process.env.APPDATA || path.join(os.homedir(), "AppData", "Roaming")
      : process.env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return process.env.JIRA_LITE_CONFIG || path.join(base, "jira-lite-mcp", "config.json");
}

function readProfile(name) {
  let file;
  try {
    file = JSON.parse(fs.readFileSync(configFile(), "utf8"));
  } catch (err) {
    if (err.code === "ENOENT") return {};
    throw new Error(`Cannot parse ${configFile()}: ${err.message}`);
  }
  const profiles = file.profiles || {};
  const pick = name || file.default || Object.keys(profiles)[0];
  if (name && !profiles[name]) throw new Error(`Profile "${name}" not found in ${configFile()}`);
  return profiles[pick] || {};
}

function loadConfig() {
  const profile = readProfile(process.env.JIRA_PROFILE);
  const cfg = {
    baseUrl: process.env.JIRA_BASE_URL || profile.baseUrl,
    email: process.env.JIRA_EMAIL || profile.email,
    token: process.env.JIRA_API_TOKEN || profile.token,
  };
  const missing = Object.entries(cfg).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw new Error(`Missing Jira settings: ${missing.join(", ")} (env or ${configFile()})`);
  cfg.baseUrl = cfg.baseUrl.replace(/\/+$/, "");
  return cfg;
}

module.exports = { loadConfig, configFile };
