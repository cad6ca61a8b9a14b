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

type Node = ESTree.Node & { [key: string]: unknown };

interface Scope {
  parent: number;
  fn: boolean;
  names?: Set<string>;
}

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
const SKIP_KEYS = new Set(["type", "start", "end", "range", "loc", "regex"]);

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

/** Walks `root`; `visit` sees each node with its parent and the scope its own names resolve in. */
function walkScoped(
  root: Node,
  scopeOf: WeakMap<Node, number>,
  enter: (n: Node, parent: Node | null, scope: number) => number,
  visit: (n: Node, parent: Node | null, scope: number) => void,
): void {
  const stack: [unknown, Node | null, number][] = [[root, null, 0]];
  while (stack.length) {
    const [v, parent, scope] = stack.pop()!;
    if (!v || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], parent, scope]);
      continue;
    }
    const n = v as Node;
    if (typeof n.type !== "string") continue;
    const inner = scopeOf.get(n) ?? enter(n, parent, scope);
    visit(n, parent, scope);
    for (const key of Object.keys(n).reverse()) {
      if (SKIP_KEYS.has(key)) continue;
      const child = n[key];
      if (!child || typeof child !== "object") continue;
      // A function declaration's own name, and a class's, belong to the scope around it.
      const outer = key === "id" && (n.type === "FunctionDeclaration" || n.type === "ClassDeclaration");
      stack.push([child, n, outer ? scope : inner]);
    }
  }
}

export function resolveScopes(ast: ESTree.Program): void {
  const scopes: Scope[] = [{ parent: -1, fn: true }];
  const scopeOf = new WeakMap<Node, number>();
  const declaredIn = new Map<string, number[]>();
  const declare = (name: string, scope: number) => {
    const s = scopes[scope]!;
    if (s.names?.has(name)) return;
    s.names ??= new Set();
    s.names.add(name);
    const list = declaredIn.get(name);
    if (list) list.push(scope);
    else declaredIn.set(name, [scope]);
  };
  const fnScope = (scope: number) => {
    let s = scope;
    while (!scopes[s]!.fn) s = scopes[s]!.parent;
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
    scopes.push({ parent: scope, fn });
    scopeOf.set(n, scopes.length - 1);
    return scopes.length - 1;
  };
  // 1. Declarations, each in the scope the language puts it.
  walkScoped(ast as Node, scopeOf, enter, (n, _parent, scope) => {
    if (n.type === "VariableDeclaration") {
      const at = n.kind === "var" ? fnScope(scope) : scope;
      for (const d of n.declarations as Node[])
        for (const id of patternNames(d.id as Node, [])) declare(id.name as string, at);
    } else if ((n.type === "FunctionDeclaration" || n.type === "ClassDeclaration") && n.id) {
      declare((n.id as Node).name as string, scope);
    } else if (n.type === "ImportDeclaration") {
      for (const s of n.specifiers as Node[]) declare((s.local as Node).name as string, 0);
    }
    const own = scopeOf.get(n);
    if (own === undefined) return;
    if (FUNCTIONS.has(n.type)) {
      for (const p of n.params as Node[])
        for (const id of patternNames(p, [])) declare(id.name as string, own);
      if (n.type === "FunctionExpression" && n.id) declare((n.id as Node).name as string, own);
    } else if (n.type === "CatchClause" && n.param) {
      for (const id of patternNames(n.param as Node, [])) declare(id.name as string, own);
    } else if (n.type === "ClassExpression" && n.id) declare((n.id as Node).name as string, own);
  });
  const shared = new Map<string, number>();
  for (const [name, list] of declaredIn) if (list.length > 1) shared.set(name, Math.min(...list));
  if (!shared.size) return;
  // 2. References (declarations included) of a shared name: renamed unless they reach the outermost.
  walkScoped(
    ast as Node,
    scopeOf,
    (_n, _p, scope) => scope,
    (n, parent, scope) => {
      if (n.type !== "Identifier") return;
      const name = n.name as string;
      const outermost = shared.get(name);
      if (outermost === undefined || notAReference(n, parent)) return;
      let s = scope;
      while (s >= 0 && !scopes[s]!.names?.has(name)) s = scopes[s]!.parent;
      if (s < 0 || s === outermost) return;
      const renamed = `${name}#${s}`;
      // `{ a }`: the key stays `a`; only the value is the binding.
      if (parent?.type === "Property" && parent.shorthand && parent.value === n && parent.key === n)
        parent.value = { ...n, name: renamed };
      else n.name = renamed;
    },
  );
}
