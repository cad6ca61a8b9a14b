/**
 * Capability uses of one module, derived from the catalogue: which rows its calls reach, and what is
 * known of each call's target. Names are followed through the module's bindings (imports, requires,
 * aliases, factories, `new`), so `const { connect: c } = require("node:http2"); c(u)` is the catalogue's
 * `http2.connect` wherever it is written. A name bound to two different things in the file is not
 * trusted (minified bundles reuse names), and a name bound to anything but a module hides the global.
 */
import type { ESTree } from "meriyah";
import {
  argvText,
  arrayItems,
  chain,
  dotted,
  type Folding,
  isExecPath,
  loaderWrapper,
  optionText,
  runsText,
  secretCommand,
  stripDefault,
  targetNode,
  unwrap,
} from "./call-args.js";
import {
  CATALOGUE,
  type Family,
  GENERIC_MEMBERS,
  INSTALL_PROGRAMS,
  INTEROP,
  isOutside,
  LOADERS,
  moduleName,
  type PathClass,
  PERSISTENCE_PROGRAMS,
  PUBLISH_PROGRAMS,
  pathClassOf,
  programMatch,
  REQUIRE_READ,
  type Row,
  SECRET_PROGRAMS,
  type TargetKind,
} from "./catalogue.js";
import { definedMethod, selfAlias } from "./shapes.js";

export interface CapabilityUse {
  /** The catalogue row id (`http2.connect`), or `module:<name>` for loading a catalogued module. */
  row: string;
  family: Family;
  label: string;
  line: number;
  at?: number;
  /** What is known of the target (`…` for parts computed at run time, `~` for the home folder). */
  target?: string;
  targetKind?: TargetKind;
  /** The path class of a path target (`aws`, `shell-rc`, …) and its kind (credentials, persistence, …). */
  pathClass?: string;
  pathKind?: PathClass;
  /** A program that prints secrets, persists or publishes, for a command target. */
  program?: { id: string; kind: "secret" | "persistence" | "publish" | "install"; platform?: true };
  /** The call runs text as code (a Worker with `eval: true`, `vm` on a string). */
  fromText?: boolean;
  /** The call's arguments read `process.env` names (directly or through a constant of this module). */
  env?: string[];
}

type Binding =
  | { t: "module"; module: string }
  | { t: "member"; module: string; member: string }
  | { t: "instance"; module: string; factory: string }
  | { t: "object"; module: string; name: string }
  | { t: "require" }
  | { t: "other" };

const REQUIRE: Binding = { t: "require" };
const INDEX = new Map<string, Row>();
for (const r of CATALOGUE) {
  const v = r.via;
  const key =
    v.kind === "chain"
      ? `s|${v.chain}`
      : v.kind === "member"
        ? `m|${v.module}|${v.member}`
        : v.kind === "global"
          ? `g|${v.name}`
          : v.kind === "instance"
            ? `i|${v.module}|${v.factory}|${v.method}`
            : `c|${v.module}|${v.name}|${v.method}`;
  if (!INDEX.has(key)) INDEX.set(key, r);
}
/**
 * The family a module stands for when it is only loaded (its members not seen called): the mildest of
 * its families, so loading `fs` reads and loading `child_process` runs programs.
 */
const LOAD_ORDER: Family[] = [
  "read",
  "network",
  "exec",
  "code",
  "write",
  "delete",
  "secret",
  "listen",
  "environment",
  "decode",
  "model",
];
const LOAD_FAMILIES = new Set<Family>(["network", "exec", "code", "listen", "read", "write", "delete"]);
const MODULE_FAMILY = new Map<string, Row>();
for (const r of CATALOGUE) {
  if (r.via.kind === "global" || r.via.kind === "chain") continue;
  const had = MODULE_FAMILY.get(r.via.module);
  if (!had || LOAD_ORDER.indexOf(r.family) < LOAD_ORDER.indexOf(had.family))
    MODULE_FAMILY.set(r.via.module, r);
}

const GLOBAL_PREFIX = /^(?:globalThis|window|global|self)\./;
const MAX_CANDIDATES = 20_000;

type Call = ESTree.CallExpression | ESTree.NewExpression;

export type { Folding } from "./call-args.js";

