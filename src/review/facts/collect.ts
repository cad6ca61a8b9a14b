/**
 * Static facts about one JavaScript file, from one meriyah parse (or a text fallback when
 * the file does not parse). Code rules read these facts instead of re-parsing.
 */
import type { ESTree } from "meriyah";
import { evalStatic } from "../eval/evaluate.js";
import { isAccessorCall } from "../eval/string-array.js";
import {
  type Budget,
  DYNAMIC,
  helperValue,
  isHelperValue,
  type Resolved,
  type StaticValue,
} from "../eval/value.js";
import { walk } from "../js/ast.js";
import { MAX_LINKED_BYTES } from "../js/modules.js";
import { calleeName, isFunctionNode, isProcessEnv, keyName, requiredSpec } from "../js/names.js";
import { type Parsed, parseFile } from "../js/parse.js";
import { CapabilityCollector, type Folding } from "./capabilities.js";
import { isRecipientKey } from "./catalogue.js";
import { endlessLoops } from "./endless.js";
import { envWrites, mayWriteEnv } from "./env-writes.js";
import { conditionOf, gateReads } from "./gates.js";
import { Downloads, NETWORK_CALLS, REMOTE_REACH } from "./remote.js";
import {
  BUILDERS,
  CALLS_OF_INTEREST,
  ENV_SERIALISERS,
  grownArray,
  hasNonAscii,
  isArrayJoin,
  isWritten,
  leaves,
  loopBinding,
  returned,
} from "./shapes.js";
import { type Constants, envNames, isRecursive, partial, sinkKind, variants } from "./sinks.js";
import { mayMatter, textFacts } from "./text.js";
import { type CodeFacts, emptyFacts, type Located, type ModuleValues, type Sink } from "./types.js";

/** How much building is followed in one file: the candidates and the evaluator's steps. */
const BUILT_CANDIDATES = 4000;
const BUILT_STEPS = 200_000;

const SCHEMA_ID_KEYS = new Set(["$id", "$schema", "$ref", "$comment"]);

type Node = ESTree.Node & { start?: number };

/** What one walk over a module collects; `visit` is called for every node. */
export class FactsCollector {
  readonly facts: CodeFacts;
  private readonly downloads: Downloads;
  /** Calls matched against the capability catalogue, through the module's own bindings. */
  private readonly capabilities: CapabilityCollector;
  /** This module's constants, as the sinks read them. */
  private readonly constants: Constants = {
    resolve: (name) => this.resolve(name),
    evaluate: (node) => this.evaluate(node),
    constant: (name) => this.consts.get(name),
    canonical: (callee) => this.capabilities.canonical(callee),
    alternatives: (name) => {
      const alts = this.assignedTexts.get(name);
      return alts ? [...alts] : null;
    },
  };
  /** Fixed texts each name is assigned; null once it is assigned anything else. */
  private readonly assignedTexts = new Map<string, Set<string> | null>();
  private assignText(name: string, value: ESTree.Node | null | undefined): void {
    if (!value) return; // `let cmd;` declares, assigns nothing
    const had = this.assignedTexts.get(name);
    if (had === null) return;
    const text = value.type === "Literal" && typeof value.value === "string" ? value.value : null;
    this.assignedTexts.set(
      name,
      text !== null && (had?.size ?? 0) < 8 ? new Set([...(had ?? []), text]) : null,
    );
  }

  private readonly consts = new Map<string, ESTree.Node | null>();
  /** Names bound to another module's constant: local → (module specifier, export name or null for all). */
  private readonly imports = new Map<string, { spec: string; name: string | null } | null>();
  /** Expressions that build text (concatenation, decoding, fallbacks), evaluated once constants are known. */
  private readonly building: Node[] = [];
  private readonly budget: Budget = { steps: BUILT_STEPS };
  /** Modules the current evaluation read a value from. */
  private usedModules = new Set<string>();
  /** What the module exports, by name (`default` for the default export); `*`: module.exports = … */
  private readonly exported = new Map<string, ESTree.Node>();
  /** String literals that name documents (JSON Schema `$id`), not endpoints. */
  private readonly identifiers = new Set<ESTree.Node>();
  private readonly pending: { key: string; node: ESTree.Node; line: number }[] = [];
  /** Loop variables over constant lists, by their binding node: one of the items. */
  private readonly loopValues = new Map<ESTree.Node, ESTree.Node>();
  /** Writes of steering environment variables, evaluated once every constant is known. */
  private readonly envNodes: ESTree.Node[] = [];
  private readonly folding: Folding;
  private readonly pendingRequests: { args: ESTree.Node[]; line: number }[] = [];
  /** Calls of a name, kept until the file's functions are known: calls of a local helper build text. */
  private readonly helperCalls: Node[] = [];
  private readonly pendingSinks: {
    kind: Sink["kind"];
    node: ESTree.Node;
    line: number;
    recursive: boolean;
  }[] = [];

