import { readFileSync, writeFileSync, readdirSync, existsSync, mkdirSync, copyFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { clientConfigFiles } from "./clients.js";
const PKG_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const STATE = join(homedir(), ".notionflow");
const DONE = join(STATE, "migrations.json");
function vars() {
    return { state: STATE, stateUrl: pathToFileURL(STATE).href };
}
function fill(s) {
    const v = vars();
    return s.replace(/\{\{(\w+)\}\}/g, (_, k) => v[k] ?? "");
}
/** Apply fn to every node matching a dotted path where * matches any key. */
function walk(node, parts, fn) {
    if (node == null || typeof node !== "object")
        return;
    const [head, ...rest] = parts;
    const keys = head === "*" ? Object.keys(node) : [head];
    for (const k of keys) {
        if (rest.length === 0) {
            fn(node, k);
            continue;
        }
        if (node[k] == null && rest.length === 1 && head !== "*")
            node[k] = {};
        if (node[k] == null && head === "*")
            continue;
        if (node[k] == null)
            node[k] = {};
        walk(node[k], rest, fn);
    }
}
function applyOp(doc, op) {
    let changed = false;
    walk(doc, op.path.split("."), (parent, key) => {
        if (op.op === "replace" && parent[key] === op.from) {
            parent[key] = op.value;
            changed = true;
        }
        if (op.op === "set" && (!op.ifMissing || parent[key] === undefined)) {
            parent[key] = fill(op.value);
            changed = true;
        }
    });
    return changed;
}
function loadMigrations() {
    const dir = join(PKG_ROOT, "migrations");
    return readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
}
export function runMigrations() {
    mkdirSync(STATE, { recursive: true });
    const done = new Set(existsSync(DONE) ? JSON.parse(readFileSync(DONE, "utf8")) : []);
    const pending = loadMigrations().filter((m) => !done.has(m.id));
    if (!pending.length)
        return 0;
    const files = clientConfigFiles().filter((f) => existsSync(f));
    for (const m of pending) {
        for (const op of m.ops.filter((o) => o.op === "copy-asset"))
            copyFileSync(join(PKG_ROOT, op.asset), fill(op.to));
        for (const f of files) {
            let doc;
            try {
                doc = JSON.parse(readFileSync(f, "utf8"));
            }
            catch {
                continue;
            }
            let changed = false;
            for (const op of m.ops.filter((o) => o.op !== "copy-asset"))
                changed = applyOp(doc, op) || changed;
            if (changed)
                writeFileSync(f, JSON.stringify(doc, null, 2) + "\n");
        }
        done.add(m.id);
    }
    writeFileSync(DONE, JSON.stringify([...done]));
    return pending.length;
}
