"use strict";

const { execFile } = require("child_process");

function npm(args, cwd) {
  return new Promise((resolve, reject) => {
    execFile(
      "npm",
      args,
      { cwd, maxBuffer: 32 * 1024 * 1024, shell: process.platform === "win32", env: { ...process.env, NO_UPDATE_NOTIFIER: "1" } },
      (err, stdout, stderr) => {
        // npm outdated / audit exit non-zero when they find something
        if (err && !stdout) return reject(new Error(stderr || err.message));
        resolve(String(stdout));
      }
    );
  });
}

async function npmJson(args, cwd) {
  const out = await npm([...args, "--json"], cwd);
  return out.trim() ? JSON.parse(out) : {};
}

module.exports = { npm, npmJson };
