/**
 * The module linker: which file a relative specifier names, and each module's constant bindings,
 * imports and exports, parsed lazily, so names resolve across files of the package.
 */
import type { ESTree } from "meriyah";
import { evalStatic } from "../eval/evaluate.js";
import { DYNAMIC, fromJson, type Resolver, type StaticValue } from "../eval/value.js";
import type { PackageFile, PackageSnapshot } from "../types.js";
import { walk } from "./ast.js";
import { requireSource } from "./names.js";
import { lineIndex, type Parsed, SharedTrees } from "./parse.js";

/**
 * A relative specifier from a file, as a path of the package; null when it is not relative or leaves
 * the package (`../../x` from the root names no file of it).
 */
export function joinRelative(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const parts = from.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "..") {
      if (!parts.length) return null;
      parts.pop();
    } else if (p !== "." && p !== "") parts.push(p);
  }
  return parts.join("/");
}

/** The file a module path names, trying Node's and TypeScript output's usual extensions. */
export function moduleFile(snapshot: PackageSnapshot, base: string): string | null {
  for (const candidate of [
    base,
    `${base}.js`,
    `${base}.mjs`,
    `${base}.cjs`,
    `${base}/index.js`,
    `${base}/index.mjs`,
    `${base}/index.cjs`,
    base.replace(/\.ts$/, ".js"),
  ]) {
    if (snapshot.files.has(candidate)) return candidate;
  }
  return null;
}

/** The file of the package a relative specifier names from `from`, or null. */
export function localModule(snapshot: PackageSnapshot, from: string, spec: string): string | null {
  const base = joinRelative(from, spec);
  return base === null ? null : moduleFile(snapshot, base);
}

export interface Module {
  file: PackageFile;
  ast: ESTree.Program | null;
  line: (offset: number | undefined) => number;
  defs: Map<string, ESTree.Node | null>;
  imports: Map<string, { from: string; name: string }>;
  exports: Map<string, ESTree.Node>;
  /** Bindings that have `.disable()` called on them (a registered tool switched off). */
  disabled: Set<string>;
}

export const JS_FILE = /\.(?:m|c)?js$/i;

