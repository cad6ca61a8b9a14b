/**
 * Names per scope, not per file. Minifiers reuse short names in every function (`r` is `require` in one
 * scope, a parameter in the next, a caught error in a third), and the collectors bind names per file:
 * a name bound twice is no constant. This pass renames, in place, every declaration that shares its
 * name with a declaration of another scope (and every reference that resolves to it) to `name#scope`,
 * which no JavaScript identifier can be; the outermost declaration keeps its name. After it, one name
 * is one binding, so per-file resolution is per-scope resolution.
 *
 * Scopes as the language has them: a function's parameters and body; blocks, `for` heads, `catch` and
 * `switch` for let/const/class/function declarations; `var` in the nearest function. Two iterative walks
 * (minified code nests too deep for recursion): declarations first (hoisting), then references.
 */
import type { ESTree } from "meriyah";
import { CHILD_KEYS, LEAF_KEYS } from "./ast.js";

type Node = ESTree.Node & { [key: string]: unknown };

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);
const BLOCKS = new Set([
  "BlockStatement",
  "StaticBlock",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
  "SwitchStatement",
  "CatchClause",
  "ClassExpression",
]);

/** The identifiers a binding pattern declares (`a`, `{b, c: d}`, `[e = 1, ...f]`). */
function patternNames(p: Node | null | undefined, out: Node[]): Node[] {
  if (!p) return out;
  if (p.type === "Identifier") out.push(p);
  else if (p.type === "ObjectPattern")
    for (const prop of p.properties as Node[])
      patternNames((prop.type === "RestElement" ? prop.argument : prop.value) as Node, out);
  else if (p.type === "ArrayPattern") for (const e of p.elements as (Node | null)[]) patternNames(e, out);
  else if (p.type === "AssignmentPattern") patternNames(p.left as Node, out);
  else if (p.type === "RestElement") patternNames(p.argument as Node, out);
  return out;
}

/** An Identifier that names no binding: a property, a key, a label, an exported alias. */
function notAReference(n: Node, parent: Node | null): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case "MemberExpression":
      return parent.property === n && !parent.computed;
    case "Property":
    case "MethodDefinition":
    case "PropertyDefinition":
    case "AccessorProperty":
      return parent.key === n && !parent.computed && parent.value !== n;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
    case "MetaProperty":
      return true;
    case "ImportSpecifier":
      return parent.imported === n && parent.local !== n;
    case "ExportSpecifier":
      return parent.exported === n && parent.local !== n;
    case "ExportAllDeclaration":
      return true;
    default:
      return false;
  }
}

/**
 * Walks `root` once; `visit` sees each node with its parent, the scope its own names resolve in and
 * the scope it opens (the same when it opens none).
 */
function walkScoped(
  root: Node,
  enter: (n: Node, parent: Node | null, scope: number) => number,
  visit: (n: Node, parent: Node | null, scope: number, inner: number) => void,
): void {
  // Three parallel stacks (value, parent, scope): no tuple per node on a multi-megabyte bundle.
  const values: unknown[] = [root];
  const parents: (Node | null)[] = [null];
  const scopes: number[] = [0];
  const push = (v: unknown, parent: Node | null, scope: number) => {
    values.push(v);
    parents.push(parent);
    scopes.push(scope);
  };
  while (values.length) {
    const v = values.pop();
    const parent = parents.pop()!;
    const scope = scopes.pop()!;
    if (!v || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) push(v[i], parent, scope);
      continue;
    }
    const n = v as Node;
    if (typeof n.type !== "string") continue;
    const inner = enter(n, parent, scope);
    visit(n, parent, scope, inner);
    const keys = CHILD_KEYS[n.type] ?? Object.keys(n).filter((k) => !LEAF_KEYS.has(k));
    // A function declaration's own name, and a class's, belong to the scope around it.
    const outerId = n.type === "FunctionDeclaration" || n.type === "ClassDeclaration";
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = n[keys[k]!];
      if (child && typeof child === "object") push(child, n, outerId && keys[k] === "id" ? scope : inner);
    }
  }
}

/** What the first walk learns: the scopes, where each name is declared, and every reference met. */
interface Declarations {
  parentOf: number[];
  declaredIn: Map<string, Set<number>>;
  ids: Node[];
  idScopes: number[];
  /** `{ a }`: the identifier that is both key and value, and its property (only the value is renamed). */
  shorthand: Map<Node, Node>;
}

