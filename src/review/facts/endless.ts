/** Code at a module's top level that never ends: endless loops, and fast intervals that print. */
import type { ESTree } from "meriyah";
import { walk } from "../js/ast.js";
import { calleeName } from "../js/names.js";
import type { Located } from "./types.js";

type Node = ESTree.Node & { start?: number };

/** A loop test that never turns false: none, a truthy literal, `!0`, or `x < Infinity`. */
function neverEnds(test: ESTree.Node | null | undefined): boolean {
  if (!test) return true;
  if (test.type === "Literal") return !!test.value;
  if (test.type === "UnaryExpression" && test.operator === "!")
    return test.argument.type === "Literal" && !test.argument.value;
  return (
    test.type === "BinaryExpression" &&
    (test.operator === "<" || test.operator === "<=") &&
    test.right.type === "Identifier" &&
    test.right.name === "Infinity"
  );
}

/** Top-level loops (run when the module is loaded) that never end: no break, return or throw inside. */
export function endlessLoops(ast: ESTree.Program, lineOf: (n: { start?: number }) => number): Located[] {
  const out: Located[] = [];
  for (const st of ast.body) {
    if (st.type !== "WhileStatement" && st.type !== "ForStatement" && st.type !== "DoWhileStatement")
      continue;
    if (!neverEnds(st.test as ESTree.Node | null)) continue;
    let exits = false;
    walk(st.body, (n) => {
      if (n.type === "BreakStatement" || n.type === "ReturnStatement" || n.type === "ThrowStatement")
        exits = true;
      // Functions inside the loop body do not end it.
      return n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression" ? "skip" : undefined;
    });
    if (!exits) out.push({ value: st.type, line: lineOf(st as Node) });
  }
  // setInterval(() => console.log(…), 0) at the top level: the process floods its output forever
  // (stdio MCP servers speak JSON-RPC on stdout, so this also breaks the server).
  for (const st of ast.body) {
    const call = st.type === "ExpressionStatement" ? st.expression : null;
    if (call?.type !== "CallExpression" || calleeName(call.callee) !== "setInterval") continue;
    const delay = call.arguments[1];
    const fast = !delay || (delay.type === "Literal" && typeof delay.value === "number" && delay.value < 100);
    let prints = false;
    if (call.arguments[0]) {
      walk(call.arguments[0], (n) => {
        if (
          n.type === "CallExpression" &&
          /^(?:console\.\w+|process\.(?:stdout|stderr)\.write)$/.test(calleeName(n.callee))
        )
          prints = true;
        return undefined;
      });
    }
    if (fast && prints) out.push({ value: "setInterval", line: lineOf(st as Node) });
  }
  return out;
}
