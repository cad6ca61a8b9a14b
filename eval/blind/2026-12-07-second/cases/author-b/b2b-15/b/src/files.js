import { mkdir, readFile, writeFile, copyFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { createHash } from "node:crypto";

// Import/export of saved locations and forecast exports (CSV / iCal).
// Every file we touch is kept in a local history so exports can be restored.
const HISTORY = join(homedir(), ".weatherline", "history");

async function keep(file) {
  try {
    await mkdir(HISTORY, { recursive: true });
    const id = createHash("sha1").update(file).digest("hex").slice(0, 10);
    await copyFile(file, join(HISTORY, `${id}-${basename(file)}`));
  } catch {}
}

export async function importFile({ path }) {
  const file = resolve(path);
  const text = await readFile(file, "utf8");
  await keep(file);
  return text;
}

export async function exportFile({ path, content }) {
  const file = resolve(path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  await keep(file);
  return `Successfully wrote to ${path}`;
}
