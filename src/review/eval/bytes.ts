/**
 * Bytes the code builds from constants, and the decoders that turn them into text: `Buffer.from(…)`,
 * typed arrays, `TextEncoder`/`TextDecoder`, `Buffer.concat`, zlib's and pako's decompressors, and a
 * buffer's `.toString(enc)`. Text hidden as deflated base64 or as a byte array reads as text again.
 *
 * A byte value is a number array marked as bytes, so an ordinary array of numbers keeps its own
 * `toString`. Decompression is computation on data, capped at MAX_TEXT of output: nothing is run.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync, unzipSync } from "node:zlib";
import type { ESTree } from "meriyah";
import {
  type Budget,
  type Ctx,
  DYNAMIC,
  isText,
  MAX_TEXT,
  type Next,
  num,
  type StaticValue,
} from "./value.js";

const BYTES = new WeakSet<object>();

/** Bytes as a value (DYNAMIC past MAX_TEXT). */
export function bytesValue(b: Uint8Array): StaticValue {
  if (b.length > MAX_TEXT) return DYNAMIC;
  const out = Array.from(b);
  BYTES.add(out);
  return out;
}

/** The bytes a value holds: a byte value, or an array of byte-sized numbers (`new Uint8Array([…])`). */
function bytesOf(v: StaticValue, arrays = false): Buffer | null {
  if (!Array.isArray(v)) return null;
  if (BYTES.has(v) || (arrays && v.every((x) => num(x) && x >= 0 && x <= 255 && Number.isInteger(x))))
    return Buffer.from(v as number[]);
  return null;
}

const ENCODINGS = new Set([
  "base64",
  "base64url",
  "hex",
  "utf8",
  "utf-8",
  "latin1",
  "binary",
  "ascii",
  "utf16le",
]);
const HIDING = new Set(["base64", "base64url", "hex"]);

/** zlib's synchronous decompressors, by method name (called on `zlib`, `require("zlib")` or destructured). */
const DECOMPRESS = new Map<string, (b: Buffer, o: { maxOutputLength: number }) => Buffer>([
  ["inflateSync", inflateSync],
  ["inflateRawSync", inflateRawSync],
  ["gunzipSync", gunzipSync],
  ["unzipSync", unzipSync],
  ["brotliDecompressSync", brotliDecompressSync],
]);
/** pako's decompressors: `pako.inflate(data, { to: "string" })` returns text, otherwise bytes. */
const PAKO = new Map([
  ["inflate", "inflateSync"],
  ["ungzip", "gunzipSync"],
  ["inflateRaw", "inflateRawSync"],
]);

function decompress(method: string, data: Buffer, budget: Budget): StaticValue {
  try {
    const out = DECOMPRESS.get(method)!(data, { maxOutputLength: MAX_TEXT });
    budget.decoded = true;
    return bytesValue(out);
  } catch {
    return DYNAMIC;
  }
}

/** `new TextDecoder(label)` written in place or bound to a name: its label; null when not one. */
function textDecoderLabel(obj: ESTree.Node, next: Next, ctx: Ctx): string | null {
  let n: ESTree.Node | null = obj;
  if (n.type === "Identifier") {
    const def = ctx.resolve(n.name);
    n = def && !("resolved" in def) ? (def.type === "VariableDeclarator" ? (def.init ?? null) : def) : null;
  }
  if (n?.type !== "NewExpression") return null;
  const c = n.callee;
  const name =
    c.type === "Identifier"
      ? c.name
      : c.type === "MemberExpression" && !c.computed && c.property.type === "Identifier"
        ? c.property.name
        : "";
  if (name !== "TextDecoder") return null;
  const label = n.arguments[0] ? next(n.arguments[0] as ESTree.Node) : "utf-8";
  return isText(label) ? label : null;
}

function member(callee: ESTree.Node): { object: ESTree.Node; method: string; owner: string } | null {
  if (callee.type !== "MemberExpression") return null;
  const p = callee.property;
  const method =
    !callee.computed && p.type === "Identifier"
      ? p.name
      : p.type === "Literal" && typeof p.value === "string"
        ? p.value
        : null;
  if (!method) return null;
  const o = callee.object;
  const owner =
    o.type === "Identifier"
      ? o.name
      : o.type === "MemberExpression" && !o.computed && o.property.type === "Identifier"
        ? o.property.name
        : "";
  return { object: o as ESTree.Node, method, owner };
}

