/** Small pure helpers of the facts collector: the texts of a value, what a getter returns, literals. */
import type { ESTree } from "meriyah";
import type { StaticValue } from "../eval/value.js";
import { calleeName } from "../js/names.js";

/**
 * The fixed texts of an array or object value, joined (`envelope: { to: [a, b] }` → "a, b"); null when
 * there is none. Recipients hide in nested fields (SES Destination, SendGrid personalizations).
 */
export function leaves(v: StaticValue): string | null {
  if (!v || typeof v !== "object") return null;
  const out: string[] = [];
  const visit = (x: StaticValue, depth: number) => {
    if (out.length >= 50 || depth > 4) return;
    if (typeof x === "string") out.push(x);
    else if (Array.isArray(x)) for (const y of x) visit(y, depth + 1);
    else if (x && typeof x === "object") for (const y of Object.values(x)) visit(y as StaticValue, depth + 1);
  };
  visit(v, 0);
  return out.length ? out.join(", ") : null;
}

/** The expression a getter returns (its first `return`), or the node itself when it is no function. */
export function returned(fn: ESTree.Node): ESTree.Node {
  if (fn.type !== "FunctionExpression" && fn.type !== "ArrowFunctionExpression") return fn;
  if (!fn.body) return fn;
  if (fn.body.type !== "BlockStatement") return fn.body as ESTree.Node;
  const r = fn.body.body.find((st) => st.type === "ReturnStatement");
  return (r?.type === "ReturnStatement" && r.argument ? r.argument : fn) as ESTree.Node;
}

/** A literal written in place (not built from other values). */
export function isWritten(n: ESTree.Node): boolean {
  return n.type === "Literal" || (n.type === "TemplateLiteral" && n.expressions.length === 0);
}

/** `[a, b, c].join(sep)`. */
export function isArrayJoin(n: ESTree.Node): boolean {
  return (
    n.type === "CallExpression" &&
    n.callee.type === "MemberExpression" &&
    n.callee.object.type === "ArrayExpression" &&
    calleeName(n.callee).endsWith("join")
  );
}

/** Calls that build or decode text: their constant results are text the code writes. */
export const BUILDERS =
  /(?:^|\.)(?:join|concat|replace|replaceAll|reverse|fromCharCode|fromCodePoint|atob|toString|decodeURIComponent|decodeURI|unescape|assign|decode|inflate|ungzip|inflateRaw)$/;

/**
 * `list.push(x)` / `list.unshift(x)` on a constant array: the array with the items added, so
 * `const to = [user]; to.push("audit@relay.example")` sends to both wherever `to` is used.
 */
export function grownArray(
  n: ESTree.CallExpression | ESTree.NewExpression,
  constant: (name: string) => ESTree.Node | null | undefined,
): { name: string; value: ESTree.Node } | null {
  const c = n.callee;
  if (c.type !== "MemberExpression" || c.object.type !== "Identifier" || c.computed) return null;
  if (c.property.type !== "Identifier" || !/^(?:push|unshift)$/.test(c.property.name)) return null;
  const init = constant(c.object.name);
  if (init?.type !== "ArrayExpression" || init.elements.length > 200) return null;
  const items = n.arguments.filter((a) => a.type !== "SpreadElement");
  return { name: c.object.name, value: { ...init, elements: [...init.elements, ...items] } as ESTree.Node };
}

/** A value known to be one of these (a loop over a constant list): a choice on an unknown test. */
function oneOf(items: ESTree.Node[]): ESTree.Node {
  const unknown = { type: "Identifier", name: "\u0000each" } as ESTree.Node;
  return items
    .slice(0, 8)
    .reduceRight(
      (alt, item) =>
        ({ type: "ConditionalExpression", test: unknown, consequent: item, alternate: alt }) as ESTree.Node,
    );
}

/**
 * The loop variable of `for (const x of [..])` or the first parameter of `[..].forEach((x) => …)` / `.map`,
 * over a constant array (written in place or bound to a name): that binding node, and the value it takes
 * as one of the items, so `join(home, `.${sh}rc`)` over `["bash", "zsh"]` is every rc file it names.
 */
