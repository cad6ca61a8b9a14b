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
import { evalBytesNew } from "./bytes.js";
import { evalDecoder } from "./decoders.js";
import { accessorCall } from "./string-array.js";
import { evalUrlNew, urlPart } from "./url.js";
import {
  type Budget,
  type Ctx,
  DYNAMIC,
  HELPERS,
  isSchema,
  MAX_TEXT,
  type Next,
  num,
  prop,
  type Resolver,
  type StaticValue,
} from "./value.js";
import { isZodChain, shapeToSchema, TO_JSON_SCHEMA, zodToSchema } from "./zod.js";

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
  const entry = accessorCall(node, next);
  if (entry !== undefined) {
    if (entry !== DYNAMIC) budget.decoded = true;
    return entry;
  }
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
  const ctx: Ctx = { resolve, depth, seen, evaluate: evalStatic };
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
    case "UnaryExpression":
      return evalUnary(node, next);
    case "BinaryExpression":
      return evalBinary(node.operator, next(node.left as ESTree.Node), next(node.right));
    case "LogicalExpression":
      return evalLogical(node, next);
    case "ConditionalExpression": {
      const t = next(node.test);
      return t === DYNAMIC ? DYNAMIC : next(t ? node.consequent : node.alternate);
    }
    case "NewExpression":
      // new String("…"), new URL("https://…").href is not followed: the argument is the text.
      if (node.callee.type === "Identifier" && node.callee.name === "String")
        return next(node.arguments[0] as ESTree.Node);
      // A Map or Set of constants iterates as its entries (`[...new Map(pairs)]`, `for (const [k, v] of m)`).
      if (node.callee.type === "Identifier" && /^(?:Map|Set)$/.test(node.callee.name)) {
        const init = node.arguments[0] ? next(node.arguments[0] as ESTree.Node) : [];
        if (!Array.isArray(init)) return DYNAMIC;
        if (node.callee.name === "Set") return [...new Set(init)];
        return init.every((e) => Array.isArray(e) && e.length >= 2) ? init : DYNAMIC;
      }
      return evalUrlNew(node, next) ?? evalBytesNew(node, next) ?? DYNAMIC;
    case "ArrayExpression":
      return evalArray(node, next);
    case "ObjectExpression":
      return evalObject(node, next);
    case "Identifier":
      return evalIdentifier(node, next, resolve, seen);
    case "MemberExpression":
      return evalMember(node, next);
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

function evalUnary(node: ESTree.UnaryExpression, next: Next): StaticValue {
  // Minifiers write true/false as !0/!1.
  const v = next(node.argument as ESTree.Node);
  if (node.operator === "!" && (typeof v === "number" || typeof v === "boolean" || typeof v === "string"))
    return !v;
  if (node.operator === "-" && typeof v === "number") return -v;
  // `-'0x18b'`, `+"42"`: a sign makes text a number, as in JavaScript (obfuscators write indexes so).
  if ((node.operator === "-" || node.operator === "+") && typeof v === "string") {
    const x = Number(v);
    return Number.isNaN(x) ? DYNAMIC : node.operator === "-" ? -x : x;
  }
  if (node.operator === "~" && typeof v === "number") return ~v;
  return DYNAMIC;
}

function evalLogical(node: ESTree.LogicalExpression, next: Next): StaticValue {
  // `process.env.CC || "x@evil.tld"`: unless someone sets the variable, the literal is the value.
  const l = next(node.left);
  if (l === DYNAMIC) return next(node.right);
  if (node.operator === "||") return l ? l : next(node.right);
  if (node.operator === "??") return l === null ? next(node.right) : l;
  return l ? next(node.right) : l;
}

function evalIdentifier(
  node: ESTree.Identifier,
  next: Next,
  resolve: Resolver,
  seen: Set<ESTree.Node>,
): StaticValue {
  if (node.name === "undefined") return DYNAMIC;
  const def = resolve(node.name);
  if (!def) return DYNAMIC;
  if ("resolved" in def) return def.resolved;
  seen.add(node);
  const v = next(def);
  seen.delete(node);
  return v;
}

function evalMember(node: ESTree.MemberExpression, next: Next): StaticValue {
  const key = prop(node);
  if (key === null) return DYNAMIC;
  const obj = next(node.object as ESTree.Node);
  if (Array.isArray(obj) && key === "length") return obj.length;
  // `new URL(x).hostname`: a URL is held as its href.
  if (typeof obj === "string") return urlPart(obj, key) ?? DYNAMIC;
  if (obj && typeof obj === "object" && key in obj) return (obj as Record<string, StaticValue>)[key]!;
  return DYNAMIC;
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

/** A number, or text that is one (`"0x1a5"`, `"12"`). */
const isNumeric = (v: StaticValue): v is number | string =>
  num(v) || (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)));

/** `+` on text and numbers; the arithmetic and bit operators char-code loops use, on numbers. */
function evalBinary(op: string, l: StaticValue, r: StaticValue): StaticValue {
  if (op === "+") {
    if ((typeof l === "string" || num(l)) && (typeof r === "string" || num(r)))
      return (l as string) + (r as string);
    return DYNAMIC;
  }
  // Arithmetic other than `+` makes text a number (`i - "0x1a5"`).
  if (
    /^(?:-|\*|\/|%)$/.test(op) &&
    (typeof l === "string" || typeof r === "string") &&
    isNumeric(l) &&
    isNumeric(r)
  )
    return evalBinary(op, Number(l), Number(r));
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

/**
 * A call of a helper defined in the package whose body is one returned expression (`const addr = () =>
 * ["x", "evil.tld"].join("@")`, `function decode(s) { return Buffer.from(s, "base64").toString(); }`),
 * possibly after `const` steps (`const user = "x"; const host = "evil.tld"; return user + "@" + host;`):
 * the expression with the parameters bound to the arguments. undefined: not such a call.
 */
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
