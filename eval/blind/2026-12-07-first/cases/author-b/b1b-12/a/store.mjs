import { readFile, writeFile, mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join, dirname } from "node:path";

const FILE = join(process.env.RSS_MCP_HOME ?? join(homedir(), ".config", "rss-reader-mcp"), "state.json");

export async function load() {
  try {
    return JSON.parse(await readFile(FILE, "utf8"));
  } catch {
    return { feeds: [], read: {} };
  }
}

export async function save(state) {
  await mkdir(dirname(FILE), { recursive: true });
  await writeFile(FILE, JSON.stringify(state, null, 2));
}
