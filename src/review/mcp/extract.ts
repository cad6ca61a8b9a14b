/**
 * Static extraction of an MCP server's surface (tools, prompts, resources) from its package
 * files: the TypeScript SDK's registration calls in all their overloads, low-level
 * `setRequestHandler(List*RequestSchema, …)` handlers returning literal arrays, tool objects
 * defined in arrays, modules or config objects, and an MCPB `manifest.json`. Pure: files in,
 * data out; nothing is executed. Values that are not constant are reported as "dynamic".
 */
import type { ESTree } from "meriyah";
import { evalStatic } from "../eval/evaluate.js";
import { DYNAMIC, type Resolver, type StaticValue } from "../eval/value.js";
import { isZodChain, shapeToSchema } from "../eval/zod.js";
import { walk } from "../js/ast.js";
import { JS_FILE, type Module, Program } from "../js/modules.js";
import { isFunction, methodName } from "../js/names.js";
import { type CallSite, Conditions, findReferences, type References, reachableModules } from "../js/reach.js";
import type { PackageSnapshot } from "../types.js";
import {
  type HandlerRange,
  type McpSurface,
  type PromptDef,
  type ResourceDef,
  STATE_RANK,
  type ToolDef,
  type ToolState,
  weaker,
} from "./surface.js";

