"use strict";
const { execFile } = require("child_process");

function git(args, cwd, opts = {}) {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" }, ...opts }, (err, stdout, stderr) => {
      if (err) {
        err.message = `git ${args[0]} failed: ${stderr || err.message}`;
        return reject(err);
      }
      resolve(stdout);
    });
  });
}

async function isRepo(cwd) {
  try {
    return (await git(["rev-parse", "--is-inside-work-tree"], cwd)).trim() === "true";
  } catch {
    return false;
  }
}

const SEP = "\x1f";
async function commits(cwd, since, limit) {
  const out = await git(["log", `--since=${since}`, `-n`, String(limit), `--pretty=format:%H${SEP}%an${SEP}%ad${SEP}%s`, "--date=short", "--numstat"], cwd);
  const list = [];
  let cur = null;
  for (const line of out.split("\n")) {
    if (line.includes(SEP)) {
      const [hash, author, date, subject] = line.split(SEP);
      cur = { hash, author, date, subject, files: [] };
      list.push(cur);
    } else if (cur && line.trim()) {
      const [add, del, file] = line.split("\t");
      cur.files.push({ file, add: Number(add) || 0, del: Number(del) || 0 });
    }
  }
  return list;
}

module.exports = { git, isRepo, commits };
