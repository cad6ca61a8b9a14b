/**
 * Turning tarball/folder entries into package files, as pure functions: path checks,
 * binary sniffing by content, the per-file text cap. I/O lives in src/npm/.
 */
import { createHash } from "node:crypto";
import { McpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";
import type { Anomaly, BinaryKind, PackageFile, PackageSnapshot } from "./types.js";

export type EntryPath = { ok: true; path: string } | { ok: false; anomaly: Anomaly };

/**
 * Normalises a tarball entry path: drops the leading folder npm puts every file in
 * (`package/`, sometimes another name) and refuses absolute, `..` and too-deep paths.
 */
export function normalizeEntryPath(raw: string, limits: Pick<Limits, "maxPathDepth">): EntryPath {
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  if (raw.startsWith("/") || /^[A-Za-z]:[\\/]/.test(raw) || raw.startsWith("\\")) {
    return { ok: false, anomaly: { path: shown, kind: "absolute-path", detail: "absolute path in tarball" } };
  }
  const parts = raw.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) {
    return {
      ok: false,
      anomaly: { path: shown, kind: "path-traversal", detail: "path climbs out of the package with '..'" },
    };
  }
  if (parts.length > limits.maxPathDepth) {
    return {
      ok: false,
      anomaly: {
        path: shown,
        kind: "path-too-deep",
        detail: `path depth ${parts.length} exceeds ${limits.maxPathDepth}`,
      },
    };
  }
  parts.shift();
  if (parts.length === 0) {
    return { ok: false, anomaly: { path: shown, kind: "unknown-entry", detail: "entry outside any folder" } };
  }
  return { ok: true, path: parts.join("/") };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Content sniffing: executables and wasm by magic number, other binary by NUL bytes or invalid UTF-8. */
export function sniffBinary(bytes: Uint8Array): BinaryKind | null {
  const b = bytes;
  if (b.length >= 4) {
    const m = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (m === 0x7f454c46) return "elf";
    if (m === 0x0061736d) return "wasm";
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe, 0xbebafeca].includes(m)) return "macho";
  }
  if (b.length >= 2 && b[0] === 0x4d && b[1] === 0x5a) {
    // "MZ" starts many text files too; a PE file has its header offset at 0x3c.
    const off = b.length >= 0x40 ? b[0x3c]! | (b[0x3d]! << 8) : -1;
    if (off > 0 && off + 4 <= b.length && b[off] === 0x50 && b[off + 1] === 0x45) return "pe";
  }
  const head = b.subarray(0, Math.min(b.length, 8192));
  if (head.includes(0)) return "other";
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const utf8AsNodeReads = new TextDecoder("utf-8", { fatal: false });

/**
 * Files Node or npm may execute or load: code, and JSON (require() and config reads). They are always
 * reviewed as text, decoded as Node decodes them (invalid UTF-8 becomes U+FFFD, NUL stays a character),
 * so one stray byte cannot turn code into an unreviewed "binary".
 */
export function isLoadablePath(path: string): boolean {
  return /\.(?:[mc]?[jt]sx?|json)$/i.test(path) && !/\.d\.[mc]?ts$/i.test(path);
}

export function readPackageFile(
  path: string,
  bytes: Uint8Array,
  mode: number,
  limits: Pick<Limits, "maxTextFileBytes">,
): PackageFile {
  const base = { path, size: bytes.length, mode, sha256: sha256(bytes) };
  const kind = sniffBinary(bytes);
  const loadable = isLoadablePath(path);
  // An executable or wasm image is binary whatever its name; NULs alone do not make code binary.
  if (kind && !(loadable && kind === "other")) return { ...base, kind: "binary", binaryKind: kind };
  if (bytes.length > limits.maxTextFileBytes) return { ...base, kind: "too-large" };
  try {
    const text = utf8.decode(bytes);
    return { ...base, kind: "text", text, ...(loadable && text.includes("\0") ? { lossy: true } : {}) };
  } catch {
    if (loadable) return { ...base, kind: "text", text: utf8AsNodeReads.decode(bytes), lossy: true };
    return { ...base, kind: "binary", binaryKind: "other" };
  }
}

/** Assembles a snapshot; name and version come from the caller or the package's own package.json. */
export function makeSnapshot(
  source: string,
  files: Map<string, PackageFile>,
  anomalies: Anomaly[],
  known: { name?: string; version?: string; integrity?: string } = {},
): PackageSnapshot {
  const pj = files.get("package.json");
  let manifest: Record<string, unknown> = {};
  if (pj?.text !== undefined) {
    try {
      const parsed: unknown = JSON.parse(pj.text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        manifest = parsed as Record<string, unknown>;
    } catch {
      /* handled below: a package.json that does not parse is treated as missing */
    }
  }
  const name = known.name ?? (typeof manifest.name === "string" ? manifest.name : undefined);
  const version = known.version ?? (typeof manifest.version === "string" ? manifest.version : undefined);
  if (!name || !version) {
    throw new McpGuardError(
      "E_MCPGUARD_CORRUPT",
      `${source}: no readable package.json with a name and version; this is not an npm package`,
    );
  }
  return { name, version, source, integrity: known.integrity, manifest, files, anomalies };
}
