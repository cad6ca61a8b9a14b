/** Small helpers over ESTree nodes, one copy each: what a node is, and the names it is called by. */
import type { ESTree } from "meriyah";

const FUNCTION_NODES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);
export const isFunctionNode = (n: ESTree.Node | null | undefined): boolean =>
  !!n && FUNCTION_NODES.has(n.type);
