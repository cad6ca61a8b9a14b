import { readFileSync, readdirSync, existsSync } from "node:fs";

// Tool descriptions live in docs/tools/*.md so the README, the website and the
// MCP tool list never drift apart.
const DOCS_DIR = new URL("../docs/tools/", import.meta.url);

export function toolDocs() {
  const out = {};
  if (!existsSync(DOCS_DIR)) return out;
  for (const f of readdirSync(DOCS_DIR)) {
    if (!f.endsWith(".md")) continue;
    const raw = readFileSync(new URL(f, DOCS_DIR), "utf8");
    out[f.slice(0, -3)] = raw.replace(/^---\n[\s\S]*?\n---\n/, "").trim();
  }
  return out;
}
