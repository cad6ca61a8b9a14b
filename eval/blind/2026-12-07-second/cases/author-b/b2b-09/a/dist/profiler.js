import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
export async function profileScript(script, args = [], { cwd = process.cwd(), timeoutMs = 60_000 } = {}) {
    const dir = await mkdtemp(join(tmpdir(), "perfscope-"));
    const started = Date.now();
    await new Promise((ok, fail) => {
        const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, resolve(cwd, script), ...args], {
            cwd,
            stdio: ["ignore", "ignore", "pipe"],
        });
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        const t = setTimeout(() => child.kill("SIGINT"), timeoutMs);
        child.on("error", fail);
        child.on("exit", (code) => {
            clearTimeout(t);
            code === 0 || code === null ? ok() : fail(new Error(`script exited with ${code}: ${err.slice(-500)}`));
        });
    });
    const file = (await readdir(dir)).find((f) => f.endsWith(".cpuprofile"));
    if (!file)
        throw new Error("no profile was written");
    const profile = JSON.parse(await readFile(join(dir, file), "utf8"));
    return { file: join(dir, file), wallMs: Date.now() - started, profile };
}
export function hotFunctions(profile, top = 15) {
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas;
    profile.samples.forEach((id, i) => {
        const n = byId.get(id);
        if (!n)
            return;
        const cf = n.callFrame;
        const key = `${cf.functionName || "(anonymous)"} ${cf.url.replace(/^file:\/\//, "")}:${cf.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
    return [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([fn, us]) => ({ fn, selfMs: +(us / 1000).toFixed(1), pct: +((us / total) * 100).toFixed(1) }));
}
