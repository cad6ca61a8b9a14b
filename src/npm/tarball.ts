/**
 * Reads an npm tarball in memory as data: gunzip with an output cap, node-tar's parser
 * in strict mode, only regular files kept. Nothing is written to disk, nothing executed.
 */
import { gunzipSync } from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import { McpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";
import { makeSnapshot, normalizeEntryPath, readPackageFile } from "../review/files.js";
import type { Anomaly, PackageFile, PackageSnapshot } from "../review/types.js";

const REGULAR = new Set(["File", "OldFile", "ContiguousFile"]);
const ANOMALY_KIND: Record<string, Anomaly["kind"]> = {
  SymbolicLink: "symlink",
  Link: "hardlink",
  CharacterDevice: "device",
  BlockDevice: "device",
  FIFO: "fifo",
};

export interface TarballMeta {
  name?: string;
  version?: string;
  integrity?: string;
}

function gunzip(source: string, data: Uint8Array, limits: Limits): Buffer {
  if (data.length > limits.maxTarballBytes) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `${source}: tarball is ${data.length} bytes, over the ${limits.maxTarballBytes}-byte limit`,
    );
  }
  if (data.length < 2 || data[0] !== 0x1f || data[1] !== 0x8b) {
    throw new McpGuardError("E_MCPGUARD_CORRUPT", `${source}: not a gzip-compressed tarball`);
  }
  // Headers and padding take at most ~1 KiB per entry beyond the file bytes themselves.
  const cap = limits.maxUnpackedBytes + limits.maxEntries * 1024 + 1024 * 1024;
  try {
    return gunzipSync(data, { maxOutputLength: cap });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
      throw new McpGuardError(
        "E_MCPGUARD_LIMIT",
        `${source}: unpacks to more than ${limits.maxUnpackedBytes} bytes (gzip bomb or oversized package)`,
      );
    }
    throw new McpGuardError(
      "E_MCPGUARD_CORRUPT",
      `${source}: corrupt or truncated gzip data (${err.message})`,
    );
  }
}

export async function readTarball(
  source: string,
  data: Uint8Array,
  limits: Limits,
  meta: TarballMeta = {},
): Promise<PackageSnapshot> {
  const raw = gunzip(source, data, limits);
  const files = new Map<string, PackageFile>();
  const anomalies: Anomaly[] = [];
  let entries = 0;
  let unpacked = 0;

  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({ strict: true });
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      reject(err);
    };
    parser.on("error", (e: Error) =>
      fail(
        e instanceof McpGuardError
          ? e
          : new McpGuardError("E_MCPGUARD_CORRUPT", `${source}: corrupt tarball (${e.message})`),
      ),
    );
    parser.on("entry", (entry: ReadEntry) => {
      if (failed) return entry.resume();
      entries += 1;
      if (entries > limits.maxEntries) {
        entry.resume();
        parser.abort(
          new McpGuardError("E_MCPGUARD_LIMIT", `${source}: more than ${limits.maxEntries} entries`),
        );
        return;
      }
      unpacked += entry.size ?? 0;
      if (unpacked > limits.maxUnpackedBytes) {
        entry.resume();
        parser.abort(
          new McpGuardError(
            "E_MCPGUARD_LIMIT",
            `${source}: unpacked size over the ${limits.maxUnpackedBytes}-byte limit`,
          ),
        );
        return;
      }
      const type = String(entry.type);
      if (type === "Directory" || type === "GNUDumpDir") return entry.resume();
      const where = normalizeEntryPath(entry.path, limits);
      if (!where.ok) {
        anomalies.push(where.anomaly);
        return entry.resume();
      }
      if (!REGULAR.has(type)) {
        const kind = ANOMALY_KIND[type] ?? "unknown-entry";
        const target = entry.linkpath ? ` → ${entry.linkpath}` : "";
        anomalies.push({ path: where.path, kind, detail: `${type} entry${target}; not followed` });
        return entry.resume();
      }
      const chunks: Buffer[] = [];
      entry.on("data", (c: Buffer) => chunks.push(c));
      entry.on("end", () => {
        if (files.has(where.path)) {
          anomalies.push({
            path: where.path,
            kind: "duplicate-entry",
            detail: "the tarball holds this path twice; an installer would keep the last one",
          });
        }
        files.set(
          where.path,
          readPackageFile(where.path, Buffer.concat(chunks), entry.mode ?? 0o644, limits),
        );
      });
    });
    parser.on("end", () => {
      if (!failed) resolve();
    });
    parser.end(raw);
  });

  return makeSnapshot(source, files, anomalies, meta);
}
