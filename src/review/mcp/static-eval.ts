/**
 * The one evaluator of constant values, for the tool surface and for the rules' code facts:
 * literals, templates, concatenation and arithmetic, arrays, objects (spreads, Object.assign),
 * member access, `||`/`??` fallbacks (the literal is the value unless someone sets the variable),
 * string and array methods (join, concat, split, reverse, replace, slice, map over a one-line
 * arrow…), decoders (String.fromCharCode, atob, Buffer.from(…, "base64"|"hex").toString(),
 * decodeURIComponent, JSON.parse) and zod schema chains (turned into JSON Schema). Anything else is
 * DYNAMIC: we say so rather than guess. Bounded: depth, a step budget, and a cap on built text.
 * Pure; nothing is executed.
 */
import type { ESTree } from "meriyah";

export const DYNAMIC: unique symbol = Symbol("dynamic");
export type StaticValue =
  | string
  | number
  | boolean
  | null
  | StaticValue[]
  | { [k: string]: StaticValue }
  | typeof DYNAMIC;

/** A value already evaluated elsewhere (an import, evaluated in its own module). */
export interface Resolved {
  resolved: StaticValue;
}

/** Resolves a name to the node that defines it in this file, to an imported value, or null. */
export type Resolver = (name: string) => ESTree.Node | Resolved | null;

/**
 * Functions another module exports, as values: an opaque empty object that stands for the function,
 * with its node and its own module's names kept here. Calling one evaluates its body where it was
 * written (`import { decode } from "./util.js"; decode("…")`).
 */
const HELPERS = new WeakMap<object, { fn: ESTree.Node; resolve: Resolver }>();

export function helperValue(fn: ESTree.Node, resolve: Resolver): StaticValue {
  const marker = Object.freeze({});
  HELPERS.set(marker, { fn, resolve });
  return marker;
}

export const isHelperValue = (v: unknown): boolean => !!v && typeof v === "object" && HELPERS.has(v);

const FUNCTION_NODES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);
export const isFunctionNode = (n: ESTree.Node | null | undefined): boolean =>
  !!n && FUNCTION_NODES.has(n.type);

const ZOD_TYPES: Record<string, string> = {
  string: "string",
  number: "number",
  bigint: "integer",
  boolean: "boolean",
  date: "string",
  any: "any",
  unknown: "any",
  null: "null",
  object: "object",
  array: "array",
  enum: "string",
  nativeEnum: "string",
  literal: "literal",
  union: "union",
  record: "object",
  tuple: "array",
};

const ZOD_MODIFIERS = new Set([
  "optional",
  "nullable",
  "nullish",
  "default",
  "describe",
  "min",
  "max",
  "int",
  "positive",
  "nonnegative",
  "url",
  "email",
  "uuid",
  "regex",
  "length",
  "trim",
  "catch",
  "refine",
  "transform",
  "superRefine",
  "nonempty",
  "gte",
  "lte",
  "gt",
  "lt",
  "datetime",
  "passthrough",
  "strict",
  "strip",
  "readonly",
  "brand",
  "pipe",
  "meta",
]);

interface Ctx {
  resolve: Resolver;
  depth: number;
  seen: Set<ESTree.Node>;
}

/** Shared by every evaluation of one file: a step budget, so a bundle's chains stay bounded. */
export interface Budget {
  steps: number;
  /** Set when an evaluation decoded text (base64, hex, char codes, URI escapes): it was hidden. */
  decoded?: boolean;
}

/** Built text past this is not followed (a `repeat` or a concatenation loop building megabytes). */
const MAX_TEXT = 64 * 1024;

function prop(n: ESTree.MemberExpression): string | null {
  if (!n.computed && n.property.type === "Identifier") return n.property.name;
  if (
    n.property.type === "Literal" &&
    (typeof n.property.value === "string" || typeof n.property.value === "number")
  )
    return String(n.property.value);
  return null;
}

/** zodToJsonSchema(x), z.toJSONSchema(x), toJsonSchema(x): the schema of x. */
const TO_JSON_SCHEMA = /^(?:zodToJsonSchema|toJSONSchema|toJsonSchema)$/;