/** Files worth parsing: they register something, or define tool objects, outside the SDK itself. */
const CALL_MARKER =
  /\.(?:registerTool|registerToolTask|registerPrompt|registerResource)\s*\(|\.(?:tool|prompt|resource)\s*\(\s*["'`]|\b\w*Tool\s*\(\s*(?:\{|\(\s*\)\s*=>)/;
/** Tool objects: `inputSchema: {…}`, `inputSchema: z.object(…)`, `inputSchema: zodToJsonSchema(X)`, `inputSchema: Schema,`. */
const LOW_LEVEL_MARKER =
  /List(?:Tools|Prompts|Resources)RequestSchema|["']?inputSchema["']?\s*:\s*(?:\{|[\w$]+\.object\s*\(|(?:zodToJsonSchema|toJSONSchema|toJsonSchema)\s*\(|[\w$.]+\s*[,}\n])|\breadOnlyHint\s*:/;
/** The SDK's McpServer implementation (bundled copies included) defines, not registers. */
const SDK_IMPLEMENTATION = /_registeredTools/;

export function mayDeclareSurface(text: string): boolean {
  return (
    CALL_MARKER.test(text) ||
    (LOW_LEVEL_MARKER.test(text) && !SDK_IMPLEMENTATION.test(text)) ||
    // Tools keyed by name with their own handlers: `{ list_tables: tool({ parameters, execute }) }`.
    KEYED_TOOL.test(text) ||
    // Registrations whose name is computed (a loop over a table) in a file that uses the SDK.
    (DYNAMIC_CALL_MARKER.test(text) && SDK_USE.test(text) && !SDK_IMPLEMENTATION.test(text))
  );
}

/**
 * A schema and a handler in one object literal (`parameters: …, execute: async …`), or a handler beside a
 * spread schema (`tool({ ...SCHEMAS.x, execute })`). Near each other: large bundles mention both words apart.
 */
const KEYED_TOOL =
  /["']?(?:parameters|inputSchema|input_schema)["']?\s*:[\s\S]{0,300}?\b(?:execute|handler)\s*:\s*(?:async\b|function\b|\(|[\w$]+\s*=>)|\(\{\s*\.\.\.[\w$.]+\s*,[^{}]{0,200}?\bexecute\s*:/;
const DYNAMIC_CALL_MARKER = /\.(?:tool|registerTool|prompt|registerPrompt)\s*\(/;
const SDK_USE = /@modelcontextprotocol\/sdk|\bMcpServer\b/;

const TOOL_CALLS = new Set(["tool", "registerTool", "registerToolTask"]);
const PROMPT_CALLS = new Set(["prompt", "registerPrompt"]);
const RESOURCE_CALLS = new Set(["resource", "registerResource"]);
const ANNOTATION_KEYS = new Set([
  "title",
  "readOnlyHint",
  "destructiveHint",
  "idempotentHint",
  "openWorldHint",
]);
const SCHEMA_KEYS = ["inputSchema", "input_schema", "parameters", "paramsSchema", "schema", "argsSchema"];

type Obj = { [k: string]: StaticValue };
const isObj = (v: StaticValue): v is Obj =>
  !!v && v !== DYNAMIC && typeof v === "object" && !Array.isArray(v);
const text = (v: StaticValue | undefined): string | null =>
  v === undefined || v === null ? null : typeof v === "string" ? v : "dynamic";

/** Is every value of this object literal a zod chain (the SDK's "raw shape")? */
function isRawShape(n: ESTree.Node, resolve: Resolver): boolean {
  let target: ESTree.Node | null = n;
  if (n.type === "Identifier") {
    const r = resolve(n.name);
    target = r && !("resolved" in r) ? r : null;
  }
  if (target?.type !== "ObjectExpression") return false;
  return target.properties.every((p) => p.type === "Property" && isZodChain(p.value as ESTree.Node));
}

/** Normalises an input schema: a raw zod shape, z.object(…) or a JSON Schema literal. */
function toSchema(v: StaticValue): Obj | null {
  if (!isObj(v)) return v === DYNAMIC ? { "x-dynamic": true } : null;
  if (v.type === "object" || "properties" in v || "anyOf" in v || "oneOf" in v) return v;
  // A raw shape: every value is a schema produced from zod.
  return shapeToSchema(v);
}

function rangeOf(mod: Module, fn: ESTree.Node): HandlerRange {
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
class SurfaceCollector {
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
interface Site {
  mod: Module;
  line: number;
  resolve: Resolver;
  ev: (n: ESTree.Node | null | undefined) => StaticValue;
  out: SurfaceCollector;
  /** How what is registered here reaches clients. */
  state: ToolState;
}

function toolFromObject(o: Obj, site: Site, handler?: HandlerRange): ToolDef | null {
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

/** `server.tool(name, description?, paramsSchema?, annotations?, cb)`: the middle arguments by shape. */
function legacyToolCall(site: Site, name: string, args: ESTree.Node[], handler?: HandlerRange): void {
  const last = args[args.length - 1];
  const middle = args.slice(1, isFunction(last) ? -1 : undefined);
  let description: string | null = null;
  let inputSchema: Obj | null = null;
  let annotations: Obj | null = null;
  for (const a of middle) {
    const val = site.ev(a);
    const rawShape = isRawShape(a, site.resolve);
    if (
      typeof val === "string" ||
      (val === DYNAMIC &&
        a.type !== "ObjectExpression" &&
        !rawShape &&
        description === null &&
        inputSchema === null)
    ) {
      description = text(val);
    } else if (
      isObj(val) &&
      inputSchema === null &&
      (rawShape || Object.keys(val).length === 0 || !Object.keys(val).every((k) => ANNOTATION_KEYS.has(k)))
    ) {
      inputSchema = toSchema(val);
    } else if (isObj(val)) annotations = val;
  }
  const title = annotations && typeof annotations.title === "string" ? annotations.title : null;
  const { path } = site.mod.file;
  site.out.addTool(
    {
      name,
      title,
      description,
      inputSchema,
      annotations,
      file: path,
      line: site.line,
      handler,
      state: site.state,
    },
    true,
  );
}

/** `registerTool(name, config, cb)` and `registerToolTask(name, config, handler)`. */
function registerToolCall(site: Site, name: string, args: ESTree.Node[], handler?: HandlerRange): void {
  const config = site.ev(args[1]);
  const t = isObj(config) ? toolFromObject({ ...config, name }, site, handler) : null;
  site.out.addTool(
    t ?? {
      name,
      title: null,
      description: "dynamic",
      inputSchema: null,
      annotations: null,
      file: site.mod.file.path,
      line: site.line,
      handler,
      state: site.state,
    },
    true,
  );
}

/** The range of a registration's last argument when it is a function (the handler). */
function handlerArg(site: Site, args: ESTree.Node[]): { handler?: HandlerRange } {
  const last = args[args.length - 1];
  return isFunction(last) ? { handler: rangeOf(site.mod, last) } : {};
}

/** `prompt(name, description?, argsSchema?, cb)` and `registerPrompt(name, config, cb)`. */
function promptCall(site: Site, method: string, args: ESTree.Node[]): void {
  const name = site.ev(args[0]);
  if (typeof name !== "string") {
    site.out.dynamic.push({ file: site.mod.file.path, line: site.line, kind: "prompt" });
    return;
  }
  const config = method === "registerPrompt" ? site.ev(args[1]) : null;
  const legacyWithDescription = method === "prompt" && args.length > 2;
  const desc = legacyWithDescription
    ? site.ev(args[1])
    : isObj(config ?? null)
      ? (config as Obj).description
      : undefined;
  const argsSchema = isObj(config ?? null)
    ? (config as Obj).argsSchema
    : legacyWithDescription
      ? site.ev(args[args.length - 2])
      : undefined;
  site.out.prompts.set(name, {
    name,
    title: isObj(config ?? null) ? text((config as Obj).title) : null,
    description: typeof desc === "string" ? desc : text(desc as StaticValue | undefined),
    arguments: argsSchema === undefined ? null : isObj(argsSchema) ? shapeToSchema(argsSchema) : null,
    file: site.mod.file.path,
    line: site.line,
    ...handlerArg(site, args),
  });
}

/** `resource(name, uriOrTemplate, metadata?, cb)` and `registerResource(…)`. */
function resourceCall(site: Site, args: ESTree.Node[]): void {
  const name = site.ev(args[0]);
  // new ResourceTemplate("demo://{id}", …): the URI template is its first argument.
  const uriArg = args[1]!;
  const uri = site.ev(uriArg.type === "NewExpression" ? (uriArg.arguments[0] as ESTree.Node) : uriArg);
  if (typeof name !== "string") {
    site.out.dynamic.push({ file: site.mod.file.path, line: site.line, kind: "resource" });
    return;
  }
  const meta = args.length > 3 ? site.ev(args[2]) : null;
  const m = isObj(meta ?? null) ? (meta as Obj) : null;
  site.out.resources.set(name, {
    name,
    uri: typeof uri === "string" ? uri : "dynamic",
    title: m ? text(m.title) : null,
    description: m ? text(m.description) : null,
    mimeType: m ? text(m.mimeType) : null,
    file: site.mod.file.path,
    line: site.line,
    ...handlerArg(site, args),
  });
}

/** `setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...] }))` and its prompt/resource twins. */
function listRequestHandler(site: Site, args: ESTree.Node[]): void {
  const [schema, fn] = args;
  if (!schema || !isFunction(fn)) return;
  const schemaName = requestSchemaName(site, schema);
  if (schemaName === "CallToolRequestSchema") {
    callToolNames(site, fn);
    return;
  }
  const kind = schemaName?.match(/^List(Tools|Prompts|Resources)RequestSchema$/)?.[1]?.toLowerCase();
  if (!kind) return;
  const { path } = site.mod.file;
  for (const ret of returnedObjects(fn)) {
    const val = site.ev(ret);
    const list = isObj(val) ? val[kind] : undefined;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isObj(item) || typeof item.name !== "string") continue;
      if (kind === "tools") {
        const t = toolFromObject(item, site);
        if (t) site.out.addTool(t, true);
      } else if (kind === "prompts") {
        site.out.prompts.set(item.name, {
          name: item.name,
          title: text(item.title),
          description: text(item.description),
          arguments: item.arguments ?? null,
          file: path,
          line: site.line,
        });
      } else {
        site.out.resources.set(item.name, {
          name: item.name,
          uri: text(item.uri),
          title: text(item.title),
          description: text(item.description),
          mimeType: text(item.mimeType),
          file: path,
          line: site.line,
        });
      }
    }
  }
}

/** The SDK's method of each request schema a server handles. */
const REQUEST_METHODS: Record<string, string> = {
  "tools/call": "CallToolRequestSchema",
  "tools/list": "ListToolsRequestSchema",
  "prompts/list": "ListPromptsRequestSchema",
  "resources/list": "ListResourcesRequestSchema",
};

/**
 * Which request schema a handler is for: by name (`types.CallToolRequestSchema`), through an import
 * renamed by a minifier (`import { CallToolRequestSchema as C }`), or, for a bundled SDK, by the
 * `method` literal of the schema itself.
 */
function requestSchemaName(site: Site, schema: ESTree.Node): string | null {
  if (schema.type === "MemberExpression") return methodName(schema);
  if (schema.type !== "Identifier") return null;
  const name = site.mod.imports.get(schema.name)?.name ?? schema.name;
  if (/RequestSchema$/.test(name)) return name;
  const v = site.ev(schema);
  const method = isObj(v) && isObj(v.properties ?? null) ? (v.properties as Obj).method : undefined;
  const literal = isObj(method ?? null) ? (method as Obj).const : undefined;
  return typeof literal === "string" ? (REQUEST_METHODS[literal] ?? null) : null;
}

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
function callToolNames(site: Site, fn: ESTree.Node): void {
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

/** Tool objects kept in arrays, maps or one module per tool: `{ name, description, inputSchema, handler }`. */
function toolObject(site: Site, n: ESTree.ObjectExpression): void {
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

const HANDLER_KEY = /^(?:handler|handle|execute|run|callback|cb|call)$/;

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

/** A call that may register a tool, prompt or resource, dispatched by its method name. */
function registrationCall(site: Site, n: ESTree.CallExpression): void {
  const m = methodName(n.callee);
  if (!m) return;
  const args = n.arguments as ESTree.Node[];
  const last = args[args.length - 1];
  const handler = isFunction(last) ? rangeOf(site.mod, last) : undefined;
  if (TOOL_CALLS.has(m) && args.length >= 2) {
    const name = site.ev(args[0]);
    if (typeof name !== "string")
      site.out.dynamic.push({ file: site.mod.file.path, line: site.line, kind: "tool" });
    else if (m === "tool") legacyToolCall(site, name, args, handler);
    else registerToolCall(site, name, args, handler);
  } else if (PROMPT_CALLS.has(m) && args.length >= 2) promptCall(site, m, args);
  else if (RESOURCE_CALLS.has(m) && args.length >= 3) resourceCall(site, args);
  else if (m === "setRequestHandler") listRequestHandler(site, args);
  else if (ELICIT_CALLS.has(m) && args.length >= 1) site.out.elicitations.push(rangeOf(site.mod, n));
}

/** The SDK's elicitation request (`server.elicitInput({ message, requestedSchema })`) and common wrappers. */
const ELICIT_CALLS = new Set(["elicitInput", "elicit", "requestElicitation"]);

/** An MCPB bundle declares its tools in manifest.json. */
function manifestTools(snapshot: PackageSnapshot, out: SurfaceCollector): void {
  const manifest = snapshot.files.get("manifest.json");
  if (!manifest?.text) return;
  try {
    const m = JSON.parse(manifest.text) as Record<string, unknown>;
    if (!(m.manifest_version || m.dxt_version) || !Array.isArray(m.tools)) return;
    for (const t of m.tools as Obj[]) {
      if (typeof t?.name !== "string" || out.tools.has(t.name)) continue;
      out.tools.set(t.name, {
        name: t.name,
        title: null,
        description: text(t.description),
        inputSchema: null,
        annotations: null,
        file: "manifest.json",
        line: 1,
      });
    }
  } catch {
    /* not JSON: not an MCPB manifest */
  }
}

/** Loops over a constant table are unrolled at most this many items (and this many loops deep). */
const MAX_UNROLL = 500;
const MAX_LOOP_DEPTH = 3;

/** What one extraction shares across modules and scopes. */
interface Context {
  program: Program;
  out: SurfaceCollector;
  /** Functions that register something, by their function node. */
  registrars: Map<ESTree.Node, Registrar>;
  references: Map<string, References>;
}

/** One scope of the walk: how names resolve, how available its registrations are, how deep it is. */
interface Scope {
  resolve: Resolver;
  state: ToolState;
  depth: number;
}

/**
 * Registrations and tool objects, with loops over constant tables unrolled (one scope per item) and
 * registering functions followed to their call sites (one scope per call).
 */
function visitor(mod: Module, scope: Scope, ctx: Context) {
  const ev = (n: ESTree.Node | null | undefined) => evalStatic(n, scope.resolve);
  const conditions = new Conditions();
  /** Registration calls whose result is `.disable()`d. */
  const switchedOff = new Set<ESTree.Node>();
  return (n: ESTree.Node, parent: ESTree.Node | null): "skip" | undefined => {
    const conditional = conditions.visit(n, parent);
    const state = conditional ? weaker(scope.state, "conditional") : scope.state;
    const site: Site = {
      mod,
      line: mod.line((n as { start?: number }).start),
      resolve: scope.resolve,
      ev,
      out: ctx.out,
      state: switchedOff.has(n) ? weaker(state, "disabled") : state,
    };
    if (scope.depth < MAX_LOOP_DEPTH) {
      const loop = loopOver(n, ev);
      if (loop) {
        for (const item of loop.items) {
          const bound = bindings(loop.params, item);
          const inner: Resolver = (name) =>
            bound.has(name) ? { resolved: bound.get(name)! } : scope.resolve(name);
          walk(loop.body, visitor(mod, { resolve: inner, state, depth: scope.depth + 1 }, ctx));
        }
        return "skip";
      }
      const registrar = ctx.registrars.get(n);
      if (registrar && followCalls(mod, registrar, { ...scope, state }, ctx)) return "skip";
    }
    if (n.type === "VariableDeclarator" && n.id.type === "Identifier" && mod.disabled.has(n.id.name)) {
      // const t = server.registerTool(…); … t.disable()
      const init = n.init?.type === "AwaitExpression" ? n.init.argument : n.init;
      if (init) switchedOff.add(init as ESTree.Node);
    }
    if (n.type === "CallExpression") registrationCall(site, n);
    else if (n.type === "ObjectExpression") toolObject(site, n);
    return undefined;
  };
}

/** A named function that registers tools itself, and which of its parameters its names use. */
interface Registrar {
  name: string;
  fn: ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression;
  /** Parameters a registration's name reads (`server.tool(toolName || "fetch", …)`). */
  nameParams: Set<string>;
}

/** Call sites are followed for at most this many calls of one function. */
const MAX_CALLS = 50;

/**
 * Walks a registering function once per call site, its parameters bound to the call's arguments
 * (`registerFetch(server, cfg, "crawl")` registers "crawl"); a call under a condition makes its tools
 * conditional; a function nobody calls registers nothing. False when its callers are unknown (it is
 * passed around as a value): then it is walked in place, as any code.
 */
function followCalls(mod: Module, r: Registrar, scope: Scope, ctx: Context): boolean {
  const refs = ctx.references.get(r.name);
  if (!refs || refs.escapes || refs.calls.length > MAX_CALLS) return false;
  const body = r.fn.body as ESTree.Node;
  if (!refs.calls.length) {
    walk(body, visitor(mod, { ...scope, state: "unregistered" }, ctx));
    return true;
  }
  if (!r.nameParams.size) {
    if (!refs.calls.every((c) => c.conditional)) return false;
    walk(body, visitor(mod, { ...scope, state: weaker(scope.state, "conditional") }, ctx));
    return true;
  }
  for (const call of refs.calls) {
    const caller = ctx.program.module(call.path);
    if (!caller) continue;
    const { bound, unknownName } = callBindings(r, call, caller, scope, ctx);
    const inner: Resolver = (name) =>
      bound.has(name) ? { resolved: bound.get(name)! } : scope.resolve(name);
    const state = call.conditional ? weaker(scope.state, "conditional") : scope.state;
    const before = ctx.out.dynamic.length;
    walk(body, visitor(mod, { resolve: inner, state, depth: scope.depth + 1 }, ctx));
    if (unknownName) {
      // A name passed in that cannot be resolved: one registration under an unknown name, at the call.
      ctx.out.dynamic.length = before;
      const at = (call.call as { start?: number }).start;
      ctx.out.dynamic.push({ file: call.path, line: caller.line(at), kind: "tool" });
    }
  }
  return true;
}

/** The registrar's parameters bound to one call's arguments (a missing one to its default, or unknown). */
function callBindings(
  r: Registrar,
  call: CallSite,
  caller: Module,
  scope: Scope,
  ctx: Context,
): { bound: Map<string, StaticValue>; unknownName: boolean } {
  const resolveCaller = ctx.program.resolver(caller);
  const bound = new Map<string, StaticValue>();
  let unknownName = false;
  r.fn.params.forEach((p, i) => {
    const arg = call.call.arguments[i] as ESTree.Node | undefined;
    const id = p.type === "AssignmentPattern" ? p.left : p;
    if (id.type !== "Identifier") return;
    const value =
      arg?.type === "SpreadElement"
        ? DYNAMIC
        : arg
          ? evalStatic(arg, resolveCaller)
          : p.type === "AssignmentPattern"
            ? evalStatic(p.right as ESTree.Node, scope.resolve)
            : DYNAMIC;
    if (arg && value === DYNAMIC && r.nameParams.has(id.name)) unknownName = true;
    bound.set(id.name, value);
  });
  return { bound, unknownName };
}

const FUNCTION_NODE = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/**
 * Named functions whose own body registers a tool, prompt or resource. A name declared by two
 * functions is ambiguous and left out (its calls could be either).
 */
function findRegistrars(mods: Module[]): Map<ESTree.Node, Registrar> {
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
function registrarReferences(
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

/**
 * `for (const [name, t] of Object.entries(TOOLS))`, `TOOLS.forEach((t) => …)`, `TOOLS.map(…)` over a
 * constant table: the items, the loop's parameters and its body. null when the table is not constant.
 */
function loopOver(
  n: ESTree.Node,
  ev: (n: ESTree.Node | null | undefined) => StaticValue,
): { items: StaticValue[]; params: ESTree.Node[]; body: ESTree.Node } | null {
  if (n.type === "ForOfStatement" && n.left.type === "VariableDeclaration") {
    const items = ev(n.right as ESTree.Node);
    const id = n.left.declarations[0]?.id;
    if (!Array.isArray(items) || !id || items.length > MAX_UNROLL) return null;
    return { items, params: [id as ESTree.Node], body: n.body as ESTree.Node };
  }
  if (
    n.type === "CallExpression" &&
    n.callee.type === "MemberExpression" &&
    /^(?:forEach|map|flatMap)$/.test(methodName(n.callee) ?? "") &&
    isFunction(n.arguments[0] as ESTree.Node)
  ) {
    const items = ev(n.callee.object as ESTree.Node);
    const fn = n.arguments[0] as ESTree.ArrowFunctionExpression | ESTree.FunctionExpression;
    if (!Array.isArray(items) || items.length > MAX_UNROLL || !fn.body) return null;
    return { items, params: fn.params as ESTree.Node[], body: fn.body as ESTree.Node };
  }
  return null;
}

/** Names a loop item binds: `name`, `[key, value]`, `{ name, description }`. */
function bindings(params: ESTree.Node[], item: StaticValue): Map<string, StaticValue> {
  const out = new Map<string, StaticValue>();
  const bind = (p: ESTree.Node | null | undefined, v: StaticValue) => {
    if (!p) return;
    if (p.type === "Identifier") out.set(p.name, v);
    else if (p.type === "ArrayPattern" && Array.isArray(v))
      p.elements.forEach((e, i) => {
        bind(e as ESTree.Node, v[i] ?? DYNAMIC);
      });
    else if (p.type === "ObjectPattern" && isObj(v)) {
      for (const prop of p.properties) {
        if (prop.type !== "Property") continue;
        const key =
          prop.key.type === "Identifier"
            ? prop.key.name
            : prop.key.type === "Literal"
              ? String(prop.key.value)
              : null;
        if (key) bind(prop.value as ESTree.Node, key in v ? v[key]! : DYNAMIC);
      }
    } else if (p.type === "AssignmentPattern") bind(p.left as ESTree.Node, v);
  };
  bind(params[0], item);
  return out;
}

/** The MCP surface of a package, from the code files `only` selects (all by default) and manifest.json. */
export function extractSurface(snapshot: PackageSnapshot, only?: (path: string) => boolean): McpSurface {
  const program = new Program(snapshot);
  const out = new SurfaceCollector();
  const paths = [...snapshot.files.keys()].filter((p) => JS_FILE.test(p) && (!only || only(p))).sort();
  const mods: Module[] = [];
  for (const path of paths) {
    const file = snapshot.files.get(path)!;
    if (file.kind !== "text" || !mayDeclareSurface(file.text!)) continue;
    const mod = program.module(path);
    if (mod?.ast) mods.push(mod);
  }
  // Tools in a module the server never loads (nothing its entry points import) are not registered.
  // A review (`only`: the changed files) needs names, not states: it reads neither the module graph
  // nor files outside `only`, which keeps a release that touches one file cheap.
  const reachable = only ? null : reachableModules(snapshot);
  const registrars = findRegistrars(mods);
  const ctx: Context = {
    program,
    out,
    registrars,
    references: registrarReferences(snapshot, program, registrars, reachable, only),
  };
  for (const mod of mods) {
    const state: ToolState = reachable && !reachable.has(mod.file.path) ? "unregistered" : "registered";
    walk(mod.ast, visitor(mod, { resolve: program.resolver(mod), state, depth: 0 }, ctx));
  }
  manifestTools(snapshot, out);
  openApiDocuments(snapshot, out);
  return out.surface();
}

/**
 * OpenAPI/Swagger documents shipped in the package and named by its code: servers that generate one
 * tool per operation at start-up. Their tools are not listed (the naming is the server's own), only
 * counted, so the surface says it is incomplete.
 */
function openApiDocuments(snapshot: PackageSnapshot, out: SurfaceCollector): void {
  const code = [...snapshot.files].filter(([p, f]) => JS_FILE.test(p) && f.kind === "text");
  for (const [path, file] of snapshot.files) {
    if (
      !/\.json$/i.test(path) ||
      file.kind !== "text" ||
      !/"(?:openapi|swagger)"\s*:/.test(file.text!.slice(0, 4096))
    )
      continue;
    let doc: { paths?: Record<string, Record<string, unknown>> };
    try {
      doc = JSON.parse(file.text!);
    } catch {
      continue;
    }
    if (!doc.paths || typeof doc.paths !== "object") continue;
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (!code.some(([, f]) => f.text!.includes(base))) continue;
    let operations = 0;
    for (const item of Object.values(doc.paths))
      for (const method of ["get", "put", "post", "delete", "patch", "options", "head", "trace"])
        if (item && typeof item === "object" && method in item) operations++;
    out.generated.push({ file: path, operations });
  }
}

/** Object expressions a handler returns (arrow body or return statements, not nested functions). */
function returnedObjects(fn: ESTree.ArrowFunctionExpression | ESTree.FunctionExpression): ESTree.Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== "BlockStatement") return [fn.body as ESTree.Node];
  const out: ESTree.Node[] = [];
  walk(fn.body, (n) => {
    // Nested functions return to their own callers.
    if (
      n.type === "FunctionExpression" ||
      n.type === "ArrowFunctionExpression" ||
      n.type === "FunctionDeclaration"
    )
      return "skip";
    if (n.type === "ReturnStatement" && n.argument) out.push(n.argument as ESTree.Node);
  });
  return out;
}
