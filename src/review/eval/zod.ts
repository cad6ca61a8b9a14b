/** Zod schema chains (`z.object({ q: z.string().describe("…") })`) turned into JSON Schema. */
import type { ESTree } from "meriyah";
import { type Ctx, DYNAMIC, isSchema, prop, type StaticValue } from "./value.js";

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

/** zodToJsonSchema(x), z.toJSONSchema(x), toJsonSchema(x): the schema of x. */
export const TO_JSON_SCHEMA = /^(?:zodToJsonSchema|toJSONSchema|toJsonSchema)$/;

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
export function zodToSchema(n: ESTree.CallExpression, ctx: Ctx): StaticValue {
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
    const items = args[0] ? ctx.evaluate(args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
    return { type: "array", ...(items !== DYNAMIC && isSchema(items) ? { items } : {}) };
  }
  if (name === "enum") {
    const values = args[0] ? ctx.evaluate(args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
    return { type: "string", ...(Array.isArray(values) ? { enum: values } : {}) };
  }
  if (name === "literal") {
    const v = args[0] ? ctx.evaluate(args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
    return v === DYNAMIC ? {} : { const: v };
  }
  if (name === "union") {
    const options = args[0] ? ctx.evaluate(args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
    return Array.isArray(options) ? { anyOf: options.filter((o) => o !== DYNAMIC) } : {};
  }
  return type === "any" ? {} : { type };
}

function applyModifier(
  schema: { [k: string]: StaticValue },
  m: { name: string; args: ESTree.Node[] },
  ctx: Ctx,
) {
  const arg = m.args[0] ? ctx.evaluate(m.args[0], ctx.resolve, ctx.depth + 1, ctx.seen) : DYNAMIC;
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
/** A zod raw shape `{ q: z.string(), n: z.number().optional() }` → JSON Schema object. */
export function objectSchema(n: ESTree.Node, ctx: Ctx): { [k: string]: StaticValue } {
  const shape = ctx.evaluate(n, ctx.resolve, ctx.depth + 1, ctx.seen);
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
