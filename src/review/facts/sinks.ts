/**
 * What is known of a command's or a path's text where it is run or deleted, and which environment
 * variables a request's arguments carry.
 */
import type { ESTree } from "meriyah";
import type { Resolver } from "../eval/value.js";
import { walk } from "../js/ast.js";
import { calleeName, isProcessEnv, keyName } from "../js/names.js";
import { returnedBy } from "./shapes.js";
import type { Sink } from "./types.js";

/** Calls that run a command line, and calls that delete files or trees. */
const EXEC_CALLS = /(?:^|\.)(?:exec|execSync|spawn|spawnSync|execa|execaCommand|execaSync|execCommand)$/;
const DELETE_CALLS =
  /(?:^|\.)(?:rm|rmSync|rmdir|rmdirSync|unlink|unlinkSync|remove|removeSync|rimraf|emptyDir|emptyDirSync)$/;

/** What the collector knows of one module's constants. */
export interface Constants {
  resolve: Resolver;
  /** The constant text of an expression, or null. */
  evaluate(node: ESTree.Node): { text: string | null };
  /** The node a name is bound to once in the module (null: bound twice). */
  constant(name: string): ESTree.Node | null | undefined;
  /** Fixed texts a name is only ever assigned (`let cmd; switch (…) { case …: cmd = "open" }`), or null. */
  alternatives?(name: string): readonly string[] | null;
  /** `module.member` a callee is bound to (`join` imported from "node:path" → `path.join`), or null. */
  canonical?(callee: ESTree.Node): string | null;
}

/** A call that runs a command line or deletes files, by its name; null: neither. */
export function sinkKind(name: string): Sink["kind"] | null {
  return EXEC_CALLS.test(name) ? "exec" : DELETE_CALLS.test(name) ? "delete" : null;
}

/** A delete that removes whole trees (`recursive: true`, rimraf). */
export function isRecursive(n: ESTree.CallExpression | ESTree.NewExpression, name: string): boolean {
  return (
    /rimraf|remove|emptyDir/i.test(name) ||
    n.arguments.some(
      (a) =>
        a.type === "ObjectExpression" &&
        a.properties.some(
          (p) =>
            p.type === "Property" &&
            keyName(p.key, p.computed) === "recursive" &&
            p.value.type === "Literal" &&
            p.value.value === true,
        ),
    )
  );
}

/**
 * Every branch a path or command may take where the code chooses between them (`wide ? resolve(base,
 * "..", "..") : base`, through a name bound once): the partial text of each, at most eight. A delete
 * is as bad as its worst branch, whichever the condition picks.
 */
export function variants(c: Constants, n: ESTree.Node, depth = 0): string[] {
  if (depth >= 4) return [partial(c, n, depth)];
  const both = (a: ESTree.Node, b: ESTree.Node) =>
    [...new Set([...variants(c, a, depth + 1), ...variants(c, b, depth + 1)])].slice(0, 8);
  if (n.type === "ConditionalExpression")
    return both(n.consequent as ESTree.Node, n.alternate as ESTree.Node);
  if (n.type === "LogicalExpression" && n.operator !== "&&")
    return both(n.left as ESTree.Node, n.right as ESTree.Node);
  if (n.type === "Identifier") {
    const def = c.constant(n.name);
    if (def && /^(?:ConditionalExpression|LogicalExpression|CallExpression|TemplateLiteral)$/.test(def.type))
      return variants(c, def, depth + 1);
  }
  if (n.type === "TemplateLiteral" && n.expressions.length) {
    // `.${sh}rc` with `sh` one of a list: each text the template can make.
    const parts = n.expressions.map((e) => variants(c, e as ESTree.Node, depth + 1));
    if (parts.some((v) => v.length > 1))
      return combine(parts).map((combo) =>
        partial(
          c,
          { ...n, expressions: combo.map((value) => ({ type: "Literal", value })) } as ESTree.Node,
          depth,
        ),
      );
  }
  if (n.type === "CallExpression") {
    // A local helper: the branches of what it returns (`function root() { return wide ? a : b; }`).
    const def = n.callee.type === "Identifier" ? c.constant(n.callee.name) : null;
    const ret = def ? returnedBy(def) : null;
    if (ret && !n.arguments.length) return variants(c, ret, depth + 1);
    // `join(root, name)`: each combination of its arguments' branches, joined as the call joins them.
    const args = n.arguments.map((a) =>
      a.type === "SpreadElement" ? ["…"] : variants(c, a as ESTree.Node, depth + 1),
    );
    if (args.some((v) => v.length > 1)) {
      return combine(args).map((combo) =>
        partial(
          c,
          {
            ...n,
            arguments: combo.map((value) => ({ type: "Literal", value }) as ESTree.Literal),
          } as ESTree.Node,
          depth,
        ),
      );
    }
  }
  return [partial(c, n, depth)];
}

