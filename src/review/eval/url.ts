/**
 * WHATWG URLs as the code builds them from constants: `new URL(input, base)` is its href, and its parts
 * (`hostname`, `origin`, `searchParams`…) read as Node's own parser reads them; `new URLSearchParams(text)`
 * decodes its percent escapes without any decode call, so `params.get("to")` is the decoded text.
 * Parsing is computation on text: nothing is fetched.
 */
import type { ESTree } from "meriyah";
import { DYNAMIC, isText, type Next, type StaticValue } from "./value.js";

const PARAMS = new WeakSet<object>();
const URL_PARTS = new Set([
  "href",
  "origin",
  "protocol",
  "username",
  "password",
  "host",
  "hostname",
  "port",
  "pathname",
  "search",
  "hash",
]);

function paramsValue(p: URLSearchParams): StaticValue {
  const out: { [k: string]: StaticValue } = {};
  for (const [k, v] of p) if (!(k in out)) out[k] = v;
  PARAMS.add(out);
  return out;
}

/** `new URL(…)`, `new URLSearchParams(…)` on constants; undefined: neither. */
export function evalUrlNew(node: ESTree.NewExpression, next: Next): StaticValue | undefined {
  if (node.callee.type !== "Identifier") return undefined;
  const args = node.arguments.map((a) => (a.type === "SpreadElement" ? DYNAMIC : next(a as ESTree.Node)));
  if (node.callee.name === "URL") {
    if (!isText(args[0]) || (args[1] !== undefined && !isText(args[1]))) return DYNAMIC;
    try {
      return new URL(args[0], args[1] as string | undefined).href;
    } catch {
      return DYNAMIC;
    }
  }
  if (node.callee.name === "URLSearchParams") {
    const init = args[0];
    if (isText(init)) return paramsValue(new URLSearchParams(init));
    if (init && typeof init === "object" && !Array.isArray(init)) {
      const pairs = Object.entries(init).filter((e): e is [string, string] => isText(e[1]));
      return paramsValue(new URLSearchParams(pairs));
    }
    return DYNAMIC;
  }
  return undefined;
}

/** A part of a URL held as its href (`new URL(x).hostname`); undefined: not a URL part. */
export function urlPart(href: string, key: string): StaticValue | undefined {
  if (!URL_PARTS.has(key) && key !== "searchParams") return undefined;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  try {
    const u = new URL(href);
    return key === "searchParams" ? paramsValue(u.searchParams) : (u[key as keyof URL] as string);
  } catch {
    return undefined;
  }
}

/** `params.get(k)`, `params.toString()` on decoded search parameters; undefined: not such a call. */
export function evalParamsCall(node: ESTree.CallExpression, next: Next): StaticValue | undefined {
  const c = node.callee;
  if (c.type !== "MemberExpression" || c.computed || c.property.type !== "Identifier") return undefined;
  const method = c.property.name;
  if (method !== "get" && method !== "toString") return undefined;
  const params = next(c.object as ESTree.Node);
  if (!params || typeof params !== "object" || !PARAMS.has(params)) return undefined;
  const entries = params as { [k: string]: StaticValue };
  if (method === "toString") {
    const pairs = Object.entries(entries).filter((e): e is [string, string] => isText(e[1]));
    return new URLSearchParams(pairs).toString();
  }
  const key = node.arguments[0] ? next(node.arguments[0] as ESTree.Node) : DYNAMIC;
  return isText(key) && key in entries ? entries[key]! : isText(key) ? null : DYNAMIC;
}