export class CapabilityCollector {
  private readonly bindings = new Map<string, Binding | null>();
  /** Every module a name was bound to, even when it was bound to other things too. */
  private readonly modulesOf = new Map<string, Set<string>>();
  /** Properties assigned a capability (`this.mailer = nodemailer.createTransport()`), by property name. */
  private readonly props = new Map<string, Binding | null>();
  private readonly calls: Call[] = [];
  /** Methods this file defines (ajv's own `_compile`) and names bound to `this`: `this._compile()` is the file's own. */
  private readonly own = { members: new Set<string>(), selves: new Set<string>() };
  private readonly loads: { spec: ESTree.Node; line: number; at?: number }[] = [];
  /** Modules the import declarations name: loaded whatever their names are later bound to. */
  private readonly imported: { module: string; line: number }[] = [];
  /** Secret-printing command lines and argv arrays written in the module (see programText). */
  private readonly programs: CapabilityUse[] = [];

  constructor(private readonly fold: Folding) {}

  private bind(map: Map<string, Binding | null>, name: string, b: Binding): void {
    if (!map.has(name)) map.set(name, b);
    else {
      const old = map.get(name);
      if (!old || JSON.stringify(old) !== JSON.stringify(b)) map.set(name, null);
    }
    if (map === this.bindings && b.t === "module") {
      const mods = this.modulesOf.get(name) ?? new Set<string>();
      mods.add(b.module);
      this.modulesOf.set(name, mods);
    }
  }

  /**
   * A name bound to a module somewhere and to other things elsewhere (minified code reuses names): its
   * module still counts for members specific enough to be that module's (`writeFile`, `readdirSync`),
   * never for generic ones (`get`, `exec`, `send`), so a bundle's `e.exec(…)` on a RegExp stays nothing.
   */
  private ambiguousModule(name: string, member: string): Binding | null {
    if (member.length < 6 || GENERIC_MEMBERS.has(member)) return null;
    for (const module of this.modulesOf.get(name) ?? [])
      if (INDEX.has(`m|${module}|${member}`)) return { t: "module", module };
    return null;
  }

  /** Every binding form: declarations, parameters, imports, assignments to names and properties. */
  visit = (n: ESTree.Node): void => {
    const [method, self] = [definedMethod(n), selfAlias(n)];
    if (method) this.own.members.add(method);
    if (self) this.own.selves.add(self);
    switch (n.type) {
      case "ImportDeclaration": {
        const module = typeof n.source.value === "string" ? moduleName(n.source.value) : null;
        if (module) this.imported.push({ module, line: this.fold.line(n as { start?: number }) });
        for (const sp of n.specifiers) {
          if (!module) this.bind(this.bindings, sp.local.name, { t: "other" });
          else if (sp.type === "ImportSpecifier") {
            const imported = sp.imported.type === "Identifier" ? sp.imported.name : String(sp.imported.value);
            this.bind(
              this.bindings,
              sp.local.name,
              imported === "default" ? { t: "module", module } : { t: "member", module, member: imported },
            );
          } else this.bind(this.bindings, sp.local.name, { t: "module", module });
        }
        return;
      }
      case "VariableDeclarator":
        this.bindPattern(n.id as ESTree.Node, (n.init as ESTree.Node | null) ?? null);
        return;
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        if (n.type === "FunctionDeclaration" && n.id)
          this.bind(this.bindings, n.id.name, this.isLoaderWrapper(n) ? { t: "require" } : { t: "other" });
        for (const p of n.params) this.bindPattern(p as ESTree.Node, null);
        return;
      case "ClassDeclaration":
        if (n.id) this.bind(this.bindings, n.id.name, { t: "other" });
        return;
      case "CatchClause":
        if (n.param) this.bindPattern(n.param as ESTree.Node, null);
        return;
      case "AssignmentExpression":
        if (n.operator !== "=") return;
        if (n.left.type === "Identifier") {
          const b = this.bindingOf(n.right);
          if (b) this.bind(this.bindings, n.left.name, b);
        } else if (
          n.left.type === "MemberExpression" &&
          !n.left.computed &&
          n.left.property.type === "Identifier"
        ) {
          const b = this.bindingOf(n.right);
          if (b && b.t !== "other") this.bind(this.props, n.left.property.name, b);
        }
        return;
      case "PropertyDefinition":
        if (n.value && n.key.type === "Identifier") {
          const b = this.bindingOf(n.value as ESTree.Node);
          if (b && b.t !== "other") this.bind(this.props, n.key.name, b);
        }
        return;
      case "CallExpression":
      case "NewExpression":
        if (this.calls.length < MAX_CANDIDATES) this.calls.push(n);
        return;
      case "Literal":
      case "ArrayExpression":
        this.programText(n);
        return;
      case "ImportExpression":
        this.loads.push({
          spec: n.source as ESTree.Node,
          line: this.fold.line(n as { start?: number }),
          at: (n as { start?: number }).start,
        });
        return;
    }
  };

