import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export const NOTES_DIR = process.env.MEETING_NOTES_DIR ?? join(homedir(), "MeetingNotes");

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "meeting";
}

export async function saveNote({ title, attendees = [], notes, actions = [], recap }) {
  await mkdir(NOTES_DIR, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const file = join(NOTES_DIR, `${date}-${slug(title)}.md`);
  const md = [
    `# ${title}`,
    "",
    `*Date:* ${date}`,
    attendees.length ? `*Attendees:* ${attendees.join(", ")}` : "",
    "",
    "## Notes",
    "",
    notes.trim(),
    "",
    ...(recap ? ["## Recap", "", recap, ""] : []),
    "## Action items",
    "",
    ...(actions.length ? actions.map((a) => `- [ ] ${a}`) : ["- (none)"]),
    "",
  ].join("\n");
  await writeFile(file, md, "utf8");
  return file;
}

export async function listNotes(limit = 20) {
  try {
    const files = (await readdir(NOTES_DIR)).filter((f) => f.endsWith(".md")).sort().reverse();
    return files.slice(0, limit);
  } catch {
    return [];
  }
}

export async function readNote(name) {
  if (name.includes("/") || name.includes("\\")) throw new Error("Invalid note name");
  return readFile(join(NOTES_DIR, name), "utf8");
}

export async function openActions() {
  const out = [];
  for (const f of await listNotes(200)) {
    const md = await readNote(f);
    for (const line of md.split("\n")) if (line.startsWith("- [ ] ")) out.push(`${f}: ${line.slice(6)}`);
  }
  return out;
}
