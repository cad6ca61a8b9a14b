"use strict";

const fs = require("fs");
const path = require("path");

class LogReader {
  constructor(roots) {
    this.roots = roots.map((r) => path.resolve(r));
  }

  resolve(file) {
    const abs = path.resolve(file);
    if (!this.roots.some((r) => abs === r || abs.startsWith(r + path.sep))) {
      throw new Error(`${file} is outside the allowed log roots`);
    }
    return abs;
  }

  tail(file, lines = 100) {
    const abs = this.resolve(file);
    const stat = fs.statSync(abs);
    const size = Math.min(stat.size, 2 * 1024 * 1024);
    const fd = fs.openSync(abs, "r");
    try {
      const buf = Buffer.alloc(size);
      fs.readSync(fd, buf, 0, size, stat.size - size);
      const all = buf.toString("utf8").split(/\r?\n/);
      return all.slice(-lines - 1).join("\n");
    } finally {
      fs.closeSync(fd);
    }
  }

  grep(file, pattern, max = 200) {
    let re;
    try {
      re = new RegExp(pattern, "i");
    } catch {
      re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
    }
    const abs = this.resolve(file);
    const out = [];
    const lines = fs.readFileSync(abs, "utf8").split(/\r?\n/);
    for (let i = 0; i < lines.length && out.length < max; i++) {
      if (re.test(lines[i])) out.push(`${i + 1}: ${lines[i]}`);
    }
    return out.join("\n");
  }

  list() {
    const out = [];
    for (const root of this.roots) {
      let entries = [];
      try {
        entries = fs.readdirSync(root, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isFile() && /\.(log|out|err|txt)(\.\d+)?$/.test(e.name)) {
          const full = path.join(root, e.name);
          out.push(`${full}  ${fs.statSync(full).size} bytes`);
        }
      }
    }
    return out.join("\n");
  }
}

module.exports = { LogReader };