  /** `req("./x.json")` where `req` is a require made by createRequire: the specifier, else null. */
  requiredSpec(n: ESTree.Node | null): string | null {
    if (n?.type !== "CallExpression" || !n.arguments[0]) return null;
    if (!this.isRequire(n.callee as ESTree.Node)) return null;
    return this.fold.text(n.arguments[0] as ESTree.Node);
  }

  /** `module.member` a callee is bound to (`join` imported from "node:path" → `path.join`), or null. */
  canonical(callee: ESTree.Node): string | null {
    const b = this.bindingOf(callee);
    return b?.t === "member" ? `${b.module}.${b.member}` : null;
  }

  /** Secret-printing command lines and argv arrays written where a helper runs them (see call-args.ts). */
  private programText(n: ESTree.Node): void {
    if (this.programs.length >= 20) return;
    const hit = secretCommand(n);
    if (hit)
      this.programs.push({
        row: "argv",
        family: "exec",
        label: "names a program's arguments that print secrets",
        line: this.fold.line(n as { start?: number }),
        target: hit.text,
        targetKind: "command",
        program: { id: hit.id, kind: "secret" },
      });
  }

  private bindPattern(p: ESTree.Node, init: ESTree.Node | null): void {
    if (p.type === "Identifier") {
      this.bind(this.bindings, p.name, (init && this.bindingOf(init)) ?? { t: "other" });
      return;
    }
    if (p.type === "AssignmentPattern" || p.type === "RestElement") {
      this.bindPattern((p.type === "RestElement" ? p.argument : p.left) as ESTree.Node, null);
      return;
    }
    if (p.type === "ArrayPattern") {
      for (const e of p.elements) if (e) this.bindPattern(e as ESTree.Node, null);
      return;
    }
    if (p.type !== "ObjectPattern") return;
    const from = init ? this.bindingOf(init) : null;
    for (const prop of p.properties) {
      if (prop.type === "RestElement") {
        this.bindPattern(prop.argument as ESTree.Node, null);
        continue;
      }
      const key = this.keyOf(prop.key as ESTree.Node, prop.computed);
      const value = prop.value as ESTree.Node;
      const local = value.type === "AssignmentPattern" ? (value.left as ESTree.Node) : value;
      if (local.type === "Identifier" && key && from && from.t !== "other") {
        const b = this.memberOf(from, [key]);
        this.bind(this.bindings, local.name, b ?? { t: "other" });
      } else this.bindPattern(local, null);
    }
  }

  private keyOf(n: ESTree.Node, computed: boolean): string | null {
    if (!computed && n.type === "Identifier") return n.name;
    if (n.type === "Literal" && (typeof n.value === "string" || typeof n.value === "number"))
      return String(n.value);
    return computed ? this.fold.text(n) : null;
  }

  /** What a name bound to `b` becomes when its members `path` are taken. */
  private memberOf(b: Binding, path: string[]): Binding | null {
    if (b.t === "module") {
      let rest = path;
      let module = b.module;
      if (rest[0] === "default") rest = rest.slice(1);
      if (module === "fs" && rest[0] === "promises") {
        module = "fs/promises";
        rest = rest.slice(1);
      }
      return rest.length ? { t: "member", module, member: rest.join(".") } : { t: "module", module };
    }
    if (b.t === "member") return { t: "member", module: b.module, member: [b.member, ...path].join(".") };
    return null;
  }

  /** What an expression is, as far as capabilities go: a module, a member of one, an instance… */
  /** A function that hands its argument to a loader is a require (see call-args.ts). */
  private isLoaderWrapper(fn: ESTree.Node): boolean {
    return loaderWrapper(fn, (callee) => LOADERS.has(dotted(callee)) || this.isRequire(callee));
  }

