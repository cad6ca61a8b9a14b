/**
 * Writes of the environment variables that steer other code (catalogue STEERING_ENV): an assignment to
 * `process.env.X`, `Object.assign(process.env, { X })`, or `X` in the `env` option of a spawn. Each is a
 * capability use (`env:X`) with the value as its target, so a fixed proxy or preload reads as such.
 */
import type { ESTree } from "meriyah";
import { calleeName, isProcessEnv, keyName } from "../js/names.js";
import type { CapabilityUse, Folding } from "./capabilities.js";
import { STEERING_ENV } from "./catalogue.js";

function use(key: string, value: ESTree.Node, line: number, fold: Folding): CapabilityUse | null {
  const row = STEERING_ENV.get(key);
  if (!row) return null;
  const target = fold.partial(value);
  // A fixed value that steers nothing (NODE_OPTIONS=--no-deprecation, TLS checks left on) is no use.
  if (row.value && !target.includes("…") && !row.value.test(target)) return null;
  return { row: `env:${key}`, family: row.family, label: row.label, line, target };
}

function fromObject(obj: ESTree.Node, line: number, fold: Folding): CapabilityUse[] {
  if (obj.type !== "ObjectExpression") return [];
  const out: CapabilityUse[] = [];
  for (const p of obj.properties) {
    if (p.type !== "Property") continue;
    const key = keyName(p.key as ESTree.Node, p.computed);
    const u = key ? use(key, p.value as ESTree.Node, line, fold) : null;
    if (u) out.push(u);
  }
  return out;
}

/** The steering variables a node sets, if any. */
export function envWrites(n: ESTree.Node, fold: Folding): CapabilityUse[] {
  const line = fold.line(n as { start?: number });
  if (
    n.type === "AssignmentExpression" &&
    n.left.type === "MemberExpression" &&
    isProcessEnv(n.left.object as ESTree.Node)
  ) {
    const key = keyName(n.left.property as ESTree.Node, n.left.computed);
    const u = key ? use(key, n.right as ESTree.Node, line, fold) : null;
    return u ? [u] : [];
  }
  if (
    n.type === "CallExpression" &&
    calleeName(n.callee) === "Object.assign" &&
    isProcessEnv(n.arguments[0] as ESTree.Node)
  )
    return n.arguments.slice(1).flatMap((a) => fromObject(a as ESTree.Node, line, fold));
  // `{ env: { ...process.env, NODE_OPTIONS: "--require ./hook.cjs" } }` in a spawn's options.
  if (n.type === "Property" && keyName(n.key as ESTree.Node, n.computed) === "env")
    return fromObject(n.value as ESTree.Node, line, fold);
  return [];
}

/** A cheap test at visit time: could this node write the environment (evaluated once all names are known)? */
export function mayWriteEnv(n: ESTree.Node): boolean {
  return (
    (n.type === "AssignmentExpression" &&
      n.left.type === "MemberExpression" &&
      isProcessEnv(n.left.object as ESTree.Node)) ||
    (n.type === "CallExpression" && n.arguments.length > 1 && isProcessEnv(n.arguments[0] as ESTree.Node)) ||
    (n.type === "Property" &&
      n.value.type === "ObjectExpression" &&
      keyName(n.key as ESTree.Node, n.computed) === "env")
  );
}