/** Declarations, each in the scope the language puts it (hoisting: all of them before any lookup). */
function declarations(ast: ESTree.Program): Declarations {
  // Scopes as two arrays (the enclosing scope, whether it is a function's) and, per name, the set of
  // scopes declaring it: no object per scope, so a bundle's hundred thousand functions stay cheap.
  const d: Declarations = {
    parentOf: [-1],
    declaredIn: new Map(),
    ids: [],
    idScopes: [],
    shorthand: new Map(),
  };
  const isFn: boolean[] = [true];
  const declare = (name: string, scope: number) => {
    const set = d.declaredIn.get(name);
    if (set) set.add(scope);
    else d.declaredIn.set(name, new Set([scope]));
  };
  const all = (p: Node | null | undefined, scope: number) => {
    for (const id of patternNames(p, [])) declare(id.name as string, scope);
  };
  const fnScope = (scope: number) => {
    let s = scope;
    while (!isFn[s]) s = d.parentOf[s]!;
    return s;
  };
  const enter = (n: Node, parent: Node | null, scope: number): number => {
    const fn = FUNCTIONS.has(n.type);
    // A function's body block and a catch's body share the function's or the catch's scope.
    const sharesParent =
      n.type === "BlockStatement" &&
      parent !== null &&
      (FUNCTIONS.has(parent.type) || parent.type === "CatchClause");
    if (n.type === "Program" || sharesParent || (!fn && !BLOCKS.has(n.type))) return scope;
    d.parentOf.push(scope);
    isFn.push(fn);
    return d.parentOf.length - 1;
  };
  walkScoped(ast as Node, enter, (n, parent, scope, own) => {
    if (n.type === "Identifier") {
      if (notAReference(n, parent)) return;
      d.ids.push(n);
      d.idScopes.push(scope);
      if (parent?.type === "Property" && parent.shorthand && parent.key === n && parent.value === n)
        d.shorthand.set(n, parent);
    } else if (n.type === "VariableDeclaration") {
      const at = n.kind === "var" ? fnScope(scope) : scope;
      for (const v of n.declarations as Node[]) all(v.id as Node, at);
    } else if ((n.type === "FunctionDeclaration" || n.type === "ClassDeclaration") && n.id) {
      declare((n.id as Node).name as string, scope);
    } else if (n.type === "ImportDeclaration") {
      for (const s of n.specifiers as Node[]) declare((s.local as Node).name as string, 0);
    }
    if (own === scope) return;
    if (FUNCTIONS.has(n.type)) {
      for (const p of n.params as Node[]) all(p, own);
      if (n.type === "FunctionExpression" && n.id) declare((n.id as Node).name as string, own);
    } else if (n.type === "CatchClause") all(n.param as Node | null, own);
    else if (n.type === "ClassExpression" && n.id) declare((n.id as Node).name as string, own);
  });
  return d;
}

export function resolveScopes(ast: ESTree.Program): void {
  const { parentOf, declaredIn, ids, idScopes, shorthand } = declarations(ast);
  const shared = new Map<string, { in: Set<number>; outermost: number }>();
  for (const [name, set] of declaredIn)
    if (set.size > 1) {
      let outermost = Number.POSITIVE_INFINITY;
      for (const scope of set) if (scope < outermost) outermost = scope;
      shared.set(name, { in: set, outermost });
    }
  if (!shared.size) return;
  // References (declarations included) of a shared name: renamed unless they reach the outermost.
  // Each new name is made once per declaration and shared by its references.
  const renames = new Map<number, Map<string, string>>();
  for (let i = 0; i < ids.length; i++) {
    const n = ids[i]!;
    const name = n.name as string;
    const decl = shared.get(name);
    if (decl === undefined) continue;
    let s = idScopes[i]!;
    while (s >= 0 && !decl.in.has(s)) s = parentOf[s]!;
    if (s < 0 || s === decl.outermost) continue;
    const inScope = renames.get(s) ?? new Map<string, string>();
    renames.set(s, inScope);
    const renamed = inScope.get(name) ?? `${name}#${s}`;
    inScope.set(name, renamed);
    // `{ a }`: the key stays `a`; only the value is the binding.
    const prop = shorthand.get(n);
    if (prop) prop.value = { ...n, name: renamed };
    else n.name = renamed;
  }
}