const isObject = (v: StaticValue): v is { [k: string]: StaticValue } =>
  !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Files larger than this are not read for the names other files import from them: a bundle of that
 * size is a vendored library (parsing chrome-devtools-mcp's 8 MB one costs a second and 120 MB), not
 * where a server keeps its tool names; what is imported from it stays unknown.
 */
export const MAX_LINKED_BYTES = 1024 * 1024;

/** Parses and indexes modules lazily; resolves names across relative imports. */
export class Program {
  private modules = new Map<string, Module | null>();
  constructor(
    private readonly snapshot: PackageSnapshot,
    private readonly trees: SharedTrees = new SharedTrees(),
  ) {}

  module(path: string): Module | null {
    if (this.modules.has(path)) return this.modules.get(path)!;
    const file = this.snapshot.files.get(path);
    let mod: Module | null = null;
    if (file?.kind === "text" && JS_FILE.test(path)) {
      let parsed: Parsed | null = null;
      try {
        parsed = this.trees.parse(file);
      } catch {
        parsed = null;
      }
      const ast = parsed?.ast ?? null;
      mod = {
        file,
        ast,
        line: parsed?.line ?? lineIndex(file.text!),
        defs: new Map(),
        imports: new Map(),
        exports: new Map(),
        disabled: new Set(),
      };
      if (ast) index(mod, ast);
    }
    this.modules.set(path, mod);
    return mod;
  }

  resolver(mod: Module, depth = 0): Resolver {
    return (name) => {
      if (mod.defs.has(name)) {
        const def = mod.defs.get(name) ?? null;
        // `const tools = require("./tools.json")`, `JSON.parse(readFileSync(new URL("./t.json", import.meta.url)))`:
        // the package file's data.
        const spec = def?.type === "CallExpression" ? (requireSource(def) ?? readSource(def)) : null;
        const data = spec ? this.json(mod.file.path, spec) : undefined;
        return data !== undefined ? { resolved: data } : def;
      }
      const imp = mod.imports.get(name);
      if (!imp || depth > 6) return null;
      const data = this.json(mod.file.path, imp.from);
      if (data !== undefined)
        return { resolved: imp.name === "default" || !isObject(data) ? data : (data[imp.name] ?? DYNAMIC) };
      const target = this.resolvePath(mod.file.path, imp.from);
      const size = target ? (this.snapshot.files.get(target)?.size ?? 0) : 0;
      const tm = target && size <= MAX_LINKED_BYTES ? this.module(target) : null;
      if (!tm) return null;
      const node = tm.exports.get(imp.name) ?? tm.defs.get(imp.name) ?? null;
      // Evaluated in its own module's scope, so its names resolve there.
      return node ? { resolved: evalStatic(node, this.resolver(tm, depth + 1)) } : null;
    };
  }

  /** A JSON file of the package a relative specifier names, as a value; undefined when it is not one. */
  json(from: string, spec: string): StaticValue | undefined {
    const path = joinRelative(from, spec);
    const file = path && /\.json$/i.test(path) ? this.snapshot.files.get(path) : undefined;
    if (file?.kind !== "text" || file.size > MAX_LINKED_BYTES) return undefined;
    try {
      return fromJson(JSON.parse(file.text!), 0);
    } catch {
      return DYNAMIC;
    }
  }

  resolvePath(from: string, spec: string): string | null {
    const base = joinRelative(from, spec);
    return base === null ? null : moduleFile(this.snapshot, base);
  }
}

/**
 * The package file a read names, as a relative specifier: `JSON.parse(readFileSync(P, "utf8"))` where P is
 * `new URL("./x.json", import.meta.url)`, `join(__dirname, "x.json")` or `resolve(__dirname, "..", "x.json")`.
 */
function readSource(n: ESTree.CallExpression): string | null {
  let call: ESTree.Node = n;
  if (calleeTail(n) === "parse" && n.arguments[0]?.type === "CallExpression")
    call = n.arguments[0] as ESTree.Node;
  if (call.type !== "CallExpression" || !/^readFile(?:Sync)?$/.test(calleeTail(call) ?? "")) return null;
  let p = call.arguments[0] as ESTree.Node | undefined;
  if (p?.type === "CallExpression" && calleeTail(p) === "fileURLToPath") p = p.arguments[0] as ESTree.Node;
  if (p?.type === "NewExpression" && p.callee.type === "Identifier" && p.callee.name === "URL") {
    const [rel, base] = p.arguments;
    const meta = base?.type === "MemberExpression" && base.object.type === "MetaProperty";
    return meta && rel?.type === "Literal" && typeof rel.value === "string" ? rel.value : null;
  }
  if (p?.type === "CallExpression" && /^(?:join|resolve)$/.test(calleeTail(p) ?? "")) {
    const [dir, ...rest] = p.arguments;
    if (dir?.type !== "Identifier" || dir.name !== "__dirname") return null;
    const parts = rest.map((a) => (a.type === "Literal" && typeof a.value === "string" ? a.value : null));
    return parts.every((x) => x !== null) ? `./${parts.join("/")}` : null;
  }
  return null;
}

function calleeTail(n: ESTree.Node): string | null {
  if (n.type !== "CallExpression") return null;
  const c = n.callee;
  if (c.type === "Identifier") return c.name;
  return c.type === "MemberExpression" && !c.computed && c.property.type === "Identifier"
    ? c.property.name
    : null;
}

/** Top-level (and, for bundles, any-depth) constant bindings, imports and exports of a module. */
function index(mod: Module, ast: ESTree.Program) {
  const bind = (name: string, node: ESTree.Node | null) => {
    mod.defs.set(name, mod.defs.has(name) ? null : node); // bound twice: not a constant we can trust
  };
  walk(ast, (n) => {
    if (n.type === "VariableDeclarator") {
      if (n.id.type === "Identifier") bind(n.id.name, n.init ?? null);
      else if (n.id.type === "ObjectPattern" && n.init?.type === "CallExpression") {
        // const { X } = require("./x")
        const src = requireSource(n.init);
        if (src) {
          for (const p of n.id.properties) {
            if (p.type === "Property" && p.key.type === "Identifier" && p.value.type === "Identifier")
              mod.imports.set(p.value.name, { from: src, name: p.key.name });
          }
        }
      }
    } else if (
      n.type === "CallExpression" &&
      n.callee.type === "MemberExpression" &&
      !n.callee.computed &&
      n.callee.property.type === "Identifier" &&
      n.callee.property.name === "disable" &&
      n.callee.object.type === "Identifier"
    ) {
      mod.disabled.add(n.callee.object.name);
    } else if (n.type === "ImportDeclaration" && typeof n.source.value === "string") {
      for (const s of n.specifiers) {
        if (s.type === "ImportSpecifier") {
          const imported = s.imported.type === "Identifier" ? s.imported.name : String(s.imported.value);
          mod.imports.set(s.local.name, { from: n.source.value, name: imported });
        } else if (s.type === "ImportDefaultSpecifier")
          mod.imports.set(s.local.name, { from: n.source.value, name: "default" });
      }
    } else if (
      n.type === "ExportDefaultDeclaration" &&
      n.declaration.type !== "FunctionDeclaration" &&
      n.declaration.type !== "ClassDeclaration"
    ) {
      mod.exports.set("default", n.declaration as ESTree.Node);
    } else if (n.type === "AssignmentExpression" && n.left.type === "MemberExpression") {
      // exports.X = …, module.exports.X = …
      const l = n.left;
      const obj = l.object;
      const isExports =
        (obj.type === "Identifier" && obj.name === "exports") ||
        (obj.type === "MemberExpression" && obj.object.type === "Identifier" && obj.object.name === "module");
      if (isExports && !l.computed && l.property.type === "Identifier")
        mod.exports.set(l.property.name, n.right);
    }
  });
}