  constructor(
    comments: Located[],
    private readonly lineOf: (n: { start?: number }) => number,
    private readonly modules: ModuleValues = () => null,
  ) {
    this.facts = emptyFacts(true, comments);
    this.downloads = new Downloads(this.facts.remoteCode);
    this.folding = {
      text: (n) => this.evaluate(n).text,
      partial: (n) => partial(this.constants, n, 0),
      variants: (n) => variants(this.constants, n),
      envNames: (ns) => envNames(this.constants, ns),
      line: (n) => this.lineOf(n),
    };
    this.capabilities = new CapabilityCollector(this.folding);
  }

  /** A name bound once in the file; bound twice (shadowing, reassignment), it is not a constant. */
  private bind(name: string, node: ESTree.Node | null): void {
    this.consts.set(name, this.consts.has(name) || this.imports.has(name) ? null : node);
  }

  private bindImport(name: string, spec: string, exported: string | null): void {
    this.imports.set(name, this.imports.has(name) || this.consts.has(name) ? null : { spec, name: exported });
  }

  /** Destructuring: `const { bcc = "x" } = opts`, `const { AUDIT } = require("./defaults")`. */
  private bindPattern(pattern: ESTree.Node, init: ESTree.Node | null): void {
    const spec = requiredSpec(init) ?? this.capabilities.requiredSpec(init);
    if (pattern.type === "Identifier") {
      if (spec) this.bindImport(pattern.name, spec, null);
      else this.bind(pattern.name, init);
      return;
    }
    if (pattern.type === "AssignmentPattern") {
      // A default: the literal is the value unless the caller passes one.
      if (pattern.left.type === "Identifier") this.bind(pattern.left.name, pattern.right ?? null);
      else this.bindPattern(pattern.left as ESTree.Node, null);
      return;
    }
    if (pattern.type !== "ObjectPattern") return;
    for (const p of pattern.properties) {
      if (p.type !== "Property") continue;
      const key = keyName(p.key, p.computed);
      const local = p.value.type === "AssignmentPattern" ? p.value.left : p.value;
      if (local.type !== "Identifier") continue;
      if (spec && key) this.bindImport(local.name, spec, key);
      else if (p.value.type === "AssignmentPattern") this.bind(local.name, p.value.right ?? null);
      else this.bind(local.name, null);
    }
  }

  /** Names resolve to this file's constants, or to another file's exported constant. */
  private resolve = (name: string): ESTree.Node | Resolved | null => {
    const imp = this.imports.get(name);
    if (imp) {
      const m = this.modules(imp.spec);
      if (!m) return null;
      this.usedModules.add(m.path);
      const v = m.value;
      const isObj = v && typeof v === "object" && !Array.isArray(v);
      // A default import of JSON or of CommonJS is the whole value.
      if (imp.name === null || (imp.name === "default" && !(isObj && "default" in v))) return { resolved: v };
      return {
        resolved: v && typeof v === "object" && !Array.isArray(v) && imp.name in v ? v[imp.name]! : DYNAMIC,
      };
    }
    return this.consts.get(name) ?? null;
  };

  /** The constant text of an expression, and where it was built when that is another file. */
  private evaluate(node: ESTree.Node): { text: string | null; built?: string; decoded?: boolean } {
    this.usedModules = new Set();
    this.budget.decoded = false;
    const v = evalStatic(node, this.resolve, 0, new Set(), this.budget);
    const text = typeof v === "string" ? v : leaves(v);
    return {
      text,
      ...(this.usedModules.size ? { built: [...this.usedModules].join(", ") } : {}),
      ...(this.budget.decoded ? { decoded: true } : {}),
    };
  }

  /** Values under recipient-like keys (bcc, to, webhook…) are folded once every constant is known. */
  private addKeyed(key: string | null, node: ESTree.Node, at: Node): void {
    if (key && isRecipientKey(key)) this.pending.push({ key, node, line: this.lineOf(at) });
  }

