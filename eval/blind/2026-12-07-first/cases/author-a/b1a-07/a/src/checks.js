"use strict";

const { execFile } = require("child_process");
const net = require("net");
const path = require("path");
const fs = require("fs");

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5000, ...opts }, (err, stdout, stderr) => {
      resolve({ ok: !err, out: String(stdout).trim(), err: String(stderr).trim() });
    });
  });
}

const TOOLCHAINS = {
  node: ["node", ["--version"]],
  npm: ["npm", ["--version"]],
  pnpm: ["pnpm", ["--version"]],
  git: ["git", ["--version"]],
  python: ["python3", ["--version"]],
  docker: ["docker", ["--version"]],
  go: ["go", ["version"]],
  rustc: ["rustc", ["--version"]],
};

async function toolchains(names) {
  const wanted = names && names.length ? names : Object.keys(TOOLCHAINS);
  const rows = [];
  for (const name of wanted) {
    const spec = TOOLCHAINS[name];
    if (!spec) {
      rows.push(`${name}: unknown`);
      continue;
    }
    const r = await run(spec[0], spec[1], { shell: process.platform === "win32" });
    rows.push(`${name}: ${r.ok ? r.out || r.err : "not found"}`);
  }
  return rows.join("\n");
}

function pathEntries() {
  const entries = (process.env.PATH || "").split(path.delimiter).filter(Boolean);
  return entries
    .map((p) => `${fs.existsSync(p) ? "ok     " : "missing"} ${p}`)
    .join("\n");
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.once("listening", () => srv.close(() => resolve(true)));
    srv.listen(port, "127.0.0.1");
  });
}

async function ports(list) {
  const out = [];
  for (const p of list) out.push(`${p}: ${(await portFree(p)) ? "free" : "in use"}`);
  return out.join("\n");
}

module.exports = { run, toolchains, pathEntries, ports };
