/** The names a CallTool handler dispatches on: callable tools, hidden ones included. */
import type { ESTree } from "meriyah";
import { walk } from "../js/ast.js";
import type { Module } from "../js/modules.js";
import { isFunction } from "../js/names.js";
import type { Site } from "./collector.js";

/** A name the dispatch compares with: `name`, `toolName`, `request.params.name`. */
const NAME_OPERAND = /^(?:name|toolName|tool_name|tool)$/i;
function isNameOperand(n: ESTree.Node): boolean {
  if (n.type === "Identifier") return NAME_OPERAND.test(n.name);
  return (
    n.type === "MemberExpression" &&
    !n.computed &&
    n.property.type === "Identifier" &&
    NAME_OPERAND.test(n.property.name)
  );
}

/**
 * The names a CallTool handler dispatches on: `switch (name) { case "x": … }`, `if (name === "x")`,
 * in the handler or in a function of the same module it calls (two calls deep).
 */
export function callToolNames(site: Site, fn: ESTree.Node): void {
  const add = (v: unknown, at: ESTree.Node) => {
    if (typeof v === "string" && v)
      site.out.callable.push({
        name: v,
        file: site.mod.file.path,
        line: site.mod.line((at as { start?: number }).start),
      });
  };
  let bodies: ESTree.Node[] = [fn];
  const seen = new Set<string>();
  // Minified code renames `name`: `const { name: t } = r.params` or `const t = r.params.name`.
  const aliases = new Set<string>();
  const isName = (n: ESTree.Node) => isNameOperand(n) || (n.type === "Identifier" && aliases.has(n.name));
  for (let depth = 0; depth < 3 && bodies.length; depth++) {
    const called = new Set<string>();
    for (const body of bodies)
      walk(body, (n) => {
        if (n.type === "VariableDeclarator") nameAliases(n, aliases);
        if (n.type === "SwitchStatement" && isName(n.discriminant as ESTree.Node)) {
          // `case "x":`, and names kept in constants (`case TOOLS.debug:`) the same
          for (const c of n.cases) if (c.test) add(site.ev(c.test as ESTree.Node), c.test as ESTree.Node);
        } else if (n.type === "BinaryExpression" && (n.operator === "===" || n.operator === "==")) {
          const [l, r] = [n.left as ESTree.Node, n.right as ESTree.Node];
          if (isName(l)) add(site.ev(r), r);
          else if (isName(r)) add(site.ev(l), l);
        } else if (
          n.type === "CallExpression" &&
          n.callee.type === "Identifier" &&
          !seen.has(n.callee.name)
        ) {
          seen.add(n.callee.name);
          called.add(n.callee.name);
        }
        return undefined;
      });
    bodies = called.size ? functionsNamed(site.mod, called) : [];
  }
}

/** Locals that hold the called tool's name: `{ name: t } = …`, `t = request.params.name`. */
function nameAliases(d: ESTree.VariableDeclarator, out: Set<string>): void {
  if (d.id.type === "ObjectPattern") {
    for (const p of d.id.properties)
      if (
        p.type === "Property" &&
        !p.computed &&
        p.key.type === "Identifier" &&
        p.key.name === "name" &&
        p.value.type === "Identifier"
      )
        out.add(p.value.name);
  } else if (d.id.type === "Identifier" && d.init && isNameOperand(d.init as ESTree.Node)) out.add(d.id.name);
}

/** The module's functions declared (or bound to a const) under one of these names. */
function functionsNamed(mod: Module, names: Set<string>): ESTree.Node[] {
  const out: ESTree.Node[] = [];
  for (const name of names) {
    const def = mod.defs.get(name);
    if (def && isFunction(def)) out.push(def);
  }
  if (mod.ast)
    walk(mod.ast, (n) => {
      if (n.type === "FunctionDeclaration" && n.id && names.has(n.id.name)) out.push(n);
      return undefined;
    });
  return out;
}
