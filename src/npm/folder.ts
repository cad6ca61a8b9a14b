/** Reads an unpacked package folder as plain files: never executed, links never followed. */
import { lstat, open, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { McpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";
import { makeSnapshot, readPackageFile } from "../review/files.js";
import type { Anomaly, PackageFile, PackageSnapshot } from "../review/types.js";

/** Folders a developer's checkout has that a published package would not. */
const SKIPPED_DIRS = new Set([".git", "node_modules"]);

async function readCapped(path: string, size: number): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(size);
    const { bytesRead } = await fh.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function readFolder(root: string, limits: Limits): Promise<PackageSnapshot> {
  const files = new Map<string, PackageFile>();
  const anomalies: Anomaly[] = [];
  let entries = 0;
  let unpacked = 0;
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const children = await readdir(dir, { withFileTypes: true });
    children.sort((x, y) => (x.name < y.name ? -1 : 1));
    for (const child of children) {
      const abs = join(dir, child.name);
      const rel = relative(root, abs).split(sep).join("/");
      entries += 1;
      if (entries > limits.maxEntries) {
        throw new McpGuardError("E_MCPGUARD_LIMIT", `${root}: more than ${limits.maxEntries} entries`);
      }
      if (rel.split("/").length > limits.maxPathDepth) {
        anomalies.push({ path: rel, kind: "path-too-deep", detail: `deeper than ${limits.maxPathDepth}` });
        continue;
      }
      const st = await lstat(abs);
      if (st.isSymbolicLink()) {
        anomalies.push({ path: rel, kind: "symlink", detail: "symbolic link; not followed" });
      } else if (st.isDirectory()) {
        if (!SKIPPED_DIRS.has(child.name)) stack.push(abs);
      } else if (st.isFile()) {
        unpacked += st.size;
        if (unpacked > limits.maxUnpackedBytes) {
          throw new McpGuardError(
            "E_MCPGUARD_LIMIT",
            `${root}: files add up to more than ${limits.maxUnpackedBytes} bytes`,
          );
        }
        if (st.nlink > 1) {
          anomalies.push({ path: rel, kind: "hardlink", detail: `file has ${st.nlink} hard links` });
        }
        files.set(rel, readPackageFile(rel, await readCapped(abs, st.size), st.mode & 0o777, limits));
      } else {
        anomalies.push({ path: rel, kind: "device", detail: "device, socket or FIFO; not read" });
      }
    }
  }
  return makeSnapshot(root, files, anomalies);
}
