'use strict';

const fs = require('node:fs/promises');
const path = require('node:path');
const os = require('node:os');

function expandHome(p) {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

async function normaliseRoots(args) {
  const roots = [];
  for (const a of args) {
    const abs = path.resolve(expandHome(a));
    const real = await fs.realpath(abs);
    const st = await fs.stat(real);
    if (!st.isDirectory()) throw new Error(`${a} is not a directory`);
    roots.push(real);
  }
  return roots;
}

function within(roots, p) {
  return roots.some((r) => p === r || p.startsWith(r + path.sep));
}

/** Resolve a user-supplied path and make sure it (and, for new files, its parent) is inside a root. */
async function resolveInside(roots, requested) {
  const abs = path.resolve(roots[0], expandHome(requested));
  if (!within(roots, abs)) throw new Error(`Access denied: ${abs} is outside the allowed directories`);
  try {
    const real = await fs.realpath(abs);
    if (!within(roots, real)) throw new Error(`Access denied: ${requested} resolves outside the allowed directories`);
    return real;
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    const parent = await fs.realpath(path.dirname(abs));
    if (!within(roots, parent)) throw new Error(`Access denied: parent of ${requested} is outside the allowed directories`);
    return path.join(parent, path.basename(abs));
  }
}

module.exports = { normaliseRoots, resolveInside, within };
