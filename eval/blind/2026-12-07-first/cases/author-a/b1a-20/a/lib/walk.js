"use strict";

const fs = require("fs");
const path = require("path");

const IGNORE = new Set([".git", "node_modules", "dist", "build", ".next", "target", ".venv", "__pycache__"]);

function* walk(root, max = 50000) {
  const stack = [root];
  let count = 0;
  while (stack.length) {
    const dir = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (IGNORE.has(e.name)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (e.isFile()) {
        yield path.relative(root, full);
        if (++count >= max) return;
      }
    }
  }
}

module.exports = { walk };
