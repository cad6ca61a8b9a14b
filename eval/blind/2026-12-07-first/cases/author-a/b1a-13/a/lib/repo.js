"use strict";

const path = require("path");
const { simpleGit } = require("simple-git");

const clients = new Map();

function repo(dir) {
  const root = path.resolve(dir || process.cwd());
  if (!clients.has(root)) {
    clients.set(root, simpleGit({ baseDir: root, maxConcurrentProcesses: 2, trimmed: true }));
  }
  return clients.get(root);
}

async function ensureRepo(dir) {
  const git = repo(dir);
  if (!(await git.checkIsRepo())) throw new Error(`${dir || process.cwd()} is not a git repository`);
  return git;
}

module.exports = { repo, ensureRepo };
