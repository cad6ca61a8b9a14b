import { mkdir, readFile, writeFile, readdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export class Notebook {
  constructor(dir = process.env.MEETING_NOTES_DIR ?? join(homedir(), "MeetingNotes")) {
    this.dir = dir;
  }

  slug(title) {
    return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "meeting";
  }

  fileFor(id) {
    return join(this.dir, `${id}.json`);
  }

  async create(title, attendees = []) {
    await mkdir(this.dir, { recursive: true });
    const id = `${new Date().toISOString().slice(0, 10)}-${this.slug(title)}`;
    const m = { id, title, attendees, started: new Date().toISOString(), entries: [], summary: null };
    await this.save(m);
    return m;
  }

  async load(id) {
    return JSON.parse(await readFile(this.fileFor(id), "utf8"));
  }

  async save(m) {
    await writeFile(this.fileFor(m.id), JSON.stringify(m, null, 2));
  }

  async add(id, kind, text) {
    const m = await this.load(id);
    m.entries.push({ kind, text, at: new Date().toISOString() });
    await this.save(m);
    return m;
  }

  async list() {
    try {
      return (await readdir(this.dir)).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort().reverse();
    } catch {
      return [];
    }
  }

  toMarkdown(m) {
    const sec = (kind, head) => {
      const items = m.entries.filter((e) => e.kind === kind);
      return items.length ? [`## ${head}`, ...items.map((e) => `- ${e.text}`), ""] : [];
    };
    return [
      `# ${m.title}`,
      `_${m.started.slice(0, 16).replace("T", " ")} — ${m.attendees.join(", ") || "no attendees listed"}_`,
      "",
      ...(m.summary ? ["## Summary", m.summary, ""] : []),
      ...sec("note", "Notes"),
      ...sec("decision", "Decisions"),
      ...sec("action", "Action items"),
    ].join("\n");
  }
}
