/**
 * The values the evaluator works with: constants, DYNAMIC for what is only known at run time, helper
 * functions another module exports, and what one evaluation carries (its context and step budget).
 */
import type { ESTree } from "meriyah";

export const DYNAMIC: unique symbol = Symbol("dynamic");
export type StaticValue =
  | string
  | number
  | boolean
  | null
  | StaticValue[]
  | { [k: string]: StaticValue }
  | typeof DYNAMIC;

/** A value already evaluated elsewhere (an import, evaluated in its own module). */
export interface Resolved {
  resolved: StaticValue;
}

/** Resolves a name to the node that defines it in this file, to an imported value, or null. */
export type Resolver = (name: string) => ESTree.Node | Resolved | null;

/**
 * Functions another module exports, as values: an opaque empty object that stands for the function,
 * with its node and its own module's names kept here. Calling one evaluates its body where it was
 * written (`import { decode } from "./util.js"; decode("…")`).
 */
export const HELPERS = new WeakMap<object, { fn: ESTree.Node; resolve: Resolver }>();

export function helperValue(fn: ESTree.Node, resolve: Resolver): StaticValue {
  const marker = Object.freeze({});
  HELPERS.set(marker, { fn, resolve });
  return marker;
}

export const isHelperValue = (v: unknown): boolean => !!v && typeof v === "object" && HELPERS.has(v);

/** Evaluates a node (the evaluator itself, handed to zod schemas and array methods so they need not import it). */
export type Evaluate = (
  node: ESTree.Node | null | undefined,
  resolve: Resolver,
  depth?: number,
  seen?: Set<ESTree.Node>,
  budget?: Budget,
) => StaticValue;

export interface Ctx {
  resolve: Resolver;
  depth: number;
  seen: Set<ESTree.Node>;
  evaluate: Evaluate;
}

/** Shared by every evaluation of one file: a step budget, so a bundle's chains stay bounded. */
export interface Budget {
  steps: number;
  /** Set when an evaluation decoded text (base64, hex, char codes, URI escapes): it was hidden. */
  decoded?: boolean;
}

/** Built text past this is not followed (a `repeat` or a concatenation loop building megabytes). */
export const MAX_TEXT = 64 * 1024;

export function prop(n: ESTree.MemberExpression): string | null {
  if (!n.computed && n.property.type === "Identifier") return n.property.name;
  if (
    n.property.type === "Literal" &&
    (typeof n.property.value === "string" || typeof n.property.value === "number")
  )
    return String(n.property.value);
  return null;
}

export type Next = (n: ESTree.Node | null | undefined) => StaticValue;

export const num = (v: StaticValue | undefined): v is number => typeof v === "number";
export const isText = (v: StaticValue | undefined): v is string => typeof v === "string";

export function isSchema(v: StaticValue): v is { [k: string]: StaticValue } {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** A parsed JSON value as a StaticValue (depth-capped). */
export function fromJson(v: unknown, depth: number): StaticValue {
  if (depth > 32) return DYNAMIC;
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x) => fromJson(x, depth + 1));
  if (typeof v === "object") {
    const out: { [k: string]: StaticValue } = {};
    for (const [k, x] of Object.entries(v as object)) out[k] = fromJson(x, depth + 1);
    return out;
  }
  return DYNAMIC;
}
