import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { embed } from "./embed.js";
export class VectorStore {
    file;
    docs = new Map();
    dirty = false;
    constructor(file) {
        this.file = file;
    }
    async load() {
        try {
            const raw = JSON.parse(await readFile(this.file, "utf8"));
            for (const d of raw.docs)
                this.docs.set(d.id, { ...d, vec: Float32Array.from(d.vec) });
        }
        catch (e) {
            if (e.code !== "ENOENT")
                throw e;
        }
    }
    async save() {
        if (!this.dirty)
            return;
        await mkdir(dirname(this.file), { recursive: true });
        const docs = [...this.docs.values()].map((d) => ({ ...d, vec: Array.from(d.vec) }));
        await writeFile(this.file, JSON.stringify({ version: 2, docs }));
        this.dirty = false;
    }
    upsert(id, text, tags = []) {
        this.docs.set(id, { id, text, tags, vec: embed(text), updated: new Date().toISOString() });
        this.dirty = true;
    }
    delete(id) {
        const had = this.docs.delete(id);
        this.dirty ||= had;
        return had;
    }
    dot(a, b) {
        let s = 0;
        for (let i = 0; i < a.length; i++)
            s += a[i] * b[i];
        return s;
    }
    query(text, k = 5, tag) {
        const q = embed(text);
        const scored = [];
        for (const d of this.docs.values()) {
            if (tag && !d.tags.includes(tag))
                continue;
            scored.push({ id: d.id, score: this.dot(q, d.vec), text: d.text });
        }
        return scored.sort((x, y) => y.score - x.score).slice(0, k);
    }
    get size() {
        return this.docs.size;
    }
}
