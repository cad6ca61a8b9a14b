/** Builds npm-style .tgz tarballs in memory, including hostile ones (links, odd paths). */
import { gzipSync } from "node:zlib";
import { Header } from "tar";

export interface TarEntry {
  path: string;
  body?: string | Buffer;
  type?: "File" | "SymbolicLink" | "Link" | "Directory" | "CharacterDevice" | "FIFO";
  linkpath?: string;
  mode?: number;
}

const MTIME = new Date("1985-10-26T08:15:00Z");

export function tarEntries(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.from(e.body);
    const type = e.type ?? "File";
    const header = Buffer.alloc(512);
    new Header({
      path: e.path,
      mode: e.mode ?? (type === "Directory" ? 0o755 : 0o644),
      size: type === "File" ? body.length : 0,
      type,
      linkpath: e.linkpath,
      mtime: MTIME,
      uid: 0,
      gid: 0,
    }).encode(header, 0);
    blocks.push(header);
    if (type === "File" && body.length > 0) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function makeTgz(entries: TarEntry[]): Buffer {
  return gzipSync(tarEntries(entries));
}

/** A minimal valid package: package.json plus the given files, under `package/`. */
export function packageTgz(
  name: string,
  version: string,
  files: Record<string, string> = {},
  manifest = {},
): Buffer {
  return makeTgz([
    { path: "package/package.json", body: JSON.stringify({ name, version, ...manifest }, null, 2) },
    ...Object.entries(files).map(([p, body]) => ({ path: `package/${p}`, body })),
  ]);
}
