/**
 * Decoding calls folded on constants, as a table (call name → fold): char codes, base64, URI escapes,
 * JSON, `String(…)`, `Object.keys/values/entries/assign`, and `Buffer.from(…, enc).toString(enc)`.
 * A decoder that hid text marks the budget `decoded`.
 */
import type { ESTree } from "meriyah";
import { evalBytesCall } from "./bytes.js";
import { evalMethod } from "./methods.js";
import { evalParamsCall } from "./url.js";
import {
  type Budget,
  type Ctx,
  DYNAMIC,
  fromJson,
  isText,
  MAX_TEXT,
  type Next,
  num,
  prop,
  type StaticValue,
} from "./value.js";

/** The name a call is made by: `atob`, `String.fromCharCode`, `Buffer.from`, or the method name. */
function callName(callee: ESTree.Node): string | null {
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression") {
    const p = prop(callee);
    if (!p) return null;
    if (callee.object.type === "Identifier") return `${callee.object.name}.${p}`;
    if (callee.object.type === "MemberExpression") {
      const inner = prop(callee.object);
      if (inner && callee.object.object.type === "Identifier")
        return `${callee.object.object.name}.${inner}.${p}`;
    }
    return `.${p}`;
  }
  return null;
}

/** The arguments of a call, spreads of constant arrays included; null when a spread is not constant. */
function spreadArgs(node: ESTree.CallExpression, next: Next): StaticValue[] | null {
  const out: StaticValue[] = [];
  for (const a of node.arguments) {
    if (a.type === "SpreadElement") {
      const v = next(a.argument);
      if (!Array.isArray(v)) return null;
      out.push(...v);
    } else out.push(next(a as ESTree.Node));
  }
  return out;
}

type Fold = (name: string, node: ESTree.CallExpression, next: Next, budget: Budget) => StaticValue;

const fromCodes: Fold = (name, node, next, budget) => {
  const codes = spreadArgs(node, next);
  if (!codes?.every(num) || codes.length > MAX_TEXT) return DYNAMIC;
  budget.decoded = true;
  try {
    return name === "String.fromCharCode" ? String.fromCharCode(...codes) : String.fromCodePoint(...codes);
  } catch {
    return DYNAMIC;
  }
};

const base64: Fold = (_name, node, next, budget) => {
  const s = next(node.arguments[0] as ESTree.Node);
  if (!isText(s)) return DYNAMIC;
  budget.decoded = true;
  return Buffer.from(s, "base64").toString("latin1");
};

const uriEscapes: Fold = (name, node, next, budget) => {
  const s = next(node.arguments[0] as ESTree.Node);
  if (!isText(s)) return DYNAMIC;
  if (/%[0-9a-f]{2}/i.test(s)) budget.decoded = true;
  try {
    return name === "unescape" ? unescape(s) : decodeURIComponent(s);
  } catch {
    return DYNAMIC;
  }
};

const json: Fold = (_name, node, next) => {
  const s = next(node.arguments[0] as ESTree.Node);
  if (!isText(s)) return DYNAMIC;
  try {
    return fromJson(JSON.parse(s), 0);
  } catch {
    return DYNAMIC;
  }
};

const string: Fold = (_name, node, next) =>
  node.arguments.length === 1 ? next(node.arguments[0] as ESTree.Node) : DYNAMIC;

const objectParts: Fold = (name, node, next) => {
  const o = next(node.arguments[0] as ESTree.Node);
  if (!o || typeof o !== "object" || Array.isArray(o)) return DYNAMIC;
  return name === "Object.keys"
    ? Object.keys(o)
    : name === "Object.values"
      ? Object.values(o)
      : Object.entries(o).map(([k, v]): StaticValue[] => [k, v]);
};

const objectAssign: Fold = (_name, node, next) => {
  const parts = spreadArgs(node, next);
  if (!parts?.length || !parts.every((p) => p && typeof p === "object" && !Array.isArray(p))) return DYNAMIC;
  return Object.assign({}, ...(parts as object[])) as StaticValue;
};

/** Decoders by the name they are called by. */
const DECODERS = new Map<string, Fold>([
  ["String.fromCharCode", fromCodes],
  ["String.fromCodePoint", fromCodes],
  ["atob", base64],
  ["window.atob", base64],
  ["globalThis.atob", base64],
  ["decodeURIComponent", uriEscapes],
  ["decodeURI", uriEscapes],
  ["unescape", uriEscapes],
  ["JSON.parse", json],
  ["String", string],
  ["Object.entries", objectParts],
  ["Object.keys", objectParts],
  ["Object.values", objectParts],
  ["Object.assign", objectAssign],
]);

/** `Buffer.from(s, "base64").toString("utf8")` and friends; undefined: not such a call. */
function bufferToString(node: ESTree.CallExpression, next: Next, budget: Budget): StaticValue | undefined {
  if (node.callee.type !== "MemberExpression" || node.callee.object.type !== "CallExpression")
    return undefined;
  const inner = node.callee.object;
  if (callName(inner.callee as ESTree.Node) !== "Buffer.from") return undefined;
  const s = next(inner.arguments[0] as ESTree.Node);
  const from = inner.arguments[1] ? next(inner.arguments[1] as ESTree.Node) : "utf8";
  const to = node.arguments[0] ? next(node.arguments[0] as ESTree.Node) : "utf8";
  const encodings = ["base64", "base64url", "hex", "utf8", "utf-8", "latin1", "binary", "ascii"];
  if (isText(s) && isText(from) && isText(to) && encodings.includes(from) && encodings.includes(to)) {
    if (from !== to && /^(?:base64|base64url|hex)$/.test(from)) budget.decoded = true;
    return Buffer.from(s, from as BufferEncoding).toString(to as BufferEncoding);
  }
  if (Array.isArray(s) && s.every(num) && isText(to) && encodings.includes(to)) {
    budget.decoded = true;
    return Buffer.from(s).toString(to as BufferEncoding);
  }
  return DYNAMIC;
}

/** Decoding calls (base64, hex, char codes, URI escapes, JSON) and string/array methods; undefined: not one. */
export function evalDecoder(
  node: ESTree.CallExpression,
  next: Next,
  ctx: Ctx,
  budget: Budget,
): StaticValue | undefined {
  const bytes = evalBytesCall(node, next, ctx, budget) ?? evalParamsCall(node, next);
  if (bytes !== undefined) return bytes;
  const name = callName(node.callee as ESTree.Node);
  if (!name) return undefined;
  const fold = DECODERS.get(name);
  if (fold) return fold(name, node, next, budget);
  if (node.callee.type !== "MemberExpression") return undefined;
  const method = prop(node.callee);
  if (method === "toString") {
    const decoded = bufferToString(node, next, budget);
    if (decoded !== undefined) return decoded;
  }
  return evalMethod(node, method, next, ctx, budget);
}
