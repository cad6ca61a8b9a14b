/**
 * What of a package's code a server can actually run, read as data: which modules its entry points
 * reach through literal imports, and where a registering function is called. Used to tell a tool the
 * server registers from a tool definition nothing loads (a test file, a module nobody imports, a
 * `registerX` function nobody calls). Anything uncertain counts as reachable: a computed `require`
 * or `import()` makes every module reachable; a function passed around as a value is "escaping".
 */
import type { ESTree } from "meriyah";
import type { PackageSnapshot } from "../types.js";
import { walk } from "./ast.js";
import { joinRelative, moduleFile } from "./modules.js";

/** Literal module specifiers: `from "x"`, `import "x"`, `import("x")`, `require("x")`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(["'`])([^"'`\n]{1,300})\1/g;
/**
 * Ways to load a module the literal specifiers do not show: `require(x)` / `import(x)` with a computed
 * argument or a template with a substitution, `require` handed on as a value (`const r = require`),
 * `createRequire`, and code built from text (`eval`, `new Function`, `vm`).
 */
const COMPUTED =
  /\b(?:require|import)\s*\(\s*(?:[^"'`\s)]|`[^`]*\$\{)|\brequire\b\s*(?:[,;)\]}:=&|?]|$)|\bcreateRequire\b|(?<![\w$.])eval\s*\(|\bnew\s+Function\b|\bvm\.(?:run|Script|compile)/m;
const MAX_FILES = 5000;

/** The server's entry points: `bin` and `main` (a server is started, not imported). */
function entries(snapshot: PackageSnapshot): string[] {
  const m = snapshot.manifest;
  const specs: string[] = [];
  if (typeof m.bin === "string") specs.push(m.bin);
  else if (m.bin && typeof m.bin === "object")
    for (const v of Object.values(m.bin)) if (typeof v === "string") specs.push(v);
  if (typeof m.main === "string") specs.push(m.main);
  if (!specs.length) specs.push("index.js");
  const out: string[] = [];
  for (const s of specs) {
    const path = moduleFile(snapshot, joinRelative("", s.startsWith(".") ? s : `./${s}`) ?? s);
    if (path) out.push(path);
  }
  return out;
}

/**
 * Modules reachable from the entry points through literal relative imports; null when that cannot be
 * told (no entry found, a computed import, too many files): then every module counts as reachable.
 */
export function reachableModules(snapshot: PackageSnapshot): Set<string> | null {
  const start = entries(snapshot);
  if (!start.length) return null;
  const seen = new Set<string>(start);
  const queue = [...start];
  while (queue.length) {
    if (seen.size > MAX_FILES) return null;
    const path = queue.pop()!;
    const text = snapshot.files.get(path)?.text;
    if (typeof text !== "string") continue;
    if (COMPUTED.test(text)) return null;
    for (const m of text.matchAll(SPECIFIER)) {
      const base = joinRelative(path, m[2]!);
      const target = base === null ? null : moduleFile(snapshot, base);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/** One call of a registering function: its arguments and whether a condition guards it. */
export interface CallSite {
  path: string;
  call: ESTree.CallExpression;
  conditional: boolean;
}

export interface References {
  calls: CallSite[];
  /** Used other than by a direct call or an export (passed as a value, aliased): callers unknown. */
  escapes: boolean;
}

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** Is `child` evaluated only under a condition of `parent` (an if branch, `&&`, `?:`, a case, a catch)? */
export function conditionalChild(parent: ESTree.Node, child: ESTree.Node): boolean {
  switch (parent.type) {
    case "IfStatement":
    case "ConditionalExpression":
      return child !== parent.test;
    case "LogicalExpression":
      return child === parent.right;
    case "SwitchCase":
      return child !== parent.test;
    case "CatchClause":
      return true;
    default:
      return false;
  }
}

/**
 * Tracks, during one walk in source order, whether the node being visited runs under a condition of
 * its own function. Keeps only the open regions (a stack as deep as the nesting), not the nodes: a
 * function resets it (its body's conditions are its own; the call site's condition is the caller's).
 */
export class Conditions {
  private readonly open: { end: number; fn: boolean }[] = [];
  /** Call for every visited node, parents first; true when it runs under a condition. */
  visit(n: ESTree.Node, parent: ESTree.Node | null): boolean {
    const { start = 0, end = 0 } = n as { start?: number; end?: number };
    while (this.open.length && this.open[this.open.length - 1]!.end <= start) this.open.pop();
    if (FUNCTION_TYPES.has(n.type)) this.open.push({ end, fn: true });
    else if (parent && conditionalChild(parent, n)) this.open.push({ end, fn: false });
    // Under a condition when the innermost open region is a condition, not a function.
    const top = this.open[this.open.length - 1];
    return !!top && !top.fn;
  }
}

/** The callee's name: `f(…)`, `m.f(…)`, `(0, m.f)(…)`. */
function calleeName(callee: ESTree.Node): ESTree.Identifier | null {
  if (callee.type === "Identifier") return callee;
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier")
    return callee.property;
  if (callee.type === "SequenceExpression") {
    const last = callee.expressions[callee.expressions.length - 1];
    return last ? calleeName(last as ESTree.Node) : null;
  }
  return null;
}

const isExportsObject = (n: ESTree.Node): boolean =>
  (n.type === "Identifier" && n.name === "exports") ||
  (n.type === "MemberExpression" &&
    n.object.type === "Identifier" &&
    n.object.name === "module" &&
    !n.computed &&
    n.property.type === "Identifier" &&
    n.property.name === "exports");

/**
 * Where each of `names` is called in the given modules, or that it escapes. An occurrence is a call
 * (`f()`, `m.f()`, `(0, m.f)()`), its own declaration, an export or import under the same name, or
 * else an escape (passed as a value, aliased, read as a property): callers are then unknown.
 */
export function findReferences(
  names: Set<string>,
  modules: Iterable<{ path: string; ast: ESTree.Program }>,
): Map<string, References> {
  const out = new Map<string, References>();
  for (const name of names) out.set(name, { calls: [], escapes: false });
  for (const { path, ast } of modules) {
    const accounted = new Set<ESTree.Node>();
    const cond = new Conditions();
    const conditional = new Set<ESTree.Node>();
    walk(ast, (n, parent) => {
      if (cond.visit(n, parent)) conditional.add(n);
      switch (n.type) {
        case "CallExpression": {
          const id = calleeName(n.callee as ESTree.Node);
          if (id && names.has(id.name)) {
            accounted.add(id);
            out.get(id.name)!.calls.push({ path, call: n, conditional: conditional.has(n) });
          }
          break;
        }
        case "FunctionDeclaration":
        case "FunctionExpression":
          if (n.id) accounted.add(n.id);
          break;
        case "VariableDeclarator":
          if (n.id.type === "Identifier") accounted.add(n.id);
          break;
        case "ImportSpecifier":
        case "ExportSpecifier": {
          const a = (n.type === "ImportSpecifier" ? n.imported : n.local) as ESTree.Node;
          const b = (n.type === "ImportSpecifier" ? n.local : n.exported) as ESTree.Node;
          // Under the same name it is followed by name; renamed, its callers are not.
          if (a.type === "Identifier" && b.type === "Identifier" && a.name === b.name) {
            accounted.add(a);
            accounted.add(b);
          }
          break;
        }
        case "Property":
          // const { f } = require("./x")
          if (parent?.type === "ObjectPattern" && n.shorthand && n.key.type === "Identifier") {
            accounted.add(n.key);
            accounted.add(n.value as ESTree.Node);
          }
          break;
        case "AssignmentExpression":
          // exports.f = f, exports.f = void 0
          if (
            n.left.type === "MemberExpression" &&
            !n.left.computed &&
            n.left.property.type === "Identifier" &&
            isExportsObject(n.left.object as ESTree.Node)
          ) {
            accounted.add(n.left.property);
            if (n.right.type === "Identifier" && n.right.name === n.left.property.name)
              accounted.add(n.right);
          }
          break;
        case "Identifier":
          if (names.has(n.name) && !accounted.has(n)) out.get(n.name)!.escapes = true;
          break;
      }
      return undefined;
    });
  }
  return out;
}

/** Bare specifiers that are the SDK or common helpers, never the server a wrapper starts. */
const NOT_A_SERVER = new Set(["@modelcontextprotocol/sdk", "zod", "dotenv", "commander", "yargs"]);
/** A package whose own loaded code is smaller than this can be a thin wrapper. */
const WRAPPER_CODE = 32 * 1024;

/**
 * The dependencies a thin wrapper starts: runtime dependencies its (small) loaded code imports by
 * name, in the order it imports them. Empty when its own code is not small.
 */
export function wrappedDependencies(snapshot: PackageSnapshot): string[] {
  const deps = snapshot.manifest.dependencies;
  if (!deps || typeof deps !== "object") return [];
  const loaded = reachableModules(snapshot) ?? new Set(entries(snapshot));
  let size = 0;
  const out: string[] = [];
  for (const path of loaded) {
    const text = snapshot.files.get(path)?.text;
    if (typeof text !== "string") continue;
    size += text.length;
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[2]!;
      if (spec.startsWith(".") || spec.startsWith("node:")) continue;
      const parts = spec.split("/");
      const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
      if (Object.hasOwn(deps, name) && !NOT_A_SERVER.has(name) && !out.includes(name)) out.push(name);
    }
  }
  return size <= WRAPPER_CODE ? out : [];
}
