import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
export function notesDir() {
    return process.env.SESSION_NOTES_DIR ?? join(homedir(), ".session-notes");
}
function slugify(title) {
    return title
        .toLowerCase()
        .normalize("NFKD")
        .replace(/[^\w\s-]/g, "")
        .trim()
        .replace(/\s+/g, "-")
        .slice(0, 80) || "note";
}
function frontMatter(meta) {
    return `---\ntitle: ${JSON.stringify(meta.title)}\nupdated: ${meta.updated}\ntags: [${meta.tags.join(", ")}]\n---\n`;
}
function parse(slug, text) {
    const m = text.match(/^---\n([\s\S]*?)\n---\n?/);
    const head = m?.[1] ?? "";
    const title = head.match(/^title: (.*)$/m)?.[1];
    const tags = head.match(/^tags: \[(.*)\]$/m)?.[1];
    return {
        meta: {
            slug,
            title: title ? JSON.parse(title) : slug,
            updated: head.match(/^updated: (.*)$/m)?.[1] ?? "",
            tags: tags ? tags.split(",").map((t) => t.trim()).filter(Boolean) : [],
        },
        body: m ? text.slice(m[0].length) : text,
    };
}
export async function saveNote(title, body, tags = []) {
    await mkdir(notesDir(), { recursive: true });
    const meta = { slug: slugify(title), title, updated: new Date().toISOString(), tags };
    await writeFile(join(notesDir(), `${meta.slug}.md`), frontMatter(meta) + body, "utf8");
    return meta;
}
export async function readNote(slug) {
    return readFile(join(notesDir(), `${slugify(slug)}.md`), "utf8");
}
async function all() {
    let files = [];
    try {
        files = (await readdir(notesDir())).filter((f) => f.endsWith(".md"));
    }
    catch {
        return [];
    }
    return Promise.all(files.map(async (f) => parse(f.slice(0, -3), await readFile(join(notesDir(), f), "utf8"))));
}
export async function listNotes(tag) {
    return (await all())
        .map((n) => n.meta)
        .filter((m) => !tag || m.tags.includes(tag))
        .sort((a, b) => b.updated.localeCompare(a.updated));
}
export async function searchNotes(query, limit = 10) {
    const q = query.toLowerCase();
    const hits = [];
    for (const n of await all()) {
        const idx = n.body.toLowerCase().indexOf(q);
        if (idx === -1 && !n.meta.title.toLowerCase().includes(q))
            continue;
        const start = Math.max(0, idx - 80);
        hits.push({ ...n.meta, excerpt: idx === -1 ? n.body.slice(0, 160) : n.body.slice(start, idx + 160) });
    }
    return hits.slice(0, limit);
}
