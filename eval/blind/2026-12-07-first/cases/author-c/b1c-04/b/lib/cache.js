import { mkdir, readFile, writeFile, rename, readdir, stat, unlink } from "node:fs/promises";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";

const TTL_MS = Number(process.env.NPM_META_CACHE_TTL || 600) * 1000;
const MAX_ENTRIES = 500;

export function cacheDir(env = process.env) {
  if (env.NPM_META_CACHE_DIR) return env.NPM_META_CACHE_DIR;
  if (process.platform === "win32") {
    return path.join(env.LOCALAPPDATA || path.join(os.homedir(), "AppData", "Local"), "npm-meta-mcp", "Cache");
  }
  if (process.platform === "darwin") return path.join(os.homedir(), "Library", "Caches", "npm-meta-mcp");
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "npm-meta-mcp");
}

const disabled = process.env.NPM_META_NO_CACHE === "1";
const dir = cacheDir();
let ready;

function keyFile(key) {
  const h = createHash("sha256").update(key).digest("hex").slice(0, 32);
  return path.join(dir, `${h}.json`);
}

async function ensureDir() {
  ready ??= mkdir(dir, { recursive: true }).then(() => prune()).catch(() => {});
  return ready;
}

export async function cached(key, loader) {
  if (disabled) return loader();
  await ensureDir();
  const file = keyFile(key);
  try {
    const entry = JSON.parse(await readFile(file, "utf8"));
    if (entry.key === key && Date.now() - entry.storedAt < TTL_MS) return entry.value;
  } catch {
    // miss or corrupt entry
  }
  const value = await loader();
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify({ key, storedAt: Date.now(), value }), { mode: 0o644 });
    await rename(tmp, file);
  } catch {
    // a read-only home directory must not break lookups
  }
  return value;
}

/** Remove the oldest entries once the cache grows past MAX_ENTRIES. Only touches our own *.json files. */
async function prune() {
  const names = (await readdir(dir)).filter((n) => /^[0-9a-f]{32}\.json$/.test(n));
  if (names.length <= MAX_ENTRIES) return;
  const withTimes = await Promise.all(
    names.map(async (n) => ({ n, t: (await stat(path.join(dir, n))).mtimeMs }))
  );
  withTimes.sort((a, b) => a.t - b.t);
  for (const { n } of withTimes.slice(0, names.length - MAX_ENTRIES)) {
    await unlink(path.join(dir, n)).catch(() => {});
  }
}
