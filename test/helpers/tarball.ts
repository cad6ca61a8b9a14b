/** Builds npm-style .tgz tarballs in memory, including hostile ones (links, odd paths). */
import { gzipSync } from "node:zlib";
import { Header } from "tar";

export interface TarEntry {
  path: string;
  /** PAX extended-header records written before this entry (they override its ustar fields). */
  pax?: Record<string, string>;
  body?: string | Buffer;
  /** "GlobalExtendedHeader": only a global PAX header (records in `pax`), applying to all that follow. */
  type?: "File" | "SymbolicLink" | "Link" | "Directory" | "CharacterDevice" | "FIFO" | "GlobalExtendedHeader";
  linkpath?: string;
  mode?: number;
}

const MTIME = new Date("1985-10-26T08:15:00Z");

export function tarEntries(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    if (e.pax) blocks.push(...paxBlocks(e.pax, e.type === "GlobalExtendedHeader"));
    if (e.type === "GlobalExtendedHeader") continue;
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

/** A PAX header block and its records ("len key=value\n"), written by hand so any record can be forged. */
function paxBlocks(records: Record<string, string>, global: boolean): Buffer[] {
  const body = Buffer.concat(
    Object.entries(records).map(([k, v]) => {
      const rest = ` ${k}=${v}\n`;
      let len = Buffer.byteLength(rest) + 1;
      while (String(len).length + Buffer.byteLength(rest) !== len)
        len = String(len).length + Buffer.byteLength(rest);
      return Buffer.from(`${len}${rest}`);
    }),
  );
  const header = Buffer.alloc(512);
  new Header({
    path: "PaxHeader/x",
    mode: 0o644,
    size: body.length,
    type: global ? "GlobalExtendedHeader" : "ExtendedHeader",
    mtime: MTIME,
    uid: 0,
    gid: 0,
  }).encode(header, 0);
  return [header, body, Buffer.alloc((512 - (body.length % 512)) % 512)];
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
