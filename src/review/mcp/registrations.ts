/** Readers for the SDK's registration calls: tool/registerTool, prompt, resource and setRequestHandler. */
import type { ESTree } from "meriyah";
import { DYNAMIC, type Resolver, type StaticValue } from "../eval/value.js";
import { isZodChain, shapeToSchema } from "../eval/zod.js";
import { walk } from "../js/ast.js";
import { isFunction, methodName } from "../js/names.js";
import { isObj, type Obj, rangeOf, type Site, text, toolFromObject, toSchema } from "./collector.js";
import { callToolNames } from "./dispatch.js";
import {
  ANNOTATION_KEYS,
  ELICIT_CALLS,
  PROMPT_CALLS,
  REQUEST_METHODS,
  RESOURCE_CALLS,
  TOOL_CALLS,
} from "./sdk.js";
import type { HandlerRange } from "./surface.js";

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

/** A call that may register a tool, prompt or resource, dispatched by its method name. */
export function registrationCall(site: Site, n: ESTree.CallExpression): void {
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
