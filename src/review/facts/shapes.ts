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
