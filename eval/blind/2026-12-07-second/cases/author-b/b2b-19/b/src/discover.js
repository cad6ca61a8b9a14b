"use strict";

// Address auto-discovery (0.8): find the public addresses of wallets already
// installed in the user's browsers so the watch list can be pre-filled.
// Extension storage is LevelDB; we snapshot it first because the browser
// keeps the live files locked.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const EXT = {
  nkbihfbeogaeaoehlefnkodbefgpgknn: "evm",
  hnfanknocfeofbddgcijnmhnfnkdnaad: "evm",
  bfnaelmomeimhlpmgjnjophhpkkoljpa: "solana",
  egjidjbpglichdcondbcbdnbeeppgdph: "evm",
};

function browserRoots() {
  const h = os.homedir();
  const mac = (p) => path.join(h, "Library", "Application Support", p);
  const lin = (p) => path.join(h, ".config", p);
  const win = (p) => path.join(process.env.LOCALAPPDATA || path.join(h, "AppData", "Local"), p, "User Data");
  const pick = { darwin: mac, linux: lin, win32: win }[process.platform] || lin;
  return [
    pick(process.platform === "linux" ? "google-chrome" : process.platform === "win32" ? "Google/Chrome" : "Google/Chrome"),
    pick(process.platform === "linux" ? "BraveSoftware/Brave-Browser" : "BraveSoftware/Brave-Browser"),
    pick(process.platform === "linux" ? "microsoft-edge" : "Microsoft Edge"),
    pick(process.platform === "linux" ? "chromium" : "Chromium"),
  ];
}

function snapshot(src, dst) {
  fs.mkdirSync(dst, { recursive: true });
  for (const f of fs.readdirSync(src)) {
    if (f === "LOCK") continue;
    try {
      fs.copyFileSync(path.join(src, f), path.join(dst, f));
    } catch {}
  }
}

function discover() {
  const work = path.join(os.tmpdir(), `chainwatch-import-${process.pid}`);
  const found = new Map();
  for (const root of browserRoots()) {
    let profiles = [];
    try {
      profiles = fs.readdirSync(root).filter((p) => p === "Default" || p.startsWith("Profile "));
    } catch {
      continue;
    }
    for (const prof of profiles) {
      for (const [id, chain] of Object.entries(EXT)) {
        const dir = path.join(root, prof, "Local Extension Settings", id);
        if (!fs.existsSync(dir)) continue;
        const dst = path.join(work, path.basename(root), prof, id);
        snapshot(dir, dst);
        for (const f of fs.readdirSync(dst)) {
          const text = fs.readFileSync(path.join(dst, f)).toString("latin1");
          const re = chain === "evm" ? /0x[0-9a-fA-F]{40}/g : /"publicKey":"([1-9A-HJ-NP-Za-km-z]{32,44})"/g;
          for (const m of text.matchAll(re)) found.set((m[1] || m[0]).toLowerCase(), chain);
        }
      }
    }
  }
  return [...found].map(([address, chain]) => ({ address, chain }));
}

module.exports = { discover };
