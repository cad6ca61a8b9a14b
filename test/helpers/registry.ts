/**
 * A tiny npm registry on loopback for tests: packuments and tarballs of the packages given,
 * with switches for the faults a real registry can show. pacote talks to it as to npmjs.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PublishedVersion {
  tarball: Buffer;
  /** Override what the packument says (e.g. a wrong integrity, or none). */
  integrity?: string | null;
  shasum?: string;
  /** What the packument claims as dist.unpackedSize. */
  unpackedSize?: number;
}

export interface TestRegistry {
  url: string;
  /** A fresh npm cache folder so no test sees another's cached tarballs. */
  cache: string;
  requests: string[];
  close(): Promise<void>;
}

export function sri(data: Buffer): string {
  return `sha512-${createHash("sha512").update(data).digest("base64")}`;
}

export interface RegistryFaults {
  /** Packages whose packument never arrives (the response stalls). */
  stall?: string[];
}

export async function startRegistry(
  packages: Record<string, Record<string, PublishedVersion>>,
  faults: RegistryFaults = {},
): Promise<TestRegistry> {
  const requests: string[] = [];
  let base = "";
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? "/");
    requests.push(url);
    if (faults.stall?.includes(url.slice(1))) return; // never answer
    const tar = /^\/(.+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(url);
    if (tar) {
      const v = packages[tar[1]!]?.[tar[2]!];
      if (!v) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(v.tarball);
      return;
    }
    const name = url.slice(1);
    const versions = packages[name];
    if (!versions) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
      return;
    }
    const bare = name.replace(/^@[^/]+\//, "");
    const doc = {
      name,
      "dist-tags": { latest: Object.keys(versions).at(-1) },
      versions: Object.fromEntries(
        Object.entries(versions).map(([version, v]) => {
          const dist: Record<string, string> = {
            tarball: `${base}/${name}/-/${bare}-${version}.tgz`,
            shasum: v.shasum ?? createHash("sha1").update(v.tarball).digest("hex"),
          };
          if (v.integrity !== null) dist.integrity = v.integrity ?? sri(v.tarball);
          return [
            version,
            { name, version, dist: { ...dist, ...(v.unpackedSize ? { unpackedSize: v.unpackedSize } : {}) } },
          ];
        }),
      ),
    };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cache = mkdtempSync(join(tmpdir(), "mcp-guard-cache-"));
  return {
    url: base,
    cache,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(cache, { recursive: true, force: true });
    },
  };
}