  /** What every node is looked at for: capabilities, environment writes, loops over lists, gates. */
  private observe(node: ESTree.Node): void {
    this.capabilities.visit(node);
    if (mayWriteEnv(node)) this.envNodes.push(node);
    const loop = loopBinding(node, (name) => this.consts.get(name));
    if (loop) this.loopValues.set(loop.node, loop.value);
    const test = conditionOf(node);
    if (test && this.facts.gates.length < 50)
      this.facts.gates.push(...gateReads(test, (name) => this.consts.get(name), this.lineOf));
  }

  visit = (node: ESTree.Node): "skip" | undefined => {
    const n = node as Node;
    const { facts, lineOf } = this;
    this.observe(node);
    switch (n.type) {
      case "Literal":
        if (typeof n.value === "string" && mayMatter(n.value) && !this.identifiers.has(n))
          facts.strings.push({ value: n.value, line: lineOf(n), at: n.start });
        return;
      case "TemplateLiteral":
        for (const q of n.quasis) {
          const cooked = q.value.cooked ?? q.value.raw;
          if (cooked && mayMatter(cooked))
            facts.strings.push({ value: cooked, line: lineOf(q), at: (q as { start?: number }).start });
        }
        if (n.expressions.length) this.build(n);
        return;
      case "BinaryExpression":
        if (n.operator === "+") this.build(n);
        return;
      case "LogicalExpression":
        this.build(n);
        return;
      case "Identifier":
        if (hasNonAscii(n.name)) facts.identifiers.push({ value: n.name, line: lineOf(n) });
        return;
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ImportExpression":
        this.moduleSyntax(n);
        return;
      case "FunctionDeclaration":
        // A helper the code calls: its one returned expression is followed with the call's arguments.
        if (n.id) this.bind(n.id.name, n);
        for (const p of n.params)
          if (p.type === "AssignmentPattern" || p.type === "ObjectPattern") this.bindPattern(p, null);
        return;
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        // A callback over a constant list (`SHELLS.forEach((sh) => …)`): its parameter is one of the items.
        for (const p of n.params)
          if (p.type === "AssignmentPattern" || p.type === "ObjectPattern") this.bindPattern(p, null);
          else if (this.loopValues.has(p)) this.bind((p as ESTree.Identifier).name, this.loopValues.get(p)!);
        return;
      case "CallExpression":
      case "NewExpression":
        this.call(n);
        return;
      case "MethodDefinition":
      case "Property":
        this.keyedSyntax(n);
        return;
      case "AssignmentExpression":
        if (n.left.type === "Identifier" && n.operator === "=") this.assignText(n.left.name, n.right);
        if (n.left.type === "MemberExpression") {
          this.addKeyed(
            keyName(n.left.property, n.left.computed) ??
              (n.left.computed ? this.evaluate(n.left.property as ESTree.Node).text : null),
            n.right,
            n,
          );
          this.exportAssigned(n.left, n.right);
        }
        return;
      case "VariableDeclarator":
        if (n.id.type === "Identifier") this.assignText(n.id.name, n.init as ESTree.Node | null);
        // A name bound twice is not a constant we can trust.
        this.bindPattern(
          n.id as ESTree.Node,
          (n.init as ESTree.Node | null) ?? this.loopValues.get(n) ?? null,
        );
        if (n.id.type === "Identifier" && n.init && this.downloads.fromNetwork(n.init as ESTree.Node))
          this.downloads.markRemote(n.id.name, n.start ?? 0, (n.start ?? 0) + REMOTE_REACH);
        return;
    }
  };

  /** Getters and properties whose key names a recipient; JSON Schema identifiers. */
  private keyedSyntax(n: Node): void {
    switch (n.type) {
      case "MethodDefinition":
        // class Mail { get bcc() { return "x@y" } }
        if (n.kind === "get")
          this.addKeyed(keyName(n.key as ESTree.Node, n.computed), returned(n.value as ESTree.Node), n);
        return;
      case "Property": {
        const key =
          keyName(n.key, n.computed) ?? (n.computed ? this.evaluate(n.key as ESTree.Node).text : null);
        this.addKeyed(key, n.kind === "get" ? returned(n.value as ESTree.Node) : n.value, n);
        // JSON Schema identifiers ("$id": "https://…") name documents; nothing is fetched from them.
        if (key && SCHEMA_ID_KEYS.has(key) && n.value.type === "Literal") this.identifiers.add(n.value);
        return;
      }
    }
  }

