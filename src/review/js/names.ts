/** Small helpers over ESTree nodes, one copy each: what a node is, and the names it is called by. */
import type { ESTree } from "meriyah";

const FUNCTION_NODES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);
export const isFunctionNode = (n: ESTree.Node | null | undefined): boolean =>
  !!n && FUNCTION_NODES.has(n.type);

/** The dotted name of a callee: `eval`, `fs.writeFileSync`, `process.dlopen`; "" when computed. */
export function calleeName(n: ESTree.Node): string {
  if (n.type === "Identifier") return n.name;
  if (n.type === "MemberExpression" && !n.computed && n.property.type === "Identifier") {
    const obj = calleeName(n.object);
    return obj ? `${obj}.${n.property.name}` : n.property.name;
  }
  if (n.type === "MemberExpression" && n.computed && n.property.type === "Literal") {
    const obj = calleeName(n.object);
    return `${obj}.${String(n.property.value)}`;
  }
  // (0, import_fs.writeFileSync)(…) as emitted by bundlers
  if (n.type === "SequenceExpression") return calleeName(n.expressions[n.expressions.length - 1]!);
  return "";
}

export function keyName(n: ESTree.Node, computed: boolean): string | null {
  if (!computed && n.type === "Identifier") return n.name;
  if (n.type === "Literal" && typeof n.value === "string") return n.value;
  return null;
}

export function isProcessEnv(n: ESTree.Node | null | undefined): boolean {
  return (
    !!n &&
    n.type === "MemberExpression" &&
    !n.computed &&
    n.object.type === "Identifier" &&
    n.object.name === "process" &&
    n.property.type === "Identifier" &&
    n.property.name === "env"
  );
}

/** `require("./x")` (or `module.require`): the specifier, else null. */
export function requiredSpec(n: ESTree.Node | null | undefined): string | null {
  if (n?.type !== "CallExpression") return null;
  const name = calleeName(n.callee);
  const first = n.arguments[0];
  return (name === "require" || name === "module.require") &&
    first?.type === "Literal" &&
    typeof first.value === "string"
    ? first.value
    : null;
}

/** `require("x")` by that exact name: the specifier, else null. */
export function requireSource(n: ESTree.CallExpression): string | null {
  if (n.callee.type === "Identifier" && n.callee.name === "require") {
    const a = n.arguments[0];
    if (a?.type === "Literal" && typeof a.value === "string") return a.value;
  }
  return null;
}

/** The name of a called method: `tool` in `server.tool(…)`. */
export function methodName(callee: ESTree.Node): string | null {
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier")
    return callee.property.name;
  return null;
}

/** A function expression or arrow (what a handler or callback is written as). */
export function isFunction(
  n: ESTree.Node | undefined,
): n is ESTree.ArrowFunctionExpression | ESTree.FunctionExpression {
  return !!n && (n.type === "ArrowFunctionExpression" || n.type === "FunctionExpression");
}
