/**
 * Evaluates the parts of a program that are constant: literals, templates, concatenation,
 * arrays, objects (with spreads), `[…].join(s)`, member access on constants, and zod schema
 * chains (turned into JSON Schema). Anything else is DYNAMIC: we say so rather than guess.
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
function evalCall(node: ESTree.CallExpression, next: Next, ctx: Ctx): StaticValue {
  if (isZodChain(node)) return zodToSchema(node, ctx);
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
): StaticValue {
  if (!node || depth > 24 || seen.has(node)) return DYNAMIC;
  const ctx: Ctx = { resolve, depth, seen };
  const next: Next = (n) => evalStatic(n, resolve, depth + 1, seen);
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
      if (node.operator === "!" && (typeof v === "number" || typeof v === "boolean")) return !v;
      if (node.operator === "-" && typeof v === "number") return -v;
      return DYNAMIC;
    }
    case "BinaryExpression": {
      if (node.operator !== "+") return DYNAMIC;
      const l = next(node.left as ESTree.Node);
      const r = next(node.right);
      if (
        (typeof l === "string" || typeof l === "number") &&
        (typeof r === "string" || typeof r === "number")
      )
        return (l as string) + (r as string);
      return DYNAMIC;
    }
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
      return evalCall(node, next, ctx);
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