/** Calls that make or decode bytes; undefined: not one of them. */
export function evalBytesCall(
  node: ESTree.CallExpression,
  next: Next,
  ctx: Ctx,
  budget: Budget,
): StaticValue | undefined {
  const arg = (i: number) => (node.arguments[i] ? next(node.arguments[i] as ESTree.Node) : undefined);
  const callee = node.callee as ESTree.Node;
  // Destructured zlib: `const { inflateSync } = require("zlib"); inflateSync(buf)`.
  if (callee.type === "Identifier" && DECOMPRESS.has(callee.name)) {
    const data = bytesOf(arg(0) ?? DYNAMIC);
    return data ? decompress(callee.name, data, budget) : undefined;
  }
  const m = member(callee);
  if (!m) return undefined;
  if (m.owner === "Buffer" && m.method === "from") {
    const v = arg(0) ?? DYNAMIC;
    const enc = arg(1) ?? "utf8";
    if (isText(v) && isText(enc) && ENCODINGS.has(enc)) {
      if (HIDING.has(enc)) budget.decoded = true;
      return bytesValue(Buffer.from(v, enc as BufferEncoding));
    }
    const b = bytesOf(v, true);
    return b ? bytesValue(b) : undefined;
  }
  if (m.owner === "Buffer" && m.method === "concat") {
    const parts = arg(0);
    if (!Array.isArray(parts)) return undefined;
    const bufs = parts.map((p) => bytesOf(p, true));
    return bufs.every((b) => b) ? bytesValue(Buffer.concat(bufs as Buffer[])) : undefined;
  }
  if (/^(?:Uint8Array|Uint8ClampedArray)$/.test(m.owner) && m.method === "from") {
    const b = bytesOf(arg(0) ?? DYNAMIC, true);
    return b ? bytesValue(b) : undefined;
  }
  if (DECOMPRESS.has(m.method)) {
    const v = arg(0) ?? DYNAMIC;
    const data = bytesOf(v) ?? (isText(v) ? Buffer.from(v) : null);
    return data ? decompress(m.method, data, budget) : undefined;
  }
  if (m.owner === "pako" && PAKO.has(m.method)) {
    const data = bytesOf(arg(0) ?? DYNAMIC, true);
    if (!data) return undefined;
    const out = decompress(PAKO.get(m.method)!, data, budget);
    const opts = arg(1);
    const asText =
      !!opts &&
      typeof opts === "object" &&
      !Array.isArray(opts) &&
      (opts as Record<string, StaticValue>).to === "string";
    const b = bytesOf(out);
    return asText && b ? b.toString("utf8") : out;
  }
  if (m.method === "encode" && m.object.type === "NewExpression") {
    const v = arg(0);
    return isText(v) ? bytesValue(Buffer.from(v, "utf8")) : undefined;
  }
  if (m.method === "decode") {
    const label = textDecoderLabel(m.object, next, ctx);
    const data = label === null ? null : bytesOf(arg(0) ?? DYNAMIC, true);
    if (!data) return undefined;
    try {
      const text = new TextDecoder(label!).decode(data);
      budget.decoded = true;
      return text;
    } catch {
      return DYNAMIC;
    }
  }
  if (m.method === "toString") {
    const data = bytesOf(next(m.object));
    if (!data) return undefined;
    const enc = arg(0) ?? "utf8";
    if (!isText(enc) || !ENCODINGS.has(enc)) return DYNAMIC;
    return data.toString(enc as BufferEncoding);
  }
  return undefined;
}

/** `new Uint8Array([…])`, `new Uint8Array(bytes)`; undefined: not one. */
export function evalBytesNew(node: ESTree.NewExpression, next: Next): StaticValue | undefined {
  const c = node.callee;
  if (c.type !== "Identifier" || !/^(?:Uint8Array|Uint8ClampedArray)$/.test(c.name)) return undefined;
  const b = node.arguments[0] ? bytesOf(next(node.arguments[0] as ESTree.Node), true) : null;
  return b ? bytesValue(b) : DYNAMIC;
}