/** Is this call a zod-like schema chain (`z.string().describe("…")`, `o.object({...})`)? */
export function isZodChain(n: ESTree.Node): boolean {
  let cur: ESTree.Node = n;
  while (cur.type === "CallExpression" && cur.callee.type === "MemberExpression") {
    const name = prop(cur.callee);
    if (!name) return false;
    if (ZOD_TYPES[name] !== undefined && !ZOD_MODIFIERS.has(name)) {
      const obj = cur.callee.object;
      return obj.type === "Identifier" || obj.type === "MemberExpression";
    }
    if (!ZOD_MODIFIERS.has(name)) return false;
    cur = cur.callee.object;
  }
  return false;
}

/** Turns a zod chain into JSON Schema (with `x-optional` for optional members). */
function zodToSchema(n: ESTree.CallExpression, ctx: Ctx): StaticValue {
  const mods: { name: string; args: ESTree.Node[] }[] = [];
  let cur: ESTree.Node = n;
  while (cur.type === "CallExpression" && cur.callee.type === "MemberExpression") {
    const name = prop(cur.callee)!;
    if (ZOD_TYPES[name] !== undefined && !ZOD_MODIFIERS.has(name)) {
      const base = schemaForBase(name, cur.arguments as ESTree.Node[], ctx);
      for (const m of mods.reverse()) applyModifier(base, m, ctx);
      return base;
    }
    mods.push({ name, args: cur.arguments as ESTree.Node[] });
    cur = cur.callee.object;
  }
  return DYNAMIC;
}

