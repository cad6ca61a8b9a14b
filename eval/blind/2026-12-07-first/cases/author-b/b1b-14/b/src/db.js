import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";

const DIR = process.env.SNIPPETBOX_DIR ?? join(homedir(), ".snippetbox");
const FILE = join(DIR, "snippets.json");

let cache = null;
function data() {
  if (cache) return cache;
  try {
    cache = JSON.parse(readFileSync(FILE, "utf8"));
  } catch {
    cache = { snippets: [] };
  }
  return cache;
}
function flush() {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(FILE, JSON.stringify(cache, null, 2));
}

export function save({ title, language, code, tags = [], source }) {
  const s = { id: randomUUID().slice(0, 8), title, language, code, tags, source, created: new Date().toISOString() };
  data().snippets.push(s);
  flush();
  return s;
}
export function get(id) {
  return data().snippets.find((s) => s.id === id);
}
export function remove(id) {
  const d = data();
  const n = d.snippets.length;
  d.snippets = d.snippets.filter((s) => s.id !== id);
  flush();
  return d.snippets.length < n;
}
export function search(q, tag, language) {
  const needle = (q ?? "").toLowerCase();
  return [...data().snippets].reverse().filter(
    (s) =>
      (!tag || s.tags.includes(tag)) &&
      (!language || s.language === language) &&
      (!needle || s.title.toLowerCase().includes(needle) || s.code.toLowerCase().includes(needle))
  );
}
