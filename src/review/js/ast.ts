/**
 * One iterative pre-order walk over ESTree nodes, shared by every analysis: minified code nests
 * deeply enough to overflow a recursive walk, and known node types use a child-key table.
 */
import type { ESTree } from "meriyah";

/** Keys of ESTree nodes whose objects are not child nodes. */
export const LEAF_KEYS = new Set(["type", "start", "end", "range", "loc", "regex"]);

/** Child keys of common ESTree nodes (as estraverse's VisitorKeys); others fall back to a key scan. */
export const CHILD_KEYS: Record<string, readonly string[]> = {
  Program: ["body"],
  ExpressionStatement: ["expression"],
  BlockStatement: ["body"],
  StaticBlock: ["body"],
  ReturnStatement: ["argument"],
  IfStatement: ["test", "consequent", "alternate"],
  ConditionalExpression: ["test", "consequent", "alternate"],
  ForStatement: ["init", "test", "update", "body"],
  ForInStatement: ["left", "right", "body"],
  ForOfStatement: ["left", "right", "body"],
  WhileStatement: ["test", "body"],
  DoWhileStatement: ["body", "test"],
  SwitchStatement: ["discriminant", "cases"],
  SwitchCase: ["test", "consequent"],
  ThrowStatement: ["argument"],
  TryStatement: ["block", "handler", "finalizer"],
  CatchClause: ["param", "body"],
  LabeledStatement: ["label", "body"],
  VariableDeclaration: ["declarations"],
  VariableDeclarator: ["id", "init"],
  FunctionDeclaration: ["id", "params", "body"],
  FunctionExpression: ["id", "params", "body"],
  ArrowFunctionExpression: ["params", "body"],
  ClassDeclaration: ["id", "superClass", "body"],
  ClassExpression: ["id", "superClass", "body"],
  ClassBody: ["body"],
  MethodDefinition: ["key", "value"],
  PropertyDefinition: ["key", "value"],
  CallExpression: ["callee", "arguments"],
  NewExpression: ["callee", "arguments"],
  MemberExpression: ["object", "property"],
  ChainExpression: ["expression"],
  ObjectExpression: ["properties"],
  ObjectPattern: ["properties"],
  ArrayExpression: ["elements"],
  ArrayPattern: ["elements"],
  Property: ["key", "value"],
  SpreadElement: ["argument"],
  RestElement: ["argument"],
  AssignmentPattern: ["left", "right"],
  AssignmentExpression: ["left", "right"],
  BinaryExpression: ["left", "right"],
  LogicalExpression: ["left", "right"],
  UnaryExpression: ["argument"],
  UpdateExpression: ["argument"],
  AwaitExpression: ["argument"],
  YieldExpression: ["argument"],
  SequenceExpression: ["expressions"],
  TemplateLiteral: ["quasis", "expressions"],
  TaggedTemplateExpression: ["tag", "quasi"],
  ImportExpression: ["source", "options"],
  ImportDeclaration: ["specifiers", "source"],
  ExportNamedDeclaration: ["declaration", "specifiers", "source"],
  ExportDefaultDeclaration: ["declaration"],
  ExportAllDeclaration: ["exported", "source"],
  ParenthesizedExpression: ["expression"],
  Literal: [],
  Identifier: [],
  ThisExpression: [],
  Super: [],
  TemplateElement: [],
  EmptyStatement: [],
  BreakStatement: [],
  ContinueStatement: [],
  DebuggerStatement: [],
  ImportSpecifier: [],
  ImportDefaultSpecifier: [],
  ImportNamespaceSpecifier: [],
  ExportSpecifier: [],
  MetaProperty: [],
  PrivateIdentifier: [],
};

/**
 * Visits every node under `root`, parents before children, with the node's parent (null for `root`).
 * Return "skip" from `visit` to leave a node's children out (nested functions, say).
 */
export function walk(root: unknown, visit: (node: ESTree.Node, parent: ESTree.Node | null) => unknown): void {
  // Pairs (value, parent): arrays of children keep the parent of the node that holds them.
  const stack: unknown[] = [root, null];
  while (stack.length > 0) {
    const parent = stack.pop() as ESTree.Node | null;
    const v = stack.pop();
    if (!v || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i], parent);
      continue;
    }
    const n = v as ESTree.Node;
    if (typeof (n as { type?: unknown }).type !== "string") continue;
    if (visit(n, parent) === "skip") continue;
    const rec = n as unknown as Record<string, unknown>;
    const keys = CHILD_KEYS[n.type];
    if (keys) {
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = rec[keys[k]!];
        if (child !== null && typeof child === "object") stack.push(child, n);
      }
    } else {
      for (const key in rec) {
        if (LEAF_KEYS.has(key)) continue;
        const child = rec[key];
        if (child !== null && typeof child === "object") stack.push(child, n);
      }
    }
  }
}
