/** What one extraction collects (the merge rule for a tool declared twice), and where a registration was found. */
import type { ESTree } from "meriyah";
import { DYNAMIC, type Resolver, type StaticValue } from "../eval/value.js";
import { shapeToSchema } from "../eval/zod.js";
import type { Module } from "../js/modules.js";
import { SCHEMA_KEYS } from "./sdk.js";
import {
  type HandlerRange,
  type McpSurface,
  type PromptDef,
  type ResourceDef,
  STATE_RANK,
  type ToolDef,
  type ToolState,
} from "./surface.js";

export type Obj = { [k: string]: StaticValue };
export const isObj = (v: StaticValue): v is Obj =>
  !!v && v !== DYNAMIC && typeof v === "object" && !Array.isArray(v);
export const text = (v: StaticValue | undefined): string | null =>
  v === undefined || v === null ? null : typeof v === "string" ? v : "dynamic";

/** Normalises an input schema: a raw zod shape, z.object(…) or a JSON Schema literal. */
export function toSchema(v: StaticValue): Obj | null {
  if (!isObj(v)) return v === DYNAMIC ? { "x-dynamic": true } : null;
  if (v.type === "object" || "properties" in v || "anyOf" in v || "oneOf" in v) return v;
  // A raw shape: every value is a schema produced from zod.
  return shapeToSchema(v);
}

export function rangeOf(mod: Module, fn: ESTree.Node): HandlerRange {
  const start = (fn as { start?: number }).start;
  const end = (fn as { end?: number }).end;
  return {
    file: mod.file.path,
    from: mod.line(start),
    to: mod.line(end === undefined ? start : Math.max(0, end - 1)),
    ...(start !== undefined && end !== undefined ? { start, end } : {}),
  };
}

/** What one extraction collects, with the merge rule for a tool declared twice. */
export class SurfaceCollector {
  readonly tools = new Map<string, ToolDef>();
  readonly prompts = new Map<string, PromptDef>();
  readonly resources = new Map<string, ResourceDef>();
  readonly dynamic: McpSurface["dynamic"] = [];
  /** Names CallTool handlers dispatch on. */
  readonly callable: McpSurface["hidden"] = [];
  readonly generated: McpSurface["generated"] = [];
  readonly elicitations: HandlerRange[] = [];

  addTool(t: ToolDef, fromCall: boolean): void {
    if (t.state === "registered") delete t.state;
    const prev = this.tools.get(t.name);
    if (!prev) {
      this.tools.set(t.name, t);
      return;
    }
    // The most available declaration decides: a tool registered anywhere is registered.
    const state =
      STATE_RANK[prev.state ?? "registered"] <= STATE_RANK[t.state ?? "registered"] ? prev.state : t.state;
    // Merge: a registration call wins over a bare object, but fills in what it lacks.
    const [main, extra] = fromCall ? [t, prev] : [prev, t];
    this.tools.set(t.name, {
      ...main,
      title: main.title ?? extra.title,
      description:
        main.description === null || main.description === "dynamic"
          ? (extra.description ?? main.description)
          : main.description,
      inputSchema: main.inputSchema ?? extra.inputSchema,
      annotations: main.annotations ?? extra.annotations,
      handler: main.handler ?? extra.handler,
      ...(state ? { state } : {}),
    });
    if (!state) delete this.tools.get(t.name)!.state;
  }

  surface(): McpSurface {
    const byName = <T extends { name: string }>(m: Map<string, T>) =>
      [...m.values()].sort((x, y) => x.name.localeCompare(y.name));
    return {
      tools: byName(this.tools),
      prompts: byName(this.prompts),
      resources: byName(this.resources),
      dynamic: this.dynamic,
      hidden: this.callable.filter(
        (c, i) => !this.tools.has(c.name) && this.callable.findIndex((d) => d.name === c.name) === i,
      ),
      generated: this.generated,
      elicitations: this.elicitations,
    };
  }
}

/** Where a registration was found, and how to evaluate its arguments. */
export interface Site {
  mod: Module;
  line: number;
  resolve: Resolver;
  ev: (n: ESTree.Node | null | undefined) => StaticValue;
  out: SurfaceCollector;
  /** How what is registered here reaches clients. */
  state: ToolState;
}

export function toolFromObject(o: Obj, site: Site, handler?: HandlerRange): ToolDef | null {
  if (typeof o.name !== "string") return null;
  const schemaKey = SCHEMA_KEYS.find((k) => k in o);
  const annotations = isObj(o.annotations ?? null) ? (o.annotations as Obj) : null;
  return {
    name: o.name,
    title: text(o.title) ?? (annotations && typeof annotations.title === "string" ? annotations.title : null),
    description: text(o.description),
    inputSchema: schemaKey ? toSchema(o[schemaKey]!) : null,
    annotations,
    file: site.mod.file.path,
    line: site.line,
    handler,
    state: site.state,
  };
}