  private bindingOf(e: ESTree.Node, depth = 0): Binding | null {
    if (depth > 8) return null;
    const x = unwrap(e);
    if (this.isLoaderWrapper(x)) return REQUIRE;
    // `var r = require` (flatmap-stream's loader): CommonJS's own require under another name.
    const own = x.type === "Identifier" ? x.name === "require" : dotted(x) === "module.require";
    if (own && !this.bindings.has(x.type === "Identifier" ? "require" : "module")) return REQUIRE;
    if (x.type === "Identifier") return this.bindings.get(x.name) ?? null;
    if (x.type === "AwaitExpression") return this.bindingOf(x.argument as ESTree.Node, depth + 1);
    if (x.type === "ImportExpression") {
      const spec = this.fold.text(x.source as ESTree.Node);
      return spec ? { t: "module", module: moduleName(spec) } : null;
    }
    if (x.type === "MemberExpression") {
      const key = this.keyOf(x.property as ESTree.Node, x.computed);
      if (!key) return null;
      if (!x.computed && x.object.type === "ThisExpression") return this.props.get(key) ?? null;
      // CommonJS's own `module.constructor` is the Module class (`new module.constructor(f)._compile(src)`).
      if (
        key === "constructor" &&
        x.object.type === "Identifier" &&
        x.object.name === "module" &&
        !this.bindings.has("module")
      )
        return { t: "member", module: "module", member: "default" };
      const base = this.bindingOf(x.object as ESTree.Node, depth + 1);
      if (!base) return x.object.type !== "Identifier" ? null : (this.props.get(key) ?? null);
      return this.memberOf(base, [key]);
    }
    if (x.type === "CallExpression") {
      const name = dotted(x.callee as ESTree.Node);
      const first = x.arguments[0] as ESTree.Node | undefined;
      if (first && INTEROP.test(name)) return this.bindingOf(first, depth + 1);
      if (
        name === "require" ||
        name === "module.require" ||
        name === "process.mainModule.require" ||
        this.isRequire(x.callee as ESTree.Node)
      ) {
        const spec = first ? this.fold.text(first) : null;
        return spec ? { t: "module", module: moduleName(spec) } : null;
      }
      if (/(?:^|\.)createRequire$/.test(name)) return { t: "require" };
      // fn.bind(thisArg): the same function
      if (
        x.callee.type === "MemberExpression" &&
        this.keyOf(x.callee.property as ESTree.Node, x.callee.computed) === "bind"
      )
        return this.bindingOf(x.callee.object as ESTree.Node, depth + 1);
      const callee = this.bindingOf(x.callee as ESTree.Node, depth + 1);
      if (callee?.t === "member") return { t: "instance", module: callee.module, factory: callee.member };
      if (callee?.t === "module") return { t: "instance", module: callee.module, factory: "default" };
      if (x.callee.type === "MemberExpression") {
        const owner = this.bindingOf(x.callee.object as ESTree.Node, depth + 1);
        const key = this.keyOf(x.callee.property as ESTree.Node, x.callee.computed);
        if (owner?.t === "object" && key) return { t: "instance", module: owner.module, factory: key };
      }
      return null;
    }
    if (x.type === "NewExpression") {
      const callee = this.bindingOf(x.callee as ESTree.Node, depth + 1);
      if (callee?.t === "member") return { t: "object", module: callee.module, name: callee.member };
      if (callee?.t === "module") return { t: "object", module: callee.module, name: "default" };
      return null;
    }
    return null;
  }

  private isRequire(callee: ESTree.Node): boolean {
    const x = unwrap(callee);
    if (x.type === "Identifier") return this.bindings.get(x.name)?.t === "require";
    if (x.type === "CallExpression") return /(?:^|\.)createRequire$/.test(dotted(x.callee as ESTree.Node));
    return false;
  }

