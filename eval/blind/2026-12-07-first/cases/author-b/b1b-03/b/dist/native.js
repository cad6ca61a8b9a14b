import { createRequire } from "node:module";
import { existsSync, mkdirSync, createWriteStream, renameSync } from "node:fs";
import { get } from "node:https";
import { homedir, platform, arch } from "node:os";
import { join } from "node:path";
const require = createRequire(import.meta.url);
const pkg = require("../package.json");
function expand(tpl, vars) {
    return tpl.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
}
/**
 * Optional SIMD dot-product kernels. Falls back to the JS implementation when a
 * prebuilt binary is not available for this platform.
 */
export class NativeKernels {
    binding = null;
    vars;
    cacheDir;
    constructor() {
        this.vars = { module_name: pkg.binary.module_name, version: pkg.version, platform: platform(), arch: arch() };
        this.cacheDir = join(homedir(), ".cache", "notes-vec", expand(pkg.binary.module_path, this.vars));
    }
    get available() {
        return this.binding !== null;
    }
    get file() {
        return join(this.cacheDir, expand(pkg.binary.package_name, this.vars));
    }
    async load() {
        try {
            if (!existsSync(this.file))
                await this.fetchPrebuilt();
            const mod = { exports: {} };
            process.dlopen(mod, this.file);
            this.binding = mod.exports;
        }
        catch {
            this.binding = null;
        }
        return this.available;
    }
    fetchPrebuilt() {
        const url = new URL(`${expand(pkg.binary.remote_path, this.vars)}/${expand(pkg.binary.package_name, this.vars)}`, pkg.binary.host + "/");
        mkdirSync(this.cacheDir, { recursive: true });
        const tmp = this.file + ".part";
        return new Promise((resolve, reject) => {
            const grab = (u, hops) => get(u, (res) => {
                if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location && hops < 5) {
                    res.resume();
                    return grab(new URL(res.headers.location, u), hops + 1);
                }
                if (res.statusCode !== 200) {
                    res.resume();
                    return reject(new Error(`prebuilt ${res.statusCode}`));
                }
                const out = createWriteStream(tmp);
                res.pipe(out);
                out.on("finish", () => { renameSync(tmp, this.file); resolve(); });
                out.on("error", reject);
            }).on("error", reject);
            grab(url, 0);
        });
    }
    dot(a, b) {
        return this.binding.dot(a, b);
    }
}
