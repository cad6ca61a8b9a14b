/** Methods of constant strings and arrays, folded on constants (`"a,b".split(",")`, `[…].map(c => c ^ 42)`). */
import type { ESTree } from "meriyah";
import {
  type Budget,
  type Ctx,
  DYNAMIC,
  isText,
  MAX_TEXT,
  type Next,
  num,
  type Resolver,
  type StaticValue,
} from "./value.js";

/** Methods of constant strings and arrays. undefined: not one of these. */
export function evalMethod(
  node: ESTree.CallExpression,
  method: string | null,
  next: Next,
  ctx: Ctx,
  budget: Budget,
): StaticValue | undefined {
  if (!method || node.callee.type !== "MemberExpression") return undefined;
  const STRING_METHODS = [
    "split",
    "concat",
    "replace",
    "replaceAll",
    "slice",
    "substring",
    "substr",
    "toLowerCase",
    "toUpperCase",
    "charAt",
    "padStart",
    "padEnd",
    "at",
  ];
  const ARRAY_METHODS = ["reverse", "concat", "slice", "map", "flat"];
  if (!STRING_METHODS.includes(method) && !ARRAY_METHODS.includes(method)) return undefined;
  const self = next(node.callee.object as ESTree.Node);
  const a = node.arguments.map((x) => (x.type === "SpreadElement" ? DYNAMIC : next(x as ESTree.Node)));
  if (isText(self)) return stringMethod(self, method, a, node);
  if (Array.isArray(self)) return arrayMethod(self, method, a, node, ctx, budget);
  return DYNAMIC;
}

function stringMethod(s: string, method: string, a: StaticValue[], node: ESTree.CallExpression): StaticValue {
  const ints = a.every((x) => num(x));
  switch (method) {
    case "split":
      return isText(a[0]) ? s.split(a[0]) : a.length === 0 ? [s] : DYNAMIC;
    case "concat":
      return a.every((x) => isText(x) || num(x)) ? s.concat(...(a as string[])) : DYNAMIC;
    case "replace":
    case "replaceAll": {
      const pattern = simpleRegex(node.arguments[0] as ESTree.Node) ?? (isText(a[0]) ? a[0] : null);
      if (pattern === null || !isText(a[1]) || /\$/.test(a[1])) return DYNAMIC;
      if (method === "replaceAll" && pattern instanceof RegExp && !pattern.global) return DYNAMIC;
      return method === "replace" ? s.replace(pattern, a[1]) : s.replaceAll(pattern, a[1]);
    }
    case "slice":
    case "substring":
    case "substr":
    case "charAt":
    case "at":
      return ints ? ((s[method] as (...n: number[]) => string)(...(a as number[])) ?? DYNAMIC) : DYNAMIC;
    case "toLowerCase":
      return s.toLowerCase();
    case "toUpperCase":
      return s.toUpperCase();
    case "padStart":
    case "padEnd":
      return num(a[0]) && a[0] <= MAX_TEXT && (a[1] === undefined || isText(a[1]))
        ? s[method](a[0], a[1] as string | undefined)
        : DYNAMIC;
    default:
      return DYNAMIC;
  }
}

function arrayMethod(
  arr: StaticValue[],
  method: string,
  a: StaticValue[],
  node: ESTree.CallExpression,
  ctx: Ctx,
  budget: Budget,
): StaticValue {
  switch (method) {
    case "reverse":
      return [...arr].reverse();
    case "concat":
      return arr.concat(...a.map((x): StaticValue[] => (Array.isArray(x) ? x : [x])));
    case "slice":
      return a.every(num) ? arr.slice(...(a as number[])) : DYNAMIC;
    case "flat":
      return arr.flat() as StaticValue[];
    case "map": {
      // [104, 116, …].map(c => c ^ 42): a one-expression arrow over constant elements.
      const fn = node.arguments[0];
      if (fn?.type !== "ArrowFunctionExpression" && fn?.type !== "FunctionExpression") return DYNAMIC;
      const param = fn.params[0] as ESTree.Node | undefined;
      if (!param || fn.params.length > 2) return DYNAMIC;
      const body = !fn.body
        ? null
        : fn.body.type === "BlockStatement"
          ? fn.body.body.length === 1 && fn.body.body[0]!.type === "ReturnStatement"
            ? fn.body.body[0]!.argument
            : null
          : fn.body;
      if (!body || arr.length > 4096) return DYNAMIC;
      const index = fn.params[1]?.type === "Identifier" ? fn.params[1].name : null;
      const out: StaticValue[] = [];
      for (let i = 0; i < arr.length; i++) {
        // `([verb, noun]) => …`, `({ name }) => …`: the element destructured as JavaScript would.
        const names = new Map<string, StaticValue>();
        if (!destructure(param, arr[i]!, names)) return DYNAMIC;
        const bound: Resolver = (n) =>
          names.has(n) ? { resolved: names.get(n)! } : n === index ? { resolved: i } : ctx.resolve(n);
        const v = ctx.evaluate(body as ESTree.Node, bound, ctx.depth + 1, ctx.seen, budget);
        if (v === DYNAMIC) return DYNAMIC;
        out.push(v);
      }
      return out;
    }
    default:
      return DYNAMIC;
  }
}

/** Binds a parameter pattern to a value; false for a pattern it cannot bind (a rest, a default computed). */
function destructure(p: ESTree.Node, v: StaticValue, out: Map<string, StaticValue>): boolean {
  if (p.type === "Identifier") {
    out.set(p.name, v);
    return true;
  }
  if (p.type === "AssignmentPattern") return destructure(p.left as ESTree.Node, v, out);
  if (p.type === "ArrayPattern") {
    const xs = Array.isArray(v) ? v : null;
    return p.elements.every(
      (e, i) => !e || destructure(e as ESTree.Node, xs ? (xs[i] ?? DYNAMIC) : DYNAMIC, out),
    );
  }
  if (p.type === "ObjectPattern") {
    const o = v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, StaticValue>) : null;
    return p.properties.every((q) => {
      if (q.type !== "Property" || q.computed || q.key.type !== "Identifier") return false;
      return destructure(q.value as ESTree.Node, o && q.key.name in o ? o[q.key.name]! : DYNAMIC, out);
    });
  }
  return false;
}

/**
 * A regex literal simple enough to run on constant text without backtracking blow-ups: no groups
 * with quantifiers after them, no backreferences, short. Anything else is not followed.
 */
function simpleRegex(n: ESTree.Node | undefined): RegExp | null {
  const r = (n as { regex?: { pattern: string; flags: string } } | undefined)?.regex;
  if (!r || r.pattern.length > 64 || /\)[*+?{]|\\\d|\(\?[=!<]/.test(r.pattern)) return null;
  try {
    return new RegExp(r.pattern, r.flags.replace(/[^gimsu]/g, ""));
  } catch {
    return null;
  }
}