  /** The catalogue row a call reaches, with the arguments it passes (after `.call`/`.apply`/Reflect). */
  private rowOf(call: Call): { row: Row; args: ESTree.Node[] } | { load: string } | null {
    let callee = unwrap(call.callee as ESTree.Node);
    let args = call.arguments as ESTree.Node[];
    if (callee.type === "MemberExpression") {
      const key = this.keyOf(callee.property as ESTree.Node, callee.computed);
      if (key === "call" || key === "apply") {
        const inner = callee.object as ESTree.Node;
        args = key === "call" ? args.slice(1) : arrayItems(args[1]);
        callee = unwrap(inner);
      } else if (dotted(callee) === "Reflect.apply" || dotted(callee) === "Reflect.construct") {
        callee = unwrap(args[0] ?? callee);
        args = arrayItems(args[dotted(call.callee as ESTree.Node) === "Reflect.apply" ? 2 : 1]);
      }
    }
    // Calls of a require: the module is loaded (its members are matched where they are used).
    if (call.type === "CallExpression" && (LOADERS.has(dotted(callee)) || this.isRequire(callee))) {
      const spec = args[0] ? this.fold.text(args[0]) : null;
      if (spec && !isOutside(spec)) return { load: moduleName(spec) };
      // require("/home/u/.docker/config.json"), require(join(homedir(), …)): reads that file
      const path = spec ?? (args[0] ? this.fold.partial(args[0]) : "…");
      return isOutside(path) ? { row: REQUIRE_READ, args } : null;
    }
    const { base, path } = chain(callee, (n, c) => this.keyOf(n, c));
    if (!base) return null;
    // A chain specific enough to name its API whatever the object is (a client passed in as a parameter).
    const specific = INDEX.get(`s|${path.slice(-3).join(".")}`) ?? INDEX.get(`s|${path.slice(-2).join(".")}`);
    const known = base.type === "Identifier" ? this.bindings.get(base.name) : null;
    // Only called on itself (`this`, or a name bound to it): a decoy method elsewhere in the file hides nothing.
    const onSelf =
      base.type === "ThisExpression" || (base.type === "Identifier" && this.own.selves.has(base.name));
    const ownName = specific?.via.kind === "chain" && onSelf && this.own.members.has(path.at(-1)!);
    if (specific && !ownName && (!known || known.t === "other")) return { row: specific, args };
    let b: Binding | null = null;
    if (base.type === "Identifier") {
      b = this.bindings.has(base.name) ? this.bindings.get(base.name)! : null;
      if (b === null && this.bindings.has(base.name) && path.length === 1)
        b = this.ambiguousModule(base.name, path[0]!);
    } else if (base.type === "ThisExpression" && path.length) {
      b = this.props.get(path[0]!) ?? null;
      path.shift();
    } else b = this.bindingOf(base);
    if (!b && base.type === "Identifier" && this.bindings.has(base.name)) return null;
    if (!b && base.type === "Identifier") {
      // A global: fetch, WebSocket, navigator.sendBeacon, globalThis.eval, process.dlopen …
      const name = [base.name, ...path].join(".");
      const row = INDEX.get(`g|${name.replace(GLOBAL_PREFIX, "")}`) ?? INDEX.get(`g|${name}`);
      return row ? { row, args } : null;
    }
    if (!b && path.length > 0 && base.type !== "Identifier") {
      // obj.mailer.sendMail(…): a property assigned a capability somewhere in the module
      const p = this.props.get(path[0]!);
      if (p) {
        b = p;
        path.shift();
      }
    }
    if (!b || b.t === "other" || b.t === "require") return null;
    const keys: string[] = [];
    if (b.t === "module") {
      const p = stripDefault(path);
      if (b.module === "fs" && p[0] === "promises") keys.push(`m|fs/promises|${p.slice(1).join(".")}`);
      keys.push(`m|${b.module}|${p.join(".")}`);
      if (!p.length) keys.push(`m|${b.module}|default`);
    } else if (b.t === "member") keys.push(`m|${b.module}|${[b.member, ...path].join(".")}`);
    else if (b.t === "instance") keys.push(`i|${b.module}|${b.factory}|${path.join(".")}`);
    else keys.push(`c|${b.module}|${b.name}|${path.join(".")}`);
    for (const k of keys) {
      const row = INDEX.get(k);
      if (row) return { row, args };
    }
    return null;
  }

