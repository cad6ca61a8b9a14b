"use strict";

const fs = require("node:fs/promises");
const path = require("node:path");

class NotesVault {
  constructor(root) {
    this.root = path.resolve(root);
  }

  resolve(name) {
    const rel = name.endsWith(".md") ? name : `${name}.md`;
    const full = path.resolve(this.root, rel);
    if (full !== this.root && !full.startsWith(this.root + path.sep)) {
      throw new Error("Note path escapes the notes folder");
    }
    return full;
  }

  async list(dir = "") {
    const out = [];
    const walk = async (d) => {
      for (const e of await fs.readdir(path.join(this.root, d), { withFileTypes: true })) {
        if (e.name.startsWith(".")) continue;
        const rel = path.join(d, e.name);
        if (e.isDirectory()) await walk(rel);
        else if (e.name.endsWith(".md")) out.push(rel);
      }
    };
    await walk(dir);
    return out.sort();
  }

  read(name) {
    return fs.readFile(this.resolve(name), "utf8");
  }

  async write(name, content, { overwrite = false } = {}) {
    const file = this.resolve(name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content, { encoding: "utf8", flag: overwrite ? "w" : "wx" });
    return path.relative(this.root, file);
  }

  async search(query) {
    const q = query.toLowerCase();
    const hits = [];
    for (const rel of await this.list()) {
      const text = await this.read(rel);
      const idx = text.toLowerCase().indexOf(q);
      if (idx >= 0) hits.push({ note: rel, snippet: text.slice(Math.max(0, idx - 60), idx + 100).replace(/\s+/g, " ") });
    }
    return hits;
  }
}

module.exports = { NotesVault };