export function loopBinding(
  n: ESTree.Node,
  constant: (name: string) => ESTree.Node | null | undefined,
): { node: ESTree.Node; value: ESTree.Node } | null {
  const items = (x: ESTree.Node | null | undefined): ESTree.Node[] | null => {
    const arr = x?.type === "Identifier" ? constant(x.name) : x;
    return arr?.type === "ArrayExpression" &&
      arr.elements.length > 0 &&
      arr.elements.every((e) => e && e.type !== "SpreadElement")
      ? (arr.elements as ESTree.Node[])
      : null;
  };
  if (n.type === "ForOfStatement" && n.left.type === "VariableDeclaration") {
    const d = n.left.declarations[0];
    if (d?.id.type !== "Identifier") return null;
    let right = n.right as ESTree.Node;
    if (right.type === "Identifier") right = constant(right.name) ?? right;
    // `for (const rc of rcFiles())` where the helper returns `[..].map((sh) => …)`: what the callback makes.
    if (right.type === "CallExpression" && right.callee.type === "Identifier" && !right.arguments.length) {
      const def = constant(right.callee.name);
      right = (def && returnedBy(def)) ?? right;
    }
    const xs = items(right);
    if (xs) return { node: d, value: oneOf(xs) };
    const callee = right.type === "CallExpression" ? right.callee : null;
    const isMap =
      callee?.type === "MemberExpression" &&
      callee.property.type === "Identifier" &&
      callee.property.name === "map";
    const cb = isMap ? (right as ESTree.CallExpression).arguments[0] : null;
    const made =
      cb && items((callee as ESTree.MemberExpression).object as ESTree.Node)
        ? returnedBy(cb as ESTree.Node)
        : null;
    return made ? { node: d, value: made } : null;
  }
  if (n.type === "CallExpression" && n.callee.type === "MemberExpression" && !n.callee.computed) {
    const method = n.callee.property.type === "Identifier" ? n.callee.property.name : "";
    const fn = n.arguments[0];
    const p =
      fn && (fn.type === "ArrowFunctionExpression" || fn.type === "FunctionExpression") ? fn.params[0] : null;
    const xs = /^(?:forEach|map|flatMap|filter|some|every)$/.test(method)
      ? items(n.callee.object as ESTree.Node)
      : null;
    return p?.type === "Identifier" && xs ? { node: p as ESTree.Node, value: oneOf(xs) } : null;
  }
  return null;
}

export function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

/**
 * Calls the rules look at (by the last part of the dotted name); recording every call of a
 * bundle would cost more than the parse. Keep in step with the capability and secret rules.
 */
export const CALLS_OF_INTEREST =
  /(?:^|\.)(?:eval|Function|fetch|WebSocket|XMLHttpRequest|sendBeacon|dlopen|require|createRequire|exec|execSync|execFile|execFileSync|spawn|spawnSync|fork|writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|cp|cpSync|rm|rmSync|unlink|unlinkSync|rmdir|rmdirSync|chmod|chmodSync|symlink|symlinkSync|readFile|readFileSync|request|connect|lookup|resolve|get|post|put|send|sendMail|publish|stringify|inspect|set|setHeader|append|add|addHeader|setTimeout|setInterval)$/;

/** Calls that turn the whole environment into text; `{...process.env}` for a child process is not one. */
export const ENV_SERIALISERS: ReadonlySet<string> = new Set([
  "JSON.stringify",
  "String",
  "util.inspect",
  "inspect",
  "btoa",
  "URLSearchParams",
  "querystring.stringify",
  "qs.stringify",
  // every value, to be filtered or encoded one by one
  "Object.entries",
  "Object.values",
]);

/** The one expression a function declaration returns (its last `return`), or null. */
export function returnedBy(fn: ESTree.Node): ESTree.Node | null {
  if (
    fn.type !== "FunctionDeclaration" &&
    fn.type !== "FunctionExpression" &&
    fn.type !== "ArrowFunctionExpression"
  )
    return null;
  if (fn.body && fn.body.type !== "BlockStatement") return fn.body as ESTree.Node;
  const body = fn.body?.type === "BlockStatement" ? fn.body.body : [];
  const last = [...body].reverse().find((st) => st.type === "ReturnStatement");
  return last?.type === "ReturnStatement" && last.argument ? (last.argument as ESTree.Node) : null;
}

const isFn = (n: unknown) =>
  !!n &&
  typeof n === "object" &&
  ["FunctionExpression", "ArrowFunctionExpression"].includes((n as { type: string }).type);

/**
 * The member name a node defines as a function: `_compile(x) {…}` in a class or object literal,
 * `X.prototype._compile = function…`, `obj._compile = (…) => …`. Null for anything else.
 */
export function definedMethod(n: ESTree.Node): string | null {
  if (n.type === "MethodDefinition" || n.type === "Property" || n.type === "PropertyDefinition") {
    if (n.computed || n.key?.type !== "Identifier") return null;
    return n.type === "MethodDefinition" || isFn(n.value) ? n.key.name : null;
  }
  if (n.type === "AssignmentExpression" && n.left.type === "MemberExpression" && !n.left.computed)
    return n.left.property.type === "Identifier" && isFn(n.right) ? n.left.property.name : null;
  return null;
}

/** The name a node binds to `this` (`var i = this`, `self = this`), else null. */
export function selfAlias(n: ESTree.Node): string | null {
  if (n.type === "VariableDeclarator" && n.id.type === "Identifier" && n.init?.type === "ThisExpression")
    return n.id.name;
  if (n.type === "AssignmentExpression" && n.left.type === "Identifier" && n.right.type === "ThisExpression")
    return n.left.name;
  return null;
}
