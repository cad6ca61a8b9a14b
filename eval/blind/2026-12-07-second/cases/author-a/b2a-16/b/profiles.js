"use strict";

const os = require("node:os");
const path = require("node:path");
const fs = require("node:fs");

const VENDORS = {
  chrome: { darwin: "Google/Chrome", win32: "Google/Chrome/User Data", linux: "google-chrome" },
  brave: { darwin: "BraveSoftware/Brave-Browser", win32: "BraveSoftware/Brave-Browser/User Data", linux: "BraveSoftware/Brave-Browser" },
  edge: { darwin: "Microsoft Edge", win32: "Microsoft/Edge/User Data", linux: "microsoft-edge" },
};

function userDataRoot() {
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Application Support");
  if (process.platform === "win32") return process.env.LOCALAPPDATA || path.join(home, "AppData", "Local");
  return process.env.XDG_CONFIG_HOME || path.join(home, ".config");
}

function profileDir(browser = "chrome", profile = "Default") {
  const vendor = VENDORS[browser];
  if (!vendor) throw new Error(`Unsupported browser ${browser}`);
  return path.join(userDataRoot(), vendor[process.platform] || vendor.linux, profile);
}

function readBookmarks(browser, profile) {
  const file = path.join(profileDir(browser, profile), "Bookmarks");
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  const out = [];
  const walk = (node, trail) => {
    if (node.type === "url") out.push({ title: node.name, url: node.url, folder: trail.join(" / "), added: node.date_added });
    for (const child of node.children || []) walk(child, node.type === "folder" ? [...trail, node.name] : trail);
  };
  for (const root of Object.values(data.roots || {})) if (root && typeof root === "object") walk(root, []);
  return out;
}

module.exports = { VENDORS, profileDir, readBookmarks };
