/**
 * Reading a call's arguments for the capability collector: unwrapping bundler and TypeScript shapes,
 * member chains, the argument that carries a catalogue row's target, argv arrays, and whether a code
 * row runs text. Pure functions over the AST and the collector's folding.
 */
import type { ESTree } from "meriyah";
import { keyName } from "../js/names.js";
import { programMatch, type Row, SECRET_PROGRAMS, secretArgs } from "./catalogue.js";

/** How the facts collector folds values: constant text, and what is known of partly dynamic text. */
export interface Folding {
  text(node: ESTree.Node): string | null;
  partial(node: ESTree.Node): string;
  /** The partial text of each branch the code may choose (sinks.ts `variants`). */
  variants(node: ESTree.Node): string[];
  envNames(nodes: ESTree.Node[]): string[];
  line(node: { start?: number }): number;
}

/** `(0, x.y)`, `x!`, `(x)`, `x?.y` → the expression inside. */
export function unwrap(n: ESTree.Node): ESTree.Node {
  let x = n;
  for (let i = 0; i < 8; i++) {
    if (x.type === "SequenceExpression") x = x.expressions[x.expressions.length - 1] as ESTree.Node;
    else if (x.type === "ChainExpression") x = x.expression as ESTree.Node;
    else if ((x.type as string) === "ParenthesizedExpression")
      x = (x as unknown as { expression: ESTree.Node }).expression;
    else if ((x.type as string) === "TSNonNullExpression" || (x.type as string) === "TSAsExpression")
      x = (x as unknown as { expression: ESTree.Node }).expression;
    else break;
  }
  return x;
}

export function dotted(n: ESTree.Node): string {
  const x = unwrap(n);
  if (x.type === "Identifier") return x.name;
  if (x.type === "ThisExpression") return "this";
  if (x.type === "MemberExpression" && !x.computed && x.property.type === "Identifier") {
    const o = dotted(x.object as ESTree.Node);
    return o ? `${o}.${x.property.name}` : "";
  }
  return "";
}

/** The base of a member chain and its keys: `a.b["c"].d` → a, [b, c, d]. */
export function chain(
  n: ESTree.Node,
  keyOf: (n: ESTree.Node, computed: boolean) => string | null,
): { base: ESTree.Node | null; path: string[] } {
  const path: string[] = [];
  let x = unwrap(n);
  for (let i = 0; i < 12 && x.type === "MemberExpression"; i++) {
    const key = keyOf(x.property as ESTree.Node, x.computed);
    if (key === null) return { base: null, path: [] };
    path.unshift(key);
    x = unwrap(x.object as ESTree.Node);
  }
  return { base: x, path };
}

export const stripDefault = (path: string[]) => (path[0] === "default" ? path.slice(1) : path);

export function arrayItems(n: ESTree.Node | undefined): ESTree.Node[] {
  return n?.type === "ArrayExpression" ? (n.elements.filter(Boolean) as ESTree.Node[]) : [];
}

/** The node carrying a row's target: an argument, a key of an options object, or the first text. */
export function targetNode(t: NonNullable<Row["target"]>, args: ESTree.Node[]): ESTree.Node | null {
  let a = t.arg < 0 ? args[args.length + t.arg] : args[t.arg];
  if (!a) return null;
  if (t.kind === "host" && a.type === "Literal" && typeof a.value === "number") a = args[t.arg + 1] ?? a;
  if (a.type === "ObjectExpression") {
    const keys = t.key ? [t.key] : ["url", "href", "uri", "host", "hostname", "path", "command"];
    // `hostname:`, `"hostname":` (minifiers and obfuscators quote keys), `["hostname"]:`.
    for (const p of a.properties)
      if (p.type === "Property" && keys.includes(keyName(p.key as ESTree.Node, p.computed) ?? ""))
        return p.value as ESTree.Node;
    return null;
  }
  return a;
}

/** The constant text of `key` in an options object argument. */
export function optionText(n: ESTree.Node | undefined, key: string, fold: Folding): string | null {
  if (n?.type !== "ObjectExpression") return null;
  for (const p of n.properties)
    if (p.type === "Property" && keyName(p.key as ESTree.Node, p.computed) === key)
      return fold.text(p.value as ESTree.Node);
  return null;
}

