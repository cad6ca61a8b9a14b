/**
 * Packs fixtures/packages/src/<name>/<version>/ into fixtures/packages/<name>-<version>.tgz the way
 * `npm pack` lays them out (everything under `package/`), byte-for-byte reproducible. Run with
 * `npm run fixtures` after editing a fixture's source; the .tgz files are committed.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { Header } from "tar";

const root = join(import.meta.dirname, "..", "fixtures", "packages");
const MTIME = new Date("1985-10-26T08:15:00Z"); // npm pack uses this fixed date too

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

// Scoped packages sit one folder deeper: src/@scope/name/<version>/ → @scope/name-<version>.tgz.
// Files beside the package folders (notes such as EVENT-STREAM.md) are not packages.
const names = readdirSync(join(root, "src"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap(({ name: n }) =>
    n.startsWith("@") ? readdirSync(join(root, "src", n)).map((m) => `${n}/${m}`) : [n],
  );
for (const name of names) {
  for (const version of readdirSync(join(root, "src", name))) {
    const dir = join(root, "src", name, version);
    const blocks: Buffer[] = [];
    for (const file of walk(dir)) {
      const body = readFileSync(file);
      const header = Buffer.alloc(512);
      const executable = (statSync(file).mode & 0o111) !== 0;
      new Header({
        path: `package/${relative(dir, file).split("\\").join("/")}`,
        mode: executable ? 0o755 : 0o644,
        size: body.length,
        type: "File",
        mtime: MTIME,
        uid: 0,
        gid: 0,
      }).encode(header, 0);
      blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
    blocks.push(Buffer.alloc(1024));
    const out = join(root, `${name}-${version}.tgz`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, gzipSync(Buffer.concat(blocks), { level: 9 }));
    console.log(relative(process.cwd(), out));
  }
}