  /** The uses, resolved once every binding of the module is known. */
  result(): CapabilityUse[] {
    const out: CapabilityUse[] = [];
    const seenLoads = new Set<string>();
    const load = (module: string, line: number, at?: number) => {
      const row = MODULE_FAMILY.get(module);
      // Loading a module says what it can do only for the families that act (async_hooks, os, zlib: no).
      if (!row || seenLoads.has(module) || !LOAD_FAMILIES.has(row.family)) return;
      seenLoads.add(module);
      out.push({
        row: `module:${module}`,
        family: row.family,
        label: `loads ${module}`,
        line,
        ...(at !== undefined ? { at } : {}),
      });
    };
    for (const l of this.loads) {
      const spec = this.fold.text(l.spec);
      if (spec && !/^(?:data|https?|blob):/i.test(spec)) load(moduleName(spec), l.line, l.at);
      else {
        const row = INDEX.get("g|import")!;
        const target = spec ?? this.fold.partial(l.spec);
        out.push({
          row: row.id,
          family: row.family,
          label: row.label,
          line: l.line,
          ...(l.at !== undefined ? { at: l.at } : {}),
          target,
          targetKind: "code",
          fromText: /^(?:data|blob):|^…|^https?:/i.test(target) || target === "…",
        });
      }
    }
    for (const call of this.calls) {
      const hit = this.rowOf(call);
      if (!hit) continue;
      const line = this.fold.line(call as { start?: number });
      const at = (call as { start?: number }).start;
      if ("load" in hit) {
        load(hit.load, line, at);
        continue;
      }
      out.push(this.use(hit.row, hit.args, line, at));
      const from = hit.row.source === undefined ? undefined : hit.args[hit.row.source];
      if (from) {
        // A copy or move reads its source: a credentials file copied elsewhere is a credentials read.
        const read = this.use(
          {
            ...hit.row,
            id: `${hit.row.id}:source`,
            family: "read",
            label: "reads the file it copies or moves",
            target: { arg: 0, kind: "path" },
          },
          [from],
          line,
          at,
        );
        if (read.pathClass) out.push(read);
      }
    }
    // Secret-printing arguments not seen at a call of the catalogue.
    for (const p of this.programs) if (!out.some((u) => u.program?.id === p.program!.id)) out.push(p);
    // Imports load their modules too.
    for (const i of this.imported) load(i.module, i.line);
    for (const [, b] of this.bindings)
      if (b && (b.t === "module" || b.t === "member") && !seenLoads.has(b.module)) load(b.module, 0);
    return out;
  }

  private use(row: Row, args: ESTree.Node[], line: number, at: number | undefined): CapabilityUse {
    const use: CapabilityUse = {
      row: row.id,
      family: row.family,
      label: row.label,
      line,
      ...(at !== undefined ? { at } : {}),
    };
    let node = row.target ? targetNode(row.target, args) : null;
    // `setGlobalDispatcher(new ProxyAgent({ uri }))`: an address given to a constructor is the target.
    if (node?.type === "NewExpression" && row.target?.kind === "url")
      node = targetNode({ arg: 0, kind: "url" }, node.arguments as ESTree.Node[]) ?? node;
    if (row.target && node) {
      const text = isExecPath(node) ? "node" : this.fold.partial(node);
      use.target = text;
      use.targetKind = row.target.kind;
      if (row.target.kind === "path") {
        // The worst branch the code may take: a path class outranks none.
        const branches = [text, ...this.fold.variants(node).filter((v) => v !== text)];
        const hit = branches.map((b) => ({ b, c: pathClassOf(b) })).find((x) => x.c);
        if (hit) {
          use.pathClass = hit.c!.id;
          use.pathKind = hit.c!.class;
          if (hit.b !== text) use.target = hit.b;
        }
      } else if (row.target.kind === "command") {
        const command = [text, ...args.slice(1, 2).map((a) => argvText(a, this.fold))].join(" ").trim();
        use.target = command;
        const secret = programMatch(SECRET_PROGRAMS, command);
        const persist = programMatch(PERSISTENCE_PROGRAMS, command);
        const publish = programMatch(PUBLISH_PROGRAMS, command);
        const install = programMatch(INSTALL_PROGRAMS, command);
        if (secret)
          use.program = { id: secret.id, kind: "secret", ...(secret.platform ? { platform: true } : {}) };
        else if (persist) use.program = { id: persist.id, kind: "persistence" };
        else if (publish) use.program = { id: publish.id, kind: "publish" };
        else if (install) use.program = { id: install.id, kind: "install" };
      }
    }
    if (row.family === "code") use.fromText = runsText(row, args, this.fold);
    // Sampling that asks the client for every connected server's context reads other servers' data.
    if (/createMessage$/.test(row.id) && optionText(args[0], "includeContext", this.fold) === "allServers") {
      use.family = "secret";
      use.label =
        "asks the client's model for every server's context (sampling with includeContext: allServers)";
    }
    const env = this.fold.envNames(args);
    if (env.length) use.env = env;
    return use;
  }
}
