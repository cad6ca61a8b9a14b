/**
 * A real npm registry for tests: Verdaccio, in process, on loopback, with a throwaway storage folder
 * and no uplinks (nothing leaves the machine). Fixtures are published to it over HTTP the way
 * `npm publish` does, and pacote then fetches them exactly as it fetches from npmjs.
 *
 * `startFaultProxy` sits in front of it and injects the faults a registry shows in real life.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runServer } from "verdaccio";
import { withLimits } from "../../src/common/limits.js";
import { readTarball } from "../../src/npm/tarball.js";

export interface Verdaccio {
  url: string;
  publish(tgz: Buffer, meta: { name: string; version: string }): Promise<void>;
  /** Removes one version, as `npm unpublish name@version` does. */
  unpublish(name: string, version: string): Promise<void>;
  close(): Promise<void>;
}

export function sri(data: Buffer): string {
  return `sha512-${createHash("sha512").update(data).digest("base64")}`;
}

export async function startVerdaccio(): Promise<Verdaccio> {
  const dir = mkdtempSync(join(tmpdir(), "mcp-guard-verdaccio-"));
  const server: Server = await runServer({
    self_path: dir,
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: -1 } },
    uplinks: {},
    packages: { "**": { access: "$all", publish: "$anonymous", unpublish: "$anonymous" } },
    log: { type: "stdout", format: "json", level: "fatal" },
    web: { enable: false },
    // Room for the hostile fixtures of bench/bombs.ts (the default is 10 MB).
    max_body_size: "200mb",
    // biome-ignore lint/suspicious/noExplicitAny: verdaccio's ConfigYaml type wants fields it defaults itself
  } as any);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`verdaccio ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  return {
    url,
    async publish(tgz, { name, version }) {
      // Like npm publish: the version document is the package's own package.json plus dist.
      const own = await readTarball("publish", tgz, withLimits()).then(
        (s) => s.manifest,
        () => ({}),
      );
      const file = `${name.replace(/^@[^/]+\//, "")}-${version}.tgz`;
      await call("PUT", `/${name.replace("/", "%2f")}`, {
        _id: name,
        name,
        "dist-tags": { latest: version },
        versions: {
          [version]: {
            ...own,
            _id: `${name}@${version}`,
            name,
            version,
            dist: {
              tarball: `${url}/${name}/-/${file}`,
              integrity: sri(tgz),
              shasum: createHash("sha1").update(tgz).digest("hex"),
            },
          },
        },
        _attachments: {
          [file]: {
            content_type: "application/octet-stream",
            data: tgz.toString("base64"),
            length: tgz.length,
          },
        },
      });
    },
    async unpublish(name, version) {
      const path = `/${name.replace("/", "%2f")}`;
      const doc = (await call("GET", `${path}?write=true`)) as {
        _rev: string;
        versions: Record<string, unknown>;
        "dist-tags": Record<string, string>;
      };
      delete doc.versions[version];
      for (const [tag, v] of Object.entries(doc["dist-tags"])) {
        if (v === version) doc["dist-tags"][tag] = Object.keys(doc.versions).at(-1)!;
      }
      await call("PUT", `${path}/-rev/${doc._rev}`, doc);
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a fault proxy does to one matching request. */
export type FaultAction =
  | { status: number; headers?: Record<string, string> }
  | "stall"
  | "reset"
  /** Sends the headers and half the body, then cuts the connection. */
  | "cut"
  /** Rewrites the upstream response body (packument JSON or tarball bytes). */
  | { rewrite: (body: Buffer) => Buffer };

export interface Fault {
  kind: "packument" | "tarball";
  /** Only requests whose path contains this. */
  match?: string;
  /** How many matching requests it hits; every one when absent. */
  times?: number;
  action: FaultAction;
}

export interface FaultProxy {
  url: string;
  /** Every request seen, with the time it arrived (ms since the proxy started). */
  requests: { kind: "packument" | "tarball"; path: string; at: number; fault: string | null }[];
  faults: Fault[];
  close(): Promise<void>;
}

const faultLabel = (a: FaultAction): string =>
  typeof a === "string" ? a : "status" in a ? `status ${a.status}` : "rewrite";

/**
 * An HTTP proxy in front of a registry. The Host header is passed through, so the registry writes
 * tarball URLs that point back at the proxy and tarball downloads cross it too.
 */
export async function startFaultProxy(upstream: string, faults: Fault[] = []): Promise<FaultProxy> {
  const up = new URL(upstream);
  const t0 = Date.now();
  const requests: FaultProxy["requests"] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    const kind = /\/-\/[^/]+\.tgz$/.test(path) ? "tarball" : "packument";
    const fault = faults.find(
      (f) => f.kind === kind && (!f.match || path.includes(f.match)) && f.times !== 0,
    );
    if (fault && fault.times !== undefined) fault.times--;
    requests.push({ kind, path, at: Date.now() - t0, fault: fault ? faultLabel(fault.action) : null });
    const action = fault?.action;
    if (action === "stall") return;
    if (action === "reset") {
      req.socket.destroy();
      return;
    }
    if (action && typeof action === "object" && "status" in action) {
      res.writeHead(action.status, { "content-type": "application/json", ...action.headers });
      res.end(JSON.stringify({ error: `injected ${action.status}` }));
      return;
    }
    // Passed through (and maybe rewritten); no compression so bodies can be edited.
    const headers = { ...req.headers, "accept-encoding": "identity" };
    const upReq = request(
      { host: up.hostname, port: up.port, path, method: req.method, headers },
      (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on("data", (c: Buffer) => chunks.push(c));
        upRes.on("end", () => {
          let body: Buffer = Buffer.concat(chunks);
          if (action && typeof action === "object" && "rewrite" in action) body = action.rewrite(body);
          const h = { ...upRes.headers };
          delete h["transfer-encoding"];
          delete h.etag;
          h["content-length"] = String(body.length);
          res.writeHead(upRes.statusCode ?? 502, h);
          if (action === "cut") {
            res.write(body.subarray(0, Math.floor(body.length / 2)));
            setTimeout(() => req.socket.destroy(), 10);
            return;
          }
          res.end(body);
        });
      },
    );
    upReq.on("error", () => res.destroy());
    req.pipe(upReq);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    faults,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
