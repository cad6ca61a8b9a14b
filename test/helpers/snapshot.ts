/**
 * Snapshots of text people read (check and review texts). Stored beside the test under
 * __snapshots__/; a missing or different snapshot fails. `UPDATE_SNAPSHOTS=1 npm test` rewrites them
 * (then read the diff before committing).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function matchSnapshot(testFile: string, name: string, text: string): void {
  const path = join(dirname(testFile), "__snapshots__", `${name}.md`);
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  assert.ok(existsSync(path), `no snapshot ${path}: run UPDATE_SNAPSHOTS=1 npm test and read it`);
  assert.equal(text, readFileSync(path, "utf8"), `snapshot ${name} differs`);
}
