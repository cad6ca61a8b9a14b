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
import { walk } from "../js/ast.js";
import { JS_FILE, type Module, Program } from "../js/modules.js";
import { isFunction, methodName } from "../js/names.js";
import type { SharedTrees } from "../js/parse.js";
import { type CallSite, Conditions, type References, reachableModules } from "../js/reach.js";
import type { PackageSnapshot } from "../types.js";
import { isObj, type Site, SurfaceCollector } from "./collector.js";
import { manifestTools, openApiDocuments } from "./manifests.js";
import { findRegistrars, type Registrar, registrarReferences } from "./registrars.js";
import { registrationCall } from "./registrations.js";
import { mayDeclareSurface } from "./sdk.js";
import { type McpSurface, type ToolState, weaker } from "./surface.js";
import { toolObject } from "./tool-objects.js";

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
export function extractSurface(
  snapshot: PackageSnapshot,
  only?: (path: string) => boolean,
  trees?: SharedTrees,
): McpSurface {
  // 1. Parse the code files that may declare something (a cheap text pre-filter first).
  const program = new Program(snapshot, trees);
  const out = new SurfaceCollector();
  const paths = [...snapshot.files.keys()].filter((p) => JS_FILE.test(p) && (!only || only(p))).sort();
  const mods: Module[] = [];
  for (const path of paths) {
    const file = snapshot.files.get(path)!;
    if (file.kind !== "text" || !mayDeclareSurface(file.text!)) continue;
    const mod = program.module(path);
    if (mod?.ast) mods.push(mod);
  }
  // 2. Which modules the server loads, and which functions register tools and where they are called.
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
  // 3. Walk each module: registration calls, tool objects, loops unrolled, registrars followed.
  for (const mod of mods) {
    const state: ToolState = reachable && !reachable.has(mod.file.path) ? "unregistered" : "registered";
    walk(mod.ast, visitor(mod, { resolve: program.resolver(mod), state, depth: 0 }, ctx));
  }
  // 4. Surfaces declared outside code: an MCPB manifest, OpenAPI documents the code names.
  manifestTools(snapshot, out);
  openApiDocuments(snapshot, out);
  return out.surface();
}
