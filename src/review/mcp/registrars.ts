/** Functions that register tools themselves, and where they are called. */
import type { ESTree } from "meriyah";
import { walk } from "../js/ast.js";
import { JS_FILE, type Module, type Program } from "../js/modules.js";
import { methodName } from "../js/names.js";
import { findReferences, type References } from "../js/reach.js";
import type { PackageSnapshot } from "../types.js";
import { PROMPT_CALLS, RESOURCE_CALLS, TOOL_CALLS } from "./sdk.js";

/** A named function that registers tools itself, and which of its parameters its names use. */
export interface Registrar {
  name: string;
  fn: ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression;
  /** Parameters a registration's name reads (`server.tool(toolName || "fetch", …)`). */
  nameParams: Set<string>;
}

const FUNCTION_NODE = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/**
 * Named functions whose own body registers a tool, prompt or resource. A name declared by two
 * functions is ambiguous and left out (its calls could be either).
 */
export function findRegistrars(mods: Module[]): Map<ESTree.Node, Registrar> {
  const out = new Map<ESTree.Node, Registrar>();
  const declared = new Map<string, number>();
  for (const mod of mods) {
    type Fn = { node: Registrar["fn"]; name: string | null; end: number };
    // The functions open around the node being visited (a walk in source order): the innermost on top.
    const open: Fn[] = [];
    const calls: { call: ESTree.CallExpression; inner: Fn | undefined }[] = [];
    walk(mod.ast, (n, parent) => {
      const { start = 0, end = 0 } = n as { start?: number; end?: number };
      while (open.length && open[open.length - 1]!.end <= start) open.pop();
      if (FUNCTION_NODE.has(n.type)) {
        const fn = n as Registrar["fn"];
        const name =
          fn.type !== "ArrowFunctionExpression" && fn.id
            ? fn.id.name
            : parent?.type === "VariableDeclarator" && parent.id.type === "Identifier" && parent.init === n
              ? parent.id.name
              : null;
        if (name) declared.set(name, (declared.get(name) ?? 0) + 1);
        open.push({ node: fn, name, end });
      } else if (n.type === "CallExpression") {
        const m = methodName(n.callee);
        if (
          m &&
          (TOOL_CALLS.has(m) || PROMPT_CALLS.has(m) || RESOURCE_CALLS.has(m)) &&
          n.arguments.length >= 2
        )
          calls.push({ call: n, inner: open[open.length - 1] });
      }
      return undefined;
    });
    for (const { call, inner } of calls) {
      if (!inner?.name) continue;
      const params = new Set<string>();
      for (const p of inner.node.params) {
        const id = p.type === "AssignmentPattern" ? p.left : p;
        if (id.type === "Identifier") params.add(id.name);
      }
      const r = out.get(inner.node) ?? { name: inner.name, fn: inner.node, nameParams: new Set<string>() };
      walk(call.arguments[0], (n) => {
        if (n.type === "Identifier" && params.has(n.name)) r.nameParams.add(n.name);
        return undefined;
      });
      out.set(inner.node, r);
    }
  }
  for (const [node, r] of out) if ((declared.get(r.name) ?? 0) > 1) out.delete(node);
  return out;
}

/** Where the registrars are called, across the code files the server loads. */
export function registrarReferences(
  snapshot: PackageSnapshot,
  program: Program,
  registrars: Map<ESTree.Node, Registrar>,
  reachable: Set<string> | null,
  only?: (path: string) => boolean,
): Map<string, References> {
  const names = new Set([...registrars.values()].map((r) => r.name));
  if (!names.size) return new Map();
  const quote = (n: string) => n.replace(/[$]/g, "\\$");
  const mention = new RegExp(`(?<![\\w$])(?:${[...names].map(quote).join("|")})(?![\\w$])`);
  const modules: { path: string; ast: ESTree.Program }[] = [];
  for (const [path, file] of snapshot.files) {
    // A call from a file the server never loads (a test, say) does not register anything.
    if ((reachable && !reachable.has(path)) || (only && !only(path))) continue;
    if (file.kind !== "text" || !JS_FILE.test(path) || !mention.test(file.text!)) continue;
    const mod = program.module(path);
    // A file that mentions a registrar but cannot be parsed hides its callers: they are unknown.
    if (!mod?.ast) return new Map();
    modules.push({ path, ast: mod.ast });
  }
  return findReferences(names, modules);
}
