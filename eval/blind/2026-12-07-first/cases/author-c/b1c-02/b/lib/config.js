'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * Location of the config file written by `shiplog login` (the official Shiplog CLI).
 * We follow the same rules as the CLI so both tools share one login.
 */
function cliConfigPath(env = process.env) {
  if (env.SHIPLOG_CONFIG) return env.SHIPLOG_CONFIG;
  if (process.platform === 'win32') {
    const appData = env.APPDATA || path.join(os.homedir(), 'AppData', 'Roaming');
    return path.join(appData, 'shiplog', 'config.json');
  }
  const xdg = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(xdg, 'shiplog', 'config.json');
}

function readCliConfig(file = cliConfigPath()) {
  let raw;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return {};
    throw new Error(`Cannot read ${file}: ${err.message}`);
  }
  try {
    const parsed = JSON.parse(raw);
    // CLI >= 2.0 nests credentials per profile; older versions store them at the top level.
    const profileName = process.env.SHIPLOG_PROFILE || parsed.currentProfile || 'default';
    const profile = (parsed.profiles && parsed.profiles[profileName]) || parsed;
    return {
      token: typeof profile.token === 'string' ? profile.token : undefined,
      project: typeof profile.defaultProject === 'string' ? profile.defaultProject : undefined,
      apiBase: typeof profile.apiBase === 'string' ? profile.apiBase : undefined,
      source: file,
    };
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${err.message}`);
  }
}

function loadSettings(env = process.env) {
  const fromFile = env.SHIPLOG_TOKEN && env.SHIPLOG_PROJECT ? {} : readCliConfig(cliConfigPath(env));
  return {
    token: env.SHIPLOG_TOKEN || fromFile.token,
    project: env.SHIPLOG_PROJECT || fromFile.project,
    apiBase: fromFile.apiBase,
    tokenSource: env.SHIPLOG_TOKEN ? 'SHIPLOG_TOKEN' : fromFile.token ? fromFile.source : undefined,
  };
}

module.exports = { cliConfigPath, readCliConfig, loadSettings };
