/** Tool objects kept in arrays, maps, tables keyed by name or one module per tool, and their handlers. */
import type { ESTree } from "meriyah";
import { isFunction } from "../js/names.js";
import { isObj, rangeOf, type Site, toolFromObject } from "./collector.js";
import { HANDLER_KEY, SCHEMA_KEYS } from "./sdk.js";
import type { HandlerRange } from "./surface.js";

/** Tool objects kept in arrays, maps or one module per tool: `{ name, description, inputSchema, handler }`. */
export function toolObject(site: Site, n: ESTree.ObjectExpression): void {
  const keys = new Set(n.properties.map(keyOf));
  if (!keys.has("name")) {
    keyedTools(site, n);
    return;
  }
  // `{ ...searchTool, name: "find" }`: an alias whose schema comes from the spread.
  const spread = n.properties.some((p) => p.type === "SpreadElement");
  if (!spread && !SCHEMA_KEYS.some((k) => keys.has(k))) return;
  const val = site.ev(n);
  // `{ type: "function", name, inputSchema }` is a function-calling tool handed to an LLM API (an AI
  // SDK bundled in the server), not an MCP tool.
  if (!isObj(val) || val.type === "function" || !SCHEMA_KEYS.some((k) => k in val)) return;
  const handler = handlerOf(site, n);
  const t = toolFromObject(val, site, handler);
  if (t) site.out.addTool(t, false);
}

function keyOf(p: ESTree.ObjectExpression["properties"][number]): string {
  return p.type === "Property" && !p.computed && p.key.type === "Identifier"
    ? p.key.name
    : p.type === "Property" && p.key.type === "Literal"
      ? String(p.key.value)
      : "";
}

/** The range of a tool object's handler function (`execute: async (…) => …`). */
function handlerOf(site: Site, n: ESTree.ObjectExpression): HandlerRange | undefined {
  const fnProp = n.properties.find(
    (p) =>
      p.type === "Property" &&
      isFunction(p.value as ESTree.Node) &&
      p.key.type === "Identifier" &&
      HANDLER_KEY.test(p.key.name),
  );
  return fnProp && fnProp.type === "Property" ? rangeOf(site.mod, fnProp.value as ESTree.Node) : undefined;
}

/**
 * Tools keyed by name in a table: `{ list_tables: tool({ ...SCHEMAS.list_tables, execute }) }` (the
 * Supabase server and its mcp-utils). A value counts when it is an object, or one wrapped in a call,
 * that has its own handler function and, after spreads, a description and an input schema.
 */
function keyedTools(site: Site, n: ESTree.ObjectExpression): void {
  for (const p of n.properties) {
    const key = keyOf(p);
    if (!key || p.type !== "Property") continue;
    let v = p.value as ESTree.Node;
    if (v.type === "CallExpression" && v.arguments.length === 1) v = v.arguments[0] as ESTree.Node;
    if (v.type !== "ObjectExpression" || v.properties.some((q) => keyOf(q) === "name")) continue;
    const handler = handlerOf(site, v);
    if (!handler) continue;
    const val = site.ev(v);
    if (!isObj(val) || !("description" in val) || !SCHEMA_KEYS.some((k) => k in val)) continue;
    const t = toolFromObject({ ...val, name: key }, site, handler);
    if (t) site.out.addTool(t, false);
  }
}