/** Every combination of one choice per part, at most eight. */
function combine(parts: string[][]): string[][] {
  let combos: string[][] = [[]];
  for (const v of parts) combos = combos.flatMap((pre) => v.map((x) => [...pre, x])).slice(0, 8);
  return combos;
}

/**
 * What is known of a command's or path's text: constant parts folded, the user's home as `~`,
 * path joins as `/`, anything else `…`.
 */
export function partial(c: Constants, n: ESTree.Node, depth: number): string {
  if (depth > 8) return "…";
  if (n.type === "BinaryExpression" && n.operator === "+")
    return partial(c, n.left as ESTree.Node, depth + 1) + partial(c, n.right, depth + 1);
  if (n.type === "TemplateLiteral") {
    let out = "";
    n.quasis.forEach((q, i) => {
      out += q.value.cooked ?? "";
      const e = n.expressions[i];
      if (e) out += partial(c, e as ESTree.Node, depth + 1);
    });
    return out;
  }
  const name =
    n.type === "CallExpression"
      ? (c.canonical?.(n.callee as ESTree.Node) ?? calleeName(n.callee))
      : n.type === "MemberExpression"
        ? calleeName(n)
        : "";
  if (/(?:^|\.)homedir$/.test(name) || /^process\.env\.(?:HOME|USERPROFILE)$/.test(name)) return "~";
  if (n.type === "CallExpression" && /(?:^|\.)(?:join|resolve)$/.test(name) && /path|posix|win32/.test(name))
    return n.arguments
      .map((a) => partial(c, a as ESTree.Node, depth + 1))
      .join("/")
      .replace(/\/+/g, "/");
  // platform === "win32" ? "npm.cmd" : "npm": the shorter of two fixed texts (the portable name)
  if (n.type === "ConditionalExpression") {
    const a = c.evaluate(n.consequent as ESTree.Node).text;
    const b = c.evaluate(n.alternate as ESTree.Node).text;
    if (a !== null && b !== null) return a.length <= b.length ? a : b;
    // One branch computed: what is known of it (the default branch of `fish ? "config.fish" : sh + "rc"`).
    const other = partial(c, (b === null ? n.alternate : n.consequent) as ESTree.Node, depth + 1);
    if (other !== "…") return other;
  }
  // A local helper that returns a path or command: what is known of what it returns.
  if (n.type === "CallExpression" && n.callee.type === "Identifier") {
    // The evaluator follows a helper with its arguments (decode("Lw==") → "/"); else what it returns.
    const folded = c.evaluate(n).text;
    if (folded !== null) return folded;
    const def = c.constant(n.callee.name);
    const ret = def ? returnedBy(def) : null;
    if (ret) return partial(c, ret, depth + 2);
  }
  // ["remote", name, "push" + "url"].join("."): the fixed parts with `…` between
  if (
    n.type === "CallExpression" &&
    n.callee.type === "MemberExpression" &&
    n.callee.object.type === "ArrayExpression" &&
    calleeName(n.callee).endsWith("join")
  ) {
    const sep = n.arguments[0] ? c.evaluate(n.arguments[0] as ESTree.Node).text : ",";
    if (sep !== null)
      return n.callee.object.elements
        .map((e) => (e && e.type !== "SpreadElement" ? partial(c, e as ESTree.Node, depth + 1) : "…"))
        .join(sep);
  }
  if (n.type === "Identifier") {
    const def = c.resolve(n.name);
    if (def && !("resolved" in def)) return partial(c, def, depth + 1);
    // A name given only fixed texts: the shortest (the portable program name of a platform switch).
    const alts = c.alternatives?.(n.name);
    if (alts?.length) return alts.reduce((x, y) => (y.length < x.length ? y : x));
  }
  const { text } = c.evaluate(n);
  return text ?? "…";
}

/** `process.env.NAME` read in these nodes, or in the constants they name (one step). */
export function envNames(c: Constants, nodes: ESTree.Node[]): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const scan = (root: ESTree.Node, depth: number) => {
    let steps = 0;
    walk(root, (n) => {
      if (++steps > 2000) return "skip";
      if (n.type === "MemberExpression" && isProcessEnv(n.object as ESTree.Node)) {
        const key = keyName(n.property as ESTree.Node, n.computed);
        if (key) out.add(key);
      } else if (n.type === "Identifier" && depth < 2 && !seen.has(n.name)) {
        seen.add(n.name);
        const def = c.constant(n.name);
        if (def) scan(def, depth + 1);
      }
      return undefined;
    });
  };
  for (const n of nodes) scan(n, 0);
  return [...out];
}