function schemaForBase(name: string, args: ESTree.Node[], ctx: Ctx): { [k: string]: StaticValue } {
  const type = ZOD_TYPES[name]!;
  if (name === "object" && args[0]) return objectSchema(args[0], ctx);
  if (name === "array") {
    const items = args[0] ? evalStatic(args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
    return { type: "array", ...(items !== DYNAMIC && isSchema(items) ? { items } : {}) };
  }
  if (name === "enum") {
    const values = args[0] ? evalStatic(args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
    return { type: "string", ...(Array.isArray(values) ? { enum: values } : {}) };
  }
  if (name === "literal") {
    const v = args[0] ? evalStatic(args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
    return v === DYNAMIC ? {} : { const: v };
  }
  if (name === "union") {
    const options = args[0] ? evalStatic(args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
    return Array.isArray(options) ? { anyOf: options.filter((o) => o !== DYNAMIC) } : {};
  }
  return type === "any" ? {} : { type };
}

function applyModifier(
  schema: { [k: string]: StaticValue },
  m: { name: string; args: ESTree.Node[] },
  ctx: Ctx,
) {
  const arg = m.args[0] ? evalStatic(m.args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
  if (m.name === "describe") schema.description = typeof arg === "string" ? arg : "dynamic";
  else if (m.name === "optional" || m.name === "nullish") schema["x-optional"] = true;
  else if (m.name === "default") {
    schema["x-optional"] = true;
    if (arg !== DYNAMIC) schema.default = arg;
  } else if (m.name === "nullable") schema.nullable = true;
  else if (m.name === "meta" && arg && typeof arg === "object" && !Array.isArray(arg)) {
    if (typeof arg.description === "string") schema.description = arg.description;
  }
}

function isSchema(v: StaticValue): v is { [k: string]: StaticValue } {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** A zod raw shape `{ q: z.string(), n: z.number().optional() }` → JSON Schema object. */
export function objectSchema(n: ESTree.Node, ctx: Ctx): { [k: string]: StaticValue } {
  const shape = evalStatic(n, ctx.resolve, ctx.depth + 1, ctx.seen);
  if (!isSchema(shape)) return { type: "object", "x-dynamic": true };
  return shapeToSchema(shape);
}

/** A raw shape already evaluated (values are schemas) → JSON Schema object. */
export function shapeToSchema(shape: { [k: string]: StaticValue }): { [k: string]: StaticValue } {
  const properties: { [k: string]: StaticValue } = {};
  const required: string[] = [];
  for (const [k, v] of Object.entries(shape)) {
    if (!isSchema(v)) {
      properties[k] = { "x-dynamic": true };
      continue;
    }
    const { "x-optional": optional, ...rest } = v;
    properties[k] = rest;
    if (!optional) required.push(k);
  }
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}

type Next = (n: ESTree.Node | null | undefined) => StaticValue;

function evalTemplate(node: ESTree.TemplateLiteral, next: Next): StaticValue {
  let out = "";
  for (let i = 0; i < node.quasis.length; i++) {
    out += node.quasis[i]!.value.cooked ?? "";
    const e = node.expressions[i];
    if (e) {
      const v = next(e as ESTree.Node);
      if (typeof v !== "string" && typeof v !== "number") return DYNAMIC;
      out += String(v);
    }
  }
  return out;
}

function evalArray(node: ESTree.ArrayExpression, next: Next): StaticValue {
  const out: StaticValue[] = [];
  for (const el of node.elements) {
    if (!el) continue;
    if (el.type === "SpreadElement") {
      const v = next(el.argument);
      if (!Array.isArray(v)) return DYNAMIC;
      out.push(...v);
    } else out.push(next(el as ESTree.Node));
  }
  return out;
}

function evalObject(node: ESTree.ObjectExpression, next: Next): StaticValue {
  const out: { [k: string]: StaticValue } = {};
  for (const p of node.properties) {
    if (p.type === "SpreadElement") {
      const v = next(p.argument);
      if (isSchema(v)) Object.assign(out, v);
      continue;
    }
    if (p.type !== "Property") continue;
    let key: string | null = null;
    if (!p.computed && p.key.type === "Identifier") key = p.key.name;
    else if (p.key.type === "Literal") key = String(p.key.value);
    else if (p.computed) {
      const k = next(p.key as ESTree.Node);
      if (typeof k === "string") key = k;
    }
    if (key === null) continue;
    out[key] =
      p.value.type === "FunctionExpression" || p.value.type === "ArrowFunctionExpression"
        ? DYNAMIC
        : next(p.value as ESTree.Node);
  }
  return out;
}

/** Calls with a constant result: zod schemas, `toJsonSchema(…)`, `join`, `trim`, `dedent`. */
function evalCall(node: ESTree.CallExpression, next: Next, ctx: Ctx, budget: Budget): StaticValue {
  if (isZodChain(node)) return zodToSchema(node, ctx);
  const decoded = evalDecoder(node, next, ctx, budget);
  if (decoded !== undefined) return decoded;
  const helper = evalHelper(node, next, ctx, budget);
  if (helper !== undefined) return helper;
  const callee =
    node.callee.type === "Identifier"
      ? node.callee.name
      : node.callee.type === "MemberExpression"
        ? prop(node.callee)
        : null;
  if (callee && TO_JSON_SCHEMA.test(callee) && node.arguments[0]) {
    const inner = next(node.arguments[0] as ESTree.Node);
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return inner.type === "object" || "anyOf" in inner ? inner : shapeToSchema(inner);
    }
    return DYNAMIC;
  }
  // ["a", "b"].join("\n") and "x".trim()
  if (node.callee.type === "MemberExpression") {
    const method = prop(node.callee);
    if (method === "join") {
      const arr = next(node.callee.object as ESTree.Node);
      const sep = node.arguments[0] ? next(node.arguments[0] as ESTree.Node) : ",";
      if (
        Array.isArray(arr) &&
        typeof sep === "string" &&
        arr.every((x) => typeof x === "string" || typeof x === "number")
      )
        return arr.join(sep);
    }
    if (method === "trim" || method === "trimEnd" || method === "trimStart") {
      const s = next(node.callee.object as ESTree.Node);
      if (typeof s === "string")
        return method === "trim" ? s.trim() : method === "trimEnd" ? s.trimEnd() : s.trimStart();
    }
  }
  // dedent("…") / dedent(`…`)
  if (
    node.callee.type === "Identifier" &&
    /dedent|outdent|stripIndent/i.test(node.callee.name) &&
    node.arguments[0]
  ) {
    const s = next(node.arguments[0] as ESTree.Node);
    if (typeof s === "string") return dedent(s);
  }
  return DYNAMIC;
}

/** The constant value of an expression, or DYNAMIC. */
export function evalStatic(
  node: ESTree.Node | null | undefined,
  resolve: Resolver,
  depth = 0,
  seen: Set<ESTree.Node> = new Set(),
  budget: Budget = { steps: 20_000 },
): StaticValue {
  if (!node || depth > 24 || seen.has(node) || budget.steps-- <= 0) return DYNAMIC;
  const ctx: Ctx = { resolve, depth, seen };
  const next: Next = (n) => evalStatic(n, resolve, depth + 1, seen, budget);
  const v = evalNode(node, next, ctx, resolve, seen, budget);
  return typeof v === "string" && v.length > MAX_TEXT ? DYNAMIC : v;
}

function evalNode(
  node: ESTree.Node,
  next: Next,
  ctx: Ctx,
  resolve: Resolver,
  seen: Set<ESTree.Node>,
  budget: Budget,
): StaticValue {
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string" ||
        typeof node.value === "number" ||
        typeof node.value === "boolean" ||
        node.value === null
        ? (node.value as StaticValue)
        : DYNAMIC;
    case "TemplateLiteral":
      return evalTemplate(node, next);
    case "TaggedTemplateExpression": {
      // dedent`…`, String.raw`…`: the text is what matters; common indentation is trimmed.
      const v = next(node.quasi);
      return typeof v === "string" ? dedent(v) : DYNAMIC;
    }
    case "UnaryExpression": {
      // Minifiers write true/false as !0/!1.
      const v = next(node.argument as ESTree.Node);
      if (node.operator === "!" && (typeof v === "number" || typeof v === "boolean" || typeof v === "string"))
        return !v;
      if (node.operator === "-" && typeof v === "number") return -v;
      if (node.operator === "~" && typeof v === "number") return ~v;
      return DYNAMIC;
    }
    case "BinaryExpression":
      return evalBinary(node.operator, next(node.left as ESTree.Node), next(node.right));
    case "LogicalExpression": {
      // `process.env.CC || "x@evil.tld"`: unless someone sets the variable, the literal is the value.
      const l = next(node.left);
      if (l === DYNAMIC) return next(node.right);
      if (node.operator === "||") return l ? l : next(node.right);
      if (node.operator === "??") return l === null ? next(node.right) : l;
      return l ? next(node.right) : l;
    }
    case "ConditionalExpression": {
      const t = next(node.test);
      return t === DYNAMIC ? DYNAMIC : next(t ? node.consequent : node.alternate);
    }
    case "NewExpression":
      // new String("…"), new URL("https://…").href is not followed: the argument is the text.
      if (node.callee.type === "Identifier" && node.callee.name === "String")
        return next(node.arguments[0] as ESTree.Node);
      return DYNAMIC;
    case "ArrayExpression":
      return evalArray(node, next);
    case "ObjectExpression":
      return evalObject(node, next);
    case "Identifier": {
      if (node.name === "undefined") return DYNAMIC;
      const def = resolve(node.name);
      if (!def) return DYNAMIC;
      if ("resolved" in def) return def.resolved;
      seen.add(node);
      const v = next(def);
      seen.delete(node);
      return v;
    }
    case "MemberExpression": {
      const key = prop(node);
      if (key === null) return DYNAMIC;
      const obj = next(node.object as ESTree.Node);
      if (Array.isArray(obj) && key === "length") return obj.length;
      if (obj && typeof obj === "object" && key in obj) return (obj as Record<string, StaticValue>)[key]!;
      return DYNAMIC;
    }
    case "CallExpression":
      return evalCall(node, next, ctx, budget);
    case "TSAsExpression" as never:
    case "ParenthesizedExpression" as never:
      return next((node as unknown as { expression: ESTree.Node }).expression);
    case "VariableDeclarator":
      return next(node.init as ESTree.Node | null);
    default:
      return DYNAMIC;
  }
}

function dedent(s: string): string {
  const lines = s.replace(/^\n/, "").split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines
    .map((l) => l.slice(cut))
    .join("\n")
    .trimEnd();
}

const num = (v: StaticValue | undefined): v is number => typeof v === "number";

/** `+` on text and numbers; the arithmetic and bit operators char-code loops use, on numbers. */
function evalBinary(op: string, l: StaticValue, r: StaticValue): StaticValue {
  if (op === "+") {
    if ((typeof l === "string" || num(l)) && (typeof r === "string" || num(r)))
      return (l as string) + (r as string);
    return DYNAMIC;
  }
  if (!num(l) || !num(r)) {
    if (
      (op === "===" || op === "!==") &&
      l !== DYNAMIC &&
      r !== DYNAMIC &&
      typeof l !== "object" &&
      typeof r !== "object"
    )
      return op === "===" ? l === r : l !== r;
    return DYNAMIC;
  }
  switch (op) {
    case "-":
      return l - r;
    case "*":
      return l * r;
    case "/":
      return r === 0 ? DYNAMIC : l / r;
    case "%":
      return r === 0 ? DYNAMIC : l % r;
    case "^":
      return l ^ r;
    case "&":
      return l & r;
    case "|":
      return l | r;
    case "<<":
      return l << r;
    case ">>":
      return l >> r;
    case ">>>":
      return l >>> r;
    case "===":
    case "==":
      return l === r;
    case "!==":
    case "!=":
      return l !== r;
    default:
      return DYNAMIC;
  }
}

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

const isText = (v: StaticValue | undefined): v is string => typeof v === "string";

/** Decoding calls (base64, hex, char codes, URI escapes, JSON) and string/array methods; undefined: not one. */
function evalDecoder(
  node: ESTree.CallExpression,
  next: Next,
  ctx: Ctx,
  budget: Budget,
): StaticValue | undefined {
  const name = callName(node.callee as ESTree.Node);
  if (!name) return undefined;
  const args = () => {
    const out: StaticValue[] = [];
    for (const a of node.arguments) {
      if (a.type === "SpreadElement") {
        const v = next(a.argument);
        if (!Array.isArray(v)) return null;
        out.push(...v);
      } else out.push(next(a as ESTree.Node));
    }
    return out;
  };
  switch (name) {
    case "String.fromCharCode":
    case "String.fromCodePoint": {
      const codes = args();
      if (!codes?.every(num) || codes.length > MAX_TEXT) return DYNAMIC;
      budget.decoded = true;
      try {
        return name === "String.fromCharCode"
          ? String.fromCharCode(...codes)
          : String.fromCodePoint(...codes);
      } catch {
        return DYNAMIC;
      }
    }
    case "atob":
    case "window.atob":
    case "globalThis.atob": {
      const s = next(node.arguments[0] as ESTree.Node);
      if (!isText(s)) return DYNAMIC;
      budget.decoded = true;
      return Buffer.from(s, "base64").toString("latin1");
    }
    case "decodeURIComponent":
    case "decodeURI":
    case "unescape": {
      const s = next(node.arguments[0] as ESTree.Node);
      if (!isText(s)) return DYNAMIC;
      if (/%[0-9a-f]{2}/i.test(s)) budget.decoded = true;
      try {
        return name === "unescape" ? unescape(s) : decodeURIComponent(s);
      } catch {
        return DYNAMIC;
      }
    }
    case "JSON.parse": {
      const s = next(node.arguments[0] as ESTree.Node);
      if (!isText(s)) return DYNAMIC;
      try {
        return fromJson(JSON.parse(s), 0);
      } catch {
        return DYNAMIC;
      }
    }
    case "String":
      return node.arguments.length === 1 ? next(node.arguments[0] as ESTree.Node) : DYNAMIC;
    case "Object.entries":
    case "Object.keys":
    case "Object.values": {
      const o = next(node.arguments[0] as ESTree.Node);
      if (!o || typeof o !== "object" || Array.isArray(o)) return DYNAMIC;
      return name === "Object.keys"
        ? Object.keys(o)
        : name === "Object.values"
          ? Object.values(o)
          : Object.entries(o).map(([k, v]): StaticValue[] => [k, v]);
    }
    case "Object.assign": {
      const parts = args();
      if (!parts?.length || !parts.every((p) => p && typeof p === "object" && !Array.isArray(p)))
        return DYNAMIC;
      return Object.assign({}, ...(parts as object[])) as StaticValue;
    }
  }
  if (node.callee.type !== "MemberExpression") return undefined;
  const method = prop(node.callee);
  // Buffer.from(s, "base64").toString("utf8") and friends.
  if (method === "toString" && node.callee.object.type === "CallExpression") {
    const inner = node.callee.object;
    if (callName(inner.callee as ESTree.Node) === "Buffer.from") {
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
  }
  return evalMethod(node, method, next, ctx, budget);
}

/** Methods of constant strings and arrays. undefined: not one of these. */
function evalMethod(
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
      const param = fn.params[0];
      if (param?.type !== "Identifier" || fn.params.length > 2) return DYNAMIC;
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
        const bound: Resolver = (n) =>
          n === param.name ? { resolved: arr[i]! } : n === index ? { resolved: i } : ctx.resolve(n);
        const v = evalStatic(body as ESTree.Node, bound, ctx.depth + 1, ctx.seen, budget);
        if (v === DYNAMIC) return DYNAMIC;
        out.push(v);
      }
      return out;
    }
    default:
      return DYNAMIC;
  }
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

/** A parsed JSON value as a StaticValue (depth-capped). */
export function fromJson(v: unknown, depth: number): StaticValue {
  if (depth > 32) return DYNAMIC;
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x) => fromJson(x, depth + 1));
  if (typeof v === "object") {
    const out: { [k: string]: StaticValue } = {};
    for (const [k, x] of Object.entries(v as object)) out[k] = fromJson(x, depth + 1);
    return out;
  }
  return DYNAMIC;
}

/**
 * A call of a helper defined in the package whose body is one returned expression (`const addr = () =>
 * ["x", "evil.tld"].join("@")`, `function decode(s) { return Buffer.from(s, "base64").toString(); }`),
 * possibly after `const` steps (`const user = "x"; const host = "evil.tld"; return user + "@" + host;`):
 * the expression with the parameters bound to the arguments. undefined: not such a call.
 */
/** `util.decode` where `util` is another module's exports (cheap: no evaluation of the object). */
function namespaceMember(callee: ESTree.Node, resolve: Resolver): StaticValue | null {
  if (callee.type !== "MemberExpression" || callee.computed || callee.object.type !== "Identifier")
    return null;
  if (callee.property.type !== "Identifier") return null;
  const ns = resolve(callee.object.name);
  const v = ns && "resolved" in ns ? ns.resolved : null;
  return v && typeof v === "object" && !Array.isArray(v) && callee.property.name in v
    ? (v as Record<string, StaticValue>)[callee.property.name]!
    : null;
}

function evalHelper(
  node: ESTree.CallExpression,
  next: Next,
  ctx: Ctx,
  budget: Budget,
): StaticValue | undefined {
  // A function of this file by name, or one another module exports (imported, or a namespace member).
  let fn: ESTree.Node | null = null;
  let outer: Resolver = ctx.resolve;
  const def = node.callee.type === "Identifier" ? ctx.resolve(node.callee.name) : null;
  if (def && !("resolved" in def)) fn = def as ESTree.Node;
  else {
    const v = def && "resolved" in def ? def.resolved : namespaceMember(node.callee, ctx.resolve);
    const helper = v && typeof v === "object" ? HELPERS.get(v) : undefined;
    if (helper) ({ fn, resolve: outer } = helper);
  }
  if (
    !fn ||
    (fn.type !== "FunctionDeclaration" &&
      fn.type !== "FunctionExpression" &&
      fn.type !== "ArrowFunctionExpression")
  )
    return undefined;
  if (!fn.body || ctx.seen.has(fn)) return DYNAMIC;
  const locals = new Map<string, ESTree.Node>();
  let body: ESTree.Node | null | undefined = fn.body as ESTree.Node;
  if (fn.body.type === "BlockStatement") {
    // `const a = …; const b = …; return a + b;`: constants, then one return.
    const stmts = fn.body.body;
    const last = stmts[stmts.length - 1];
    body = last?.type === "ReturnStatement" ? (last.argument as ESTree.Node | null) : null;
    for (const st of stmts.slice(0, -1)) {
      if (st.type !== "VariableDeclaration" || st.kind !== "const") return DYNAMIC;
      for (const d of st.declarations) {
        if (d.id.type !== "Identifier" || !d.init) return DYNAMIC;
        locals.set(d.id.name, d.init as ESTree.Node);
      }
    }
  }
  if (!body) return DYNAMIC;
  const params = new Map<string, StaticValue>();
  for (const [i, p] of fn.params.entries()) {
    const arg = node.arguments[i];
    if (p.type === "Identifier")
      params.set(p.name, arg && arg.type !== "SpreadElement" ? next(arg as ESTree.Node) : DYNAMIC);
    else if (p.type === "AssignmentPattern" && p.left.type === "Identifier")
      params.set(
        p.left.name,
        arg && arg.type !== "SpreadElement" ? next(arg as ESTree.Node) : next(p.right as ESTree.Node),
      );
    else return DYNAMIC;
  }
  // Parameters and locals shadow the outer names (locals are evaluated in the helper's scope); the
  // helper is not followed into itself (recursion).
  const bound: Resolver = (n) => (params.has(n) ? { resolved: params.get(n)! } : (locals.get(n) ?? outer(n)));
  ctx.seen.add(fn);
  const v = evalStatic(body as ESTree.Node, bound, ctx.depth + 1, ctx.seen, budget);
  ctx.seen.delete(fn);
  return v;
}