  /** Imports and exports: the modules named, the names bound to another module, what this one exports. */
  private moduleSyntax(n: Node): void {
    const { facts, lineOf } = this;
    switch (n.type) {
      case "ImportDeclaration":
        if (typeof n.source.value === "string") {
          facts.modules.push({ value: n.source.value, line: lineOf(n) });
          for (const sp of n.specifiers) {
            const exported =
              sp.type === "ImportSpecifier"
                ? keyName(sp.imported as ESTree.Node, false)
                : sp.type === "ImportDefaultSpecifier"
                  ? "default"
                  : null;
            this.bindImport(sp.local.name, n.source.value, exported);
          }
        }
        return;
      case "ExportAllDeclaration":
        if (n.source && typeof n.source.value === "string")
          facts.modules.push({ value: n.source.value, line: lineOf(n) });
        return;
      case "ExportNamedDeclaration":
        if (n.source && typeof n.source.value === "string")
          facts.modules.push({ value: n.source.value, line: lineOf(n) });
        else this.exportNamed(n);
        return;
      case "ExportDefaultDeclaration":
        this.exported.set("default", n.declaration as ESTree.Node);
        return;
      case "ImportExpression":
        if (n.source.type === "Literal" && typeof n.source.value === "string")
          facts.modules.push({ value: n.source.value, line: lineOf(n) });
        else facts.dynamicLoads.push({ value: "import()", line: lineOf(n) });
        return;
    }
  }

  /** Is this imported name (or its member) a function another file exports? */
  private callsHelper(name: string, member?: ESTree.MemberExpression): boolean {
    const r = this.resolve(name);
    let v = r && "resolved" in r ? r.resolved : null;
    if (member && v && typeof v === "object" && !Array.isArray(v)) {
      const key = !member.computed && member.property.type === "Identifier" ? member.property.name : null;
      v = key && key in v ? (v as Record<string, StaticValue>)[key]! : null;
    }
    return isHelperValue(v);
  }