/** `process.execPath`: the node binary running the server. */
export function isExecPath(n: ESTree.Node): boolean {
  return dotted(n) === "process.execPath" || dotted(n) === "process.argv0";
}

/** An argv array's known text: `["credential", "fill"]` → "credential fill". */
export function argvText(n: ESTree.Node, fold: Folding): string {
  if (n.type !== "ArrayExpression") return "";
  return n.elements
    .map((e) => (e && e.type !== "SpreadElement" ? (fold.text(e as ESTree.Node) ?? "…") : "…"))
    .join(" ");
}

/** Does a code row run text rather than a file of the package? `new Worker(src, { eval: true })`, `vm.*(text)`. */
export function runsText(row: Row, args: ESTree.Node[], fold: Folding): boolean {
  if (/Worker$/.test(row.id)) {
    const opts = args[1];
    return (
      opts?.type === "ObjectExpression" &&
      opts.properties.some(
        (p) =>
          p.type === "Property" &&
          p.key.type === "Identifier" &&
          p.key.name === "eval" &&
          !(p.value.type === "Literal" && !p.value.value),
      )
    );
  }
  // The argument the row says holds the code (Function's body is its last one).
  const first = row.target ? targetNode(row.target, args) : args[0];
  if (!first) return false;
  // eval("1 + 1") of fixed text the package wrote is no hidden code; anything built or unknown is.
  return !(
    first.type === "Literal" &&
    typeof first.value === "string" &&
    fold.text(first) !== null &&
    first.value.length < 200
  );
}

/**
 * A function that hands its argument to a loader (`const load = (n) => process.getBuiltinModule?.(n) ??
 * require(n)`): calling it loads the module it is given, like require.
 */
export function loaderWrapper(fn: ESTree.Node, isLoader: (callee: ESTree.Node) => boolean): boolean {
  if (
    fn.type !== "FunctionDeclaration" &&
    fn.type !== "FunctionExpression" &&
    fn.type !== "ArrowFunctionExpression"
  )
    return false;
  const param = fn.params[0];
  if (param?.type !== "Identifier" || !fn.body) return false;
  let body: ESTree.Node | null = fn.body.type === "BlockStatement" ? null : (fn.body as ESTree.Node);
  if (fn.body.type === "BlockStatement") {
    const ret = fn.body.body.find((st) => st.type === "ReturnStatement");
    body = ret?.type === "ReturnStatement" ? ((ret.argument as ESTree.Node | null) ?? null) : null;
  }
  const loads = (x: ESTree.Node | null | undefined, depth = 0): boolean => {
    if (!x || depth > 4) return false;
    const y = unwrap(x);
    if (y.type === "ConditionalExpression")
      return loads(y.consequent as ESTree.Node, depth + 1) || loads(y.alternate as ESTree.Node, depth + 1);
    if (y.type === "LogicalExpression")
      return loads(y.left as ESTree.Node, depth + 1) || loads(y.right as ESTree.Node, depth + 1);
    if (y.type !== "CallExpression") return false;
    const arg = y.arguments[0];
    return isLoader(y.callee as ESTree.Node) && arg?.type === "Identifier" && arg.name === param.name;
  };
  return loads(body);
}

/**
 * A command line or argv array that prints secrets, written where a helper or a table runs it
 * (`git(cwd, ["credential", "fill"])`, `{ cmd: "security find-generic-password -w" }`): the arguments
 * are the capability whichever function ends up running them.
 */
export function secretCommand(n: ESTree.Node): { id: string; text: string } | null {
  if (n.type === "Literal" && typeof n.value === "string" && n.value.length < 200 && n.value.includes(" ")) {
    const row = programMatch(SECRET_PROGRAMS, n.value);
    return row ? { id: row.id, text: n.value } : null;
  }
  if (n.type !== "ArrayExpression" || n.elements.length < 2 || n.elements.length > 12) return null;
  const parts = n.elements.map((e) =>
    e?.type === "Literal" && typeof e.value === "string" ? e.value : null,
  );
  if (parts.some((x) => x === null)) return null;
  const text = parts.join(" ");
  const row = programMatch(SECRET_PROGRAMS, text) ?? secretArgs(text);
  return row ? { id: row.id, text } : null;
}