  /** Calls of interest, module loads, serialised env, and header/form setters with recipient keys. */
  private call(n: ESTree.CallExpression | ESTree.NewExpression): void {
    const { facts } = this;
    const name = calleeName(n.callee);
    const line = this.lineOf(n);
    this.downloads.followDownload(n, name, line);
    const grown = grownArray(n, (name) => this.consts.get(name));
    if (grown) this.consts.set(grown.name, grown.value);
    if (n.type === "CallExpression" && (BUILDERS.test(name) || isAccessorCall(n))) this.build(n);
    else if (
      n.type === "CallExpression" &&
      (n.callee.type === "Identifier" ||
        // a member of another file's exports (imports are bound before their use)
        (n.callee.type === "MemberExpression" &&
          n.callee.object.type === "Identifier" &&
          this.imports.get(n.callee.object.name))) &&
      this.helperCalls.length < BUILT_CANDIDATES
    )
      this.helperCalls.push(n);
    const first = n.arguments[0];
    if (NETWORK_CALLS.test(name) && first && this.pendingRequests.length < BUILT_CANDIDATES)
      this.pendingRequests.push({ args: n.arguments as ESTree.Node[], line });
    const sink = sinkKind(name);
    if (sink && first && first.type !== "SpreadElement" && this.pendingSinks.length < BUILT_CANDIDATES)
      this.pendingSinks.push({
        kind: sink,
        node: first as ESTree.Node,
        line,
        recursive: isRecursive(n, name),
      });
    if (name === "Buffer.from") this.decodedBuffer(n);
    // Object.defineProperty(msg, "bcc", { value: x }) / { get() { return x } }; Reflect.set(msg, "bcc", x)
    if (
      (name === "Object.defineProperty" || name === "Reflect.defineProperty") &&
      n.arguments[1] &&
      n.arguments[2]
    ) {
      const key = this.evaluate(n.arguments[1] as ESTree.Node).text;
      const desc = n.arguments[2];
      if (desc.type === "ObjectExpression")
        for (const p of desc.properties)
          if (p.type === "Property" && keyName(p.key, p.computed) === "value") this.addKeyed(key, p.value, n);
          else if (p.type === "Property" && keyName(p.key, p.computed) === "get")
            this.addKeyed(key, returned(p.value), n);
    } else if (name === "Reflect.set" && n.arguments[2])
      this.addKeyed(this.evaluate(n.arguments[1] as ESTree.Node).text, n.arguments[2] as ESTree.Node, n);
    if (name && CALLS_OF_INTEREST.test(name))
      // A name renamed per scope (js/scopes.ts) is shown as the code wrote it.
      facts.calls.push({ value: name.replace(/#\d+/g, ""), line, at: (n as { start?: number }).start });
    if (name === "require" || name === "module.require" || name.endsWith("createRequire")) {
      if (first?.type === "Literal" && typeof first.value === "string")
        facts.modules.push({ value: first.value, line });
      else if (name !== "createRequire" && !name.endsWith(".createRequire"))
        facts.dynamicLoads.push({ value: "require()", line });
    }
    if (ENV_SERIALISERS.has(name) && n.arguments.some((a) => isProcessEnv(a as ESTree.Node))) {
      facts.envDumps.push({ value: `${name}(process.env)`, line });
    }
    // headers.set("Bcc", x), msg.setHeader("bcc", x), form.append("to", x)
    if (/(?:^|\.)(?:set|setHeader|append|add|addHeader)$/.test(name) && first && n.arguments[1]) {
      this.addKeyed(keyName(first as ESTree.Node, false), n.arguments[1] as ESTree.Node, n);
    }
  }

  /**
   * `Buffer.from("…", "base64")` bound to a name minified code reuses: the decoded text is recorded where
   * it is decoded, whatever the name means later (node-ipc 10.1.1 hid its geo-IP address this way).
   */
  private decodedBuffer(n: ESTree.CallExpression | ESTree.NewExpression): void {
    const [data, enc] = n.arguments;
    if (data?.type !== "Literal" || typeof data.value !== "string" || enc?.type !== "Literal") return;
    if (!/^(?:base64|base64url|hex)$/.test(String(enc.value))) return;
    const text = Buffer.from(data.value, enc.value as BufferEncoding).toString("utf8");
    if (!mayMatter(text) || /[\u0000-\u0008\uFFFD]/.test(text)) return;
    this.facts.strings.push({ value: text, line: this.lineOf(n), built: "this file", decoded: true });
  }

  /** `export const X = …`, `export { a as b }`. */
  private exportNamed(n: ESTree.ExportNamedDeclaration): void {
    const d = n.declaration;
    if (d?.type === "VariableDeclaration") {
      for (const v of d.declarations)
        if (v.id.type === "Identifier" && v.init) this.exported.set(v.id.name, v.init);
    } else if (d?.type === "FunctionDeclaration" && d.id) this.exported.set(d.id.name, d);
    for (const sp of n.specifiers) {
      const local = keyName(sp.local as ESTree.Node, false);
      const as = keyName(sp.exported as ESTree.Node, false);
      if (local && as) this.exported.set(as, { type: "Identifier", name: local } as ESTree.Identifier);
    }
  }

  /** `module.exports = …`, `module.exports.X = …`, `exports.X = …`. */
  private exportAssigned(left: ESTree.MemberExpression, right: ESTree.Node): void {
    const target = calleeName(left);
    if (target === "module.exports") this.exported.set("*", right);
    else if (/^(?:module\.)?exports\.[^.]+$/.test(target))
      this.exported.set(target.slice(target.lastIndexOf(".") + 1), right);
  }

  /**
   * The module's constant exports as one value (DYNAMIC parts stay DYNAMIC). An exported function is a
   * helper value: a module that imports and calls it gets its result (`decode("…")` in another file).
   */
  exports(): StaticValue {
    const whole = this.exported.get("*");
    const out: { [k: string]: StaticValue } = {};
    if (whole) {
      const fn = this.functionOf(whole);
      if (fn) return helperValue(fn, this.resolve);
      const v = evalStatic(whole, this.resolve, 0, new Set(), this.budget);
      if (v && typeof v === "object" && !Array.isArray(v)) Object.assign(out, v);
      else return v;
      // module.exports = { decode, … }: its functions too.
      if (whole.type === "ObjectExpression")
        for (const p of whole.properties) {
          const key = p.type === "Property" ? keyName(p.key, p.computed) : null;
          const f = key && p.type === "Property" ? this.functionOf(p.value as ESTree.Node) : null;
          if (key && f) out[key] = helperValue(f, this.resolve);
        }
    }
    for (const [name, node] of this.exported) {
      if (name === "*") continue;
      const fn = this.functionOf(node);
      out[name] = fn
        ? helperValue(fn, this.resolve)
        : evalStatic(node, this.resolve, 0, new Set(), this.budget);
    }
    return out;
  }

  /** The function a node is, or names in this file (`export { decode }`, `exports.decode = decode`). */
  private functionOf(node: ESTree.Node): ESTree.Node | null {
    if (isFunctionNode(node)) return node;
    if (node.type !== "Identifier") return null;
    const def = this.consts.get(node.name);
    return def && isFunctionNode(def) ? def : null;
  }

  private build(n: Node): void {
    if (this.building.length < BUILT_CANDIDATES) this.building.push(n);
  }

  /**
   * The facts, with recipient-like values folded through the constants (this file's and other
   * files'), and the text the code builds added to its strings where a rule could care about it.
   */
  result(): CodeFacts {
    for (const p of this.pending) {
      const { text, built, decoded } = this.evaluate(p.node);
      // Not written at the sink: say where it comes from (another file, or code of this one).
      const where = built ?? (text !== null && !isWritten(p.node) ? "this file" : undefined);
      this.facts.keyed.push({
        key: p.key,
        value: text,
        line: p.line,
        ...(where ? { built: where } : {}),
        ...(decoded ? { decoded } : {}),
      });
    }
    for (const p of this.pendingSinks) {
      const text = partial(this.constants, p.node, 0);
      this.facts.sinks.push({
        kind: p.kind,
        text,
        line: p.line,
        ...(p.recursive ? { recursive: true } : {}),
      });
    }
    for (const c of this.helperCalls) {
      const callee = (c as ESTree.CallExpression).callee;
      if (callee.type === "Identifier") {
        const def = this.consts.get(callee.name);
        if (def && /Function/.test(def.type)) this.build(c);
        else if (this.imports.get(callee.name) && this.callsHelper(callee.name)) this.build(c);
      } else if (callee.type === "MemberExpression" && callee.object.type === "Identifier") {
        // util.decode(…) where util is another file's exports
        if (this.imports.get(callee.object.name) && this.callsHelper(callee.object.name, callee))
          this.build(c);
      }
    }
    for (const r of this.pendingRequests) {
      this.facts.requests.push({
        url: partial(this.constants, r.args[0]!, 0),
        line: r.line,
        env: envNames(this.constants, r.args),
      });
    }
    const literal = new Set(this.facts.strings.map((s) => `${s.line}\0${s.value}`));
    for (const n of this.building) {
      const evaluated = this.evaluate(n);
      const { built, decoded } = evaluated;
      // A join, or a URL, with run-time parts still shows its fixed ones (`remote.….pushurl`,
      // `https://….eu-deskly.io/api`: a tenant's subdomain of a fixed host).
      const fixed = evaluated.text === null ? partial(this.constants, n, 0) : "";
      const text =
        evaluated.text ?? (isArrayJoin(n) || /^[a-z]+:\/\/(?:…\.)?[\w-]/i.test(fixed) ? fixed : null);
      const line = this.lineOf(n);
      if (text === null || !mayMatter(text) || literal.has(`${line}\0${text}`)) continue;
      literal.add(`${line}\0${text}`);
      this.facts.strings.push({
        value: text,
        line,
        at: (n as { start?: number }).start,
        built: built ?? "this file",
        ...(decoded ? { decoded } : {}),
      });
    }
    this.facts.capabilities = this.capabilities.result();
    for (const n of this.envNodes) this.facts.capabilities.push(...envWrites(n, this.folding));
    return this.facts;
  }
}

export function analyzeJs(text: string, path: string, modules?: ModuleValues): CodeFacts {
  return analyzeModule(text, path, modules).facts;
}

/** Facts of a module, and its constant exports (evaluated when asked: another file imports them). */
export function analyzeModule(
  text: string,
  path: string,
  modules?: ModuleValues,
  parse: () => Parsed = () => parseFile(text, path),
): { facts: CodeFacts; exports: () => StaticValue } {
  let parsed: Parsed;
  try {
    parsed = parse();
  } catch (e) {
    const facts = textFacts(text);
    return { facts: { ...facts, parsed: false, parseError: (e as Error).message }, exports: () => DYNAMIC };
  }
  const lineAt = parsed.line;
  const collector = new FactsCollector(parsed.comments, (n) => lineAt(n.start), modules);
  walk(parsed.ast, collector.visit);
  const facts = collector.result();
  facts.endless = endlessLoops(parsed.ast, (n) => lineAt(n.start));
  // The collector holds the syntax tree: kept only for a file another file may import constants from
  // (a closure made here would share this scope, and so the tree, whatever it names).
  return { facts, exports: text.length > MAX_LINKED_BYTES ? noExports : exportsOf(collector) };
}

const noExports = (): StaticValue => DYNAMIC;
const exportsOf = (collector: FactsCollector) => () => collector.exports();
