/**
 * Static facts about one JavaScript file, from one meriyah parse (or a text fallback when
 * the file does not parse). Code rules read these facts instead of re-parsing.
 */
import type { ESTree } from "meriyah";
import { evalStatic } from "./eval/evaluate.js";
import {
  type Budget,
  DYNAMIC,
  helperValue,
  isHelperValue,
  type Resolved,
  type StaticValue,
} from "./eval/value.js";
import { walk } from "./js/ast.js";
import { calleeName, isFunctionNode, isProcessEnv, keyName, requiredSpec } from "./js/names.js";
import { lineIndex, parseAny } from "./js/parse.js";

export interface Located {
  value: string;
  line: number;
  /**
   * Text the code builds rather than writes (a join, a decoded base64 string, a fallback, a constant
   * imported from another file): where it was built, for messages ("built in lib/defaults.js").
   */
  built?: string;
  /** Built by decoding (base64, hex, char codes, URI escapes): text someone chose to hide. */
  decoded?: boolean;
  /** Source offset, where known: tells apart code that a minified file keeps on one line. */
  at?: number;
}

/** A property/header/assignment whose key matters to a rule, with its value when it is fixed text. */
export interface KeyedValue {
  key: string;
  /** Resolved constant text; null when the value is computed at run time. */
  value: string | null;
  line: number;
  /** The value is built, not written at this line (see Located.built). */
  built?: string;
  decoded?: boolean;
}

/**
 * The constant exports of another file of the package, by the specifier this file imports it with
 * (`./defaults.js`, `../config.json`); DYNAMIC when it is not a file of the package or not constant.
 */
export type ModuleValues = (specifier: string) => { value: StaticValue; path: string } | null;

/** How much building is followed in one file: the candidates and the evaluator's steps. */
const BUILT_CANDIDATES = 4000;
const BUILT_STEPS = 200_000;

export interface CodeFacts {
  parsed: boolean;
  parseError?: string;
  /** String literals and template text that could name an endpoint or a path (code only, not comments). */
  strings: Located[];
  comments: Located[];
  /** Statically named modules: require("x"), import "x", import("x"). */
  modules: Located[];
  /** require(expr)/import(expr) whose argument is not a literal. */
  dynamicLoads: Located[];
  /** eval/Function/vm run on text that came from the network (a fetch response, its `.then` chain). */
  remoteCode: Located[];
  /** Called or constructed names: `eval`, `Function`, `fetch`, `x.writeFileSync`, `process.dlopen`. */
  calls: Located[];
  /** Properties, assignments and header setters named like recipients or URLs. */
  keyed: KeyedValue[];
  /** `process.env` turned into text or a whole object (JSON.stringify(process.env), …). */
  envDumps: Located[];
  /** Identifiers that contain non-ASCII letters. */
  identifiers: Located[];
  /**
   * Commands run and paths deleted, with what is known of their text (`…` for parts computed at run
   * time, `~` for the user's home folder): `curl -fsSL https://x | sh`, `~/`.
   */
  sinks: Sink[];
  /**
   * Code at the module's top level that never ends: loops with no test, a constant true or
   * `i < Infinity` and no break; a fast `setInterval` that prints.
   */
  endless: Located[];
  /** Network requests: what is known of the URL, and the named environment variables their arguments carry. */
  requests: Request[];
}

export interface Request {
  url: string;
  line: number;
  /** `process.env` names in the arguments, directly or through a constant of this file. */
  env: string[];
}

export interface Sink {
  kind: "exec" | "delete";
  text: string;
  line: number;
  /** A delete that removes whole trees (`recursive: true`, rimraf). */
  recursive?: boolean;
}

/**
 * Strings a rule could care about: endpoints, paths and names of files all hold one of
 * `.`, `@`, `/`, `\`, `:` or a space. Bundles hold millions of other strings (property names).
 */
function mayMatter(s: string): boolean {
  if (s.length < 4) return false;
  if (s.startsWith("id_")) return true; // ssh key file names
  if (s.startsWith("--")) return true; // command-line flags (an agent's permission switches)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 64 || c === 47 || c === 92 || c === 58 || c === 32) return true;
  }
  return false;
}

const SCHEMA_ID_KEYS = new Set(["$id", "$schema", "$ref", "$comment"]);

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

/**
 * Calls the rules look at (by the last part of the dotted name); recording every call of a
 * bundle would cost more than the parse. Keep in step with the capability and secret rules.
 */
const CALLS_OF_INTEREST =
  /(?:^|\.)(?:eval|Function|fetch|WebSocket|XMLHttpRequest|sendBeacon|dlopen|require|createRequire|exec|execSync|execFile|execFileSync|spawn|spawnSync|fork|writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|cp|cpSync|rm|rmSync|unlink|unlinkSync|rmdir|rmdirSync|chmod|chmodSync|symlink|symlinkSync|readFile|readFileSync|request|connect|lookup|resolve|get|post|put|send|sendMail|publish|stringify|inspect|set|setHeader|append|add|addHeader|setTimeout|setInterval)$/;

/** Keys collected for rules about recipients and forwarding (compared case-insensitively). */
export const KEYED_NAMES = new Set([
  "bcc",
  "cc",
  "to",
  "replyto",
  "reply_to",
  "reply-to",
  "forward",
  "forwardto",
  "forward_to",
  "webhook",
  "webhookurl",
  "webhook_url",
  "recipient",
  "recipients",
  "callbackurl",
  "callback_url",
]);

type Node = ESTree.Node & { start?: number };

/** Calls that turn the whole environment into text; `{...process.env}` for a child process is not one. */
const ENV_SERIALISERS = new Set([
  "JSON.stringify",
  "String",
  "util.inspect",
  "inspect",
  "btoa",
  "URLSearchParams",
  "querystring.stringify",
  "qs.stringify",
]);

function emptyFacts(parsed: boolean, comments: Located[] = []): CodeFacts {
  return {
    parsed,
    strings: [],
    comments,
    modules: [],
    dynamicLoads: [],
    remoteCode: [],
    calls: [],
    keyed: [],
    envDumps: [],
    identifiers: [],
    sinks: [],
    endless: [],
    requests: [],
  };
}

/** What one walk over a module collects; `visit` is called for every node. */
class FactsCollector {
  readonly facts: CodeFacts;
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
  private readonly pendingRequests: { args: ESTree.Node[]; line: number }[] = [];
  /** Calls of a name, kept until the file's functions are known: calls of a local helper build text. */
  private readonly helperCalls: Node[] = [];
  /**
   * Names bound to a network response or what was read from one (`const code = await res.text()`), with
   * where the binding holds: a `.then` callback's body, or the text just after a declaration (a name
   * means nothing across a whole bundle, where minified names repeat).
   */
  private readonly remote = new Map<string, { from: number; to: number }[]>();
  private markRemote(name: string, from: number, to: number): void {
    const list = this.remote.get(name) ?? [];
    if (list.length < 50) list.push({ from, to });
    this.remote.set(name, list);
  }
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
    const spec = requiredSpec(init);
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
    const text =
      typeof v === "string"
        ? v
        : Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string")
          ? v.join(", ")
          : null;
    return {
      text,
      ...(this.usedModules.size ? { built: [...this.usedModules].join(", ") } : {}),
      ...(this.budget.decoded ? { decoded: true } : {}),
    };
  }

  /** Values under recipient-like keys (bcc, to, webhook…) are folded once every constant is known. */
  private addKeyed(key: string | null, node: ESTree.Node, at: Node): void {
    if (key && key.length <= 12 && KEYED_NAMES.has(key.toLowerCase()))
      this.pending.push({ key, node, line: this.lineOf(at) });
  }

  visit = (node: ESTree.Node): "skip" | undefined => {
    const n = node as Node;
    const { facts, lineOf } = this;
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
      case "FunctionDeclaration":
        // A helper the code calls: its one returned expression is followed with the call's arguments.
        if (n.id) this.bind(n.id.name, n);
        for (const p of n.params)
          if (p.type === "AssignmentPattern" || p.type === "ObjectPattern") this.bindPattern(p, null);
        return;
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        for (const p of n.params)
          if (p.type === "AssignmentPattern" || p.type === "ObjectPattern") this.bindPattern(p, null);
        return;
      case "ImportExpression":
        if (n.source.type === "Literal" && typeof n.source.value === "string")
          facts.modules.push({ value: n.source.value, line: lineOf(n) });
        else facts.dynamicLoads.push({ value: "import()", line: lineOf(n) });
        return;
      case "CallExpression":
      case "NewExpression":
        this.call(n);
        return;
      case "Property": {
        const key = keyName(n.key, n.computed);
        this.addKeyed(key, n.value, n);
        // JSON Schema identifiers ("$id": "https://…") name documents; nothing is fetched from them.
        if (key && SCHEMA_ID_KEYS.has(key) && n.value.type === "Literal") this.identifiers.add(n.value);
        return;
      }
      case "AssignmentExpression":
        if (n.left.type === "MemberExpression") {
          this.addKeyed(keyName(n.left.property, n.left.computed), n.right, n);
          this.exportAssigned(n.left, n.right);
        }
        return;
      case "VariableDeclarator":
        // A name bound twice is not a constant we can trust.
        this.bindPattern(n.id as ESTree.Node, (n.init as ESTree.Node | null) ?? null);
        if (n.id.type === "Identifier" && n.init && this.fromNetwork(n.init as ESTree.Node))
          this.markRemote(n.id.name, n.start ?? 0, (n.start ?? 0) + REMOTE_REACH);
        return;
    }
  };

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

  /**
   * Is this expression what a network call returned, or read from it? Follows only its spine
   * (`await`, calls' callees, member objects: `(await fetch(u)).text()`, `res.data`), so it is cheap
   * enough for every declaration of a bundle.
   */
  private fromNetwork(root: ESTree.Node): boolean {
    let x: ESTree.Node | null = root;
    for (let i = 0; x && i < 32; i++) {
      if (x.type === "Identifier") {
        const at = (x as Node).start ?? -1;
        return !!this.remote.get(x.name)?.some((r) => r.from <= at && at <= r.to);
      }
      if (x.type === "CallExpression" || x.type === "NewExpression") {
        if (NETWORK_CALLS.test(calleeName(x.callee))) return true;
        x = x.callee.type === "MemberExpression" ? (x.callee.object as ESTree.Node) : null;
      } else if (x.type === "AwaitExpression") x = x.argument as ESTree.Node;
      else if (x.type === "MemberExpression") x = x.object as ESTree.Node;
      else if (x.type === "ChainExpression" || x.type === ("ParenthesizedExpression" as never))
        x = (x as unknown as { expression: ESTree.Node }).expression;
      else return false;
    }
    return false;
  }

  /** Does any part of a (small) expression come from the network? For the arguments of eval-like calls. */
  private holdsDownload(root: ESTree.Node): boolean {
    let found = false;
    let budget = 200;
    walk(root, (x) => {
      if (found || budget-- <= 0) return "skip";
      if (this.fromNetwork(x)) found = true;
      return undefined;
    });
    return found;
  }

  /**
   * Downloaded text run as code: `fetch(u).then((r) => r.text()).then((c) => eval(c))` marks the
   * parameters of a `.then` callback on a network chain as remote; `eval(x)` with a remote `x` is recorded.
   */
  private followDownload(n: ESTree.CallExpression | ESTree.NewExpression, name: string, line: number): void {
    if (
      /(?:^|\.)then$/.test(name) &&
      n.callee.type === "MemberExpression" &&
      this.fromNetwork(n.callee.object)
    ) {
      for (const arg of n.arguments)
        if (arg.type === "ArrowFunctionExpression" || arg.type === "FunctionExpression") {
          // The callback's end offset, where the parse kept it; else the same reach as a declaration.
          const { start = 0, end } = arg as Node & { end?: number };
          const to = end ?? start + REMOTE_REACH;
          for (const p of arg.params) if (p.type === "Identifier") this.markRemote(p.name, start, to);
        }
    } else if (EVAL_CALLS.test(name) && n.arguments.some((a) => this.holdsDownload(a as ESTree.Node))) {
      this.facts.remoteCode.push({ value: name, line });
    }
  }

  /** Calls of interest, module loads, serialised env, and header/form setters with recipient keys. */
  private call(n: ESTree.CallExpression | ESTree.NewExpression): void {
    const { facts } = this;
    const name = calleeName(n.callee);
    const line = this.lineOf(n);
    this.followDownload(n, name, line);
    if (n.type === "CallExpression" && BUILDERS.test(name)) this.build(n);
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
    const sink = EXEC_CALLS.test(name) ? "exec" : DELETE_CALLS.test(name) ? "delete" : null;
    if (sink && first && first.type !== "SpreadElement" && this.pendingSinks.length < BUILT_CANDIDATES) {
      const recursive =
        /rimraf|remove|emptyDir/i.test(name) ||
        n.arguments.some(
          (a) =>
            a.type === "ObjectExpression" &&
            a.properties.some(
              (p) =>
                p.type === "Property" &&
                keyName(p.key, p.computed) === "recursive" &&
                p.value.type === "Literal" &&
                p.value.value === true,
            ),
        );
      this.pendingSinks.push({ kind: sink, node: first as ESTree.Node, line, recursive });
    }
    if (name && CALLS_OF_INTEREST.test(name))
      facts.calls.push({ value: name, line, at: (n as { start?: number }).start });
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

  /**
   * What is known of a command's or path's text: constant parts folded, the user's home as `~`,
   * path joins as `/`, anything else `…`.
   */
  private partial(n: ESTree.Node, depth: number): string {
    if (depth > 8) return "…";
    if (n.type === "BinaryExpression" && n.operator === "+")
      return this.partial(n.left as ESTree.Node, depth + 1) + this.partial(n.right, depth + 1);
    if (n.type === "TemplateLiteral") {
      let out = "";
      n.quasis.forEach((q, i) => {
        out += q.value.cooked ?? "";
        const e = n.expressions[i];
        if (e) out += this.partial(e as ESTree.Node, depth + 1);
      });
      return out;
    }
    const name =
      n.type === "CallExpression" ? calleeName(n.callee) : n.type === "MemberExpression" ? calleeName(n) : "";
    if (/(?:^|\.)homedir$/.test(name) || /^process\.env\.(?:HOME|USERPROFILE)$/.test(name)) return "~";
    if (
      n.type === "CallExpression" &&
      /(?:^|\.)(?:join|resolve)$/.test(name) &&
      /path|posix|win32/.test(name)
    )
      return n.arguments
        .map((a) => this.partial(a as ESTree.Node, depth + 1))
        .join("/")
        .replace(/\/+/g, "/");
    if (n.type === "Identifier") {
      const def = this.resolve(n.name);
      if (def && !("resolved" in def)) return this.partial(def, depth + 1);
    }
    const { text } = this.evaluate(n);
    return text ?? "…";
  }

  /** `process.env.NAME` read in these nodes, or in the constants they name (one step). */
  private envNames(nodes: ESTree.Node[]): string[] {
    const out = new Set<string>();
    const seen = new Set<string>();
    const scan = (root: ESTree.Node, depth: number) => {
      let steps = 0;
      walk(root, (n) => {
        if (++steps > 2000) return "skip";
        if (n.type === "MemberExpression" && isProcessEnv(n.object as ESTree.Node)) {
          const key = keyName(n.property as ESTree.Node, n.computed);
          if (key) out.add(key);
        } else if (n.type === "Identifier" && depth < 2 && !seen.has(n.name)) {
          seen.add(n.name);
          const def = this.consts.get(n.name);
          if (def) scan(def, depth + 1);
        }
        return undefined;
      });
    };
    for (const n of nodes) scan(n, 0);
    return [...out];
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
      const text = this.partial(p.node, 0);
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
        url: this.partial(r.args[0]!, 0),
        line: r.line,
        env: this.envNames(r.args),
      });
    }
    const literal = new Set(this.facts.strings.map((s) => `${s.line}\0${s.value}`));
    for (const n of this.building) {
      const { text, built, decoded } = this.evaluate(n);
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
): { facts: CodeFacts; exports: () => StaticValue } {
  const lineAt = lineIndex(text);
  let parsed: { ast: ESTree.Program; comments: Located[] };
  try {
    parsed = parseAny(text, path, lineAt);
  } catch (e) {
    const facts = textFacts(text);
    return { facts: { ...facts, parsed: false, parseError: (e as Error).message }, exports: () => DYNAMIC };
  }
  const collector = new FactsCollector(parsed.comments, (n) => lineAt(n.start), modules);
  walk(parsed.ast, collector.visit);
  const facts = collector.result();
  facts.endless = endlessLoops(parsed.ast, (n) => lineAt(n.start));
  return { facts, exports: () => collector.exports() };
}

/** A loop test that never turns false: none, a truthy literal, `!0`, or `x < Infinity`. */
function neverEnds(test: ESTree.Node | null | undefined): boolean {
  if (!test) return true;
  if (test.type === "Literal") return !!test.value;
  if (test.type === "UnaryExpression" && test.operator === "!")
    return test.argument.type === "Literal" && !test.argument.value;
  return (
    test.type === "BinaryExpression" &&
    (test.operator === "<" || test.operator === "<=") &&
    test.right.type === "Identifier" &&
    test.right.name === "Infinity"
  );
}

/** Top-level loops (run when the module is loaded) that never end: no break, return or throw inside. */
function endlessLoops(ast: ESTree.Program, lineOf: (n: { start?: number }) => number): Located[] {
  const out: Located[] = [];
  for (const st of ast.body) {
    if (st.type !== "WhileStatement" && st.type !== "ForStatement" && st.type !== "DoWhileStatement")
      continue;
    if (!neverEnds(st.test as ESTree.Node | null)) continue;
    let exits = false;
    walk(st.body, (n) => {
      if (n.type === "BreakStatement" || n.type === "ReturnStatement" || n.type === "ThrowStatement")
        exits = true;
      // Functions inside the loop body do not end it.
      return n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression" ? "skip" : undefined;
    });
    if (!exits) out.push({ value: st.type, line: lineOf(st as Node) });
  }
  // setInterval(() => console.log(…), 0) at the top level: the process floods its output forever
  // (stdio MCP servers speak JSON-RPC on stdout, so this also breaks the server).
  for (const st of ast.body) {
    const call = st.type === "ExpressionStatement" ? st.expression : null;
    if (call?.type !== "CallExpression" || calleeName(call.callee) !== "setInterval") continue;
    const delay = call.arguments[1];
    const fast = !delay || (delay.type === "Literal" && typeof delay.value === "number" && delay.value < 100);
    let prints = false;
    if (call.arguments[0]) {
      walk(call.arguments[0], (n) => {
        if (
          n.type === "CallExpression" &&
          /^(?:console\.\w+|process\.(?:stdout|stderr)\.write)$/.test(calleeName(n.callee))
        )
          prints = true;
        return undefined;
      });
    }
    if (fast && prints) out.push({ value: "setInterval", line: lineOf(st as Node) });
  }
  return out;
}

/** A literal written in place (not built from other values). */
function isWritten(n: ESTree.Node): boolean {
  return n.type === "Literal" || (n.type === "TemplateLiteral" && n.expressions.length === 0);
}

/** Calls that send a request: the first argument is the URL (or options naming it). */
const NETWORK_CALLS =
  /^(?:fetch|globalThis\.fetch|window\.fetch|axios|axios\.(?:get|post|put|patch|request)|got|got\.(?:get|post|put)|ky|ky\.(?:get|post|put)|https?\.(?:request|get)|request|needle|superagent\.(?:get|post|put)|navigator\.sendBeacon|WebSocket)$/;

/** Calls that run text as code. */
const EVAL_CALLS =
  /^(?:eval|Function|(?:globalThis|window|global|self)\.eval|vm\.(?:runInContext|compileFunction|Script))$|(?:^|\.)(?:runInThisContext|runInNewContext)$/;
/** How far after its declaration a name bound to downloaded text is followed (characters of source). */
const REMOTE_REACH = 4000;

/** Calls that run a command line, and calls that delete files or trees. */
const EXEC_CALLS = /(?:^|\.)(?:exec|execSync|spawn|spawnSync|execa|execaCommand|execaSync|execCommand)$/;
const DELETE_CALLS =
  /(?:^|\.)(?:rm|rmSync|rmdir|rmdirSync|unlink|unlinkSync|remove|removeSync|rimraf|emptyDir|emptyDirSync)$/;

/** Calls that build or decode text: their constant results are text the code writes. */
const BUILDERS =
  /(?:^|\.)(?:join|concat|replace|replaceAll|reverse|fromCharCode|fromCodePoint|atob|toString|decodeURIComponent|decodeURI|unescape|assign)$/;

const STRING_RE = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
const MODULE_RE =
  /\b(?:require|import)\s*\(\s*(["'`])([^"'`\n]+)\1|\b(?:import|export)\b[^;\n]*?\bfrom\s*(["'])([^"'\n]+)\3/g;
const KEYED_RE = /["']?([A-Za-z_-]+)["']?\s*[:=]\s*(?:(["'`])([^"'`\n]*)\2|([^,;}\n]+))/g;
const CALL_RE = /\b((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)\s*\(/g;

/** A coarse, line-based reading for files the parser rejects (and for TypeScript sources). */
export function textFacts(text: string): CodeFacts {
  const facts = emptyFacts(false);
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const src = lines[i]!;
    const line = i + 1;
    const trimmed = src.trimStart();
    if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) {
      facts.comments.push({ value: trimmed, line });
      continue;
    }
    for (const m of src.matchAll(STRING_RE)) facts.strings.push({ value: m[2]!, line });
    for (const m of src.matchAll(MODULE_RE)) facts.modules.push({ value: (m[2] ?? m[4])!, line });
    for (const m of src.matchAll(CALL_RE)) facts.calls.push({ value: m[1]!, line });
    for (const m of src.matchAll(KEYED_RE)) {
      if (KEYED_NAMES.has(m[1]!.toLowerCase())) {
        facts.keyed.push({ key: m[1]!, value: m[3] ?? null, line });
      }
    }
    if (/\b(?:JSON\.stringify|String|inspect|btoa|URLSearchParams)\s*\(\s*process\.env\s*\)/.test(src)) {
      facts.envDumps.push({ value: "process.env serialised", line });
    }
  }
  return facts;
}

/** Data files code may read: JSON, and key = value / key: value formats (ini, cfg, conf, env, yaml, toml). */
const DATA_FILE = /\.(?:json|cfg|conf|ini|env|ya?ml|toml|properties)$|(?:^|\/)\.env(?:\.[\w.-]+)?$/i;

export function isDataPath(path: string): boolean {
  return DATA_FILE.test(path);
}

/**
 * Facts of a data file the code loads: its recipient- and URL-like keys with their values, and its
 * strings, so a Bcc moved from code into `defaults.json` or `mail.cfg` is seen like one in code.
 */
export function dataFacts(text: string, path: string): CodeFacts {
  const facts = emptyFacts(false);
  const lineOf = lineIndex(text);
  const add = (key: string, value: string, at: number) => {
    if (typeof value !== "string") return;
    if (KEYED_NAMES.has(key.toLowerCase())) facts.keyed.push({ key, value, line: lineOf(at) });
    if (mayMatter(value)) facts.strings.push({ value, line: lineOf(at) });
  };
  if (/\.json$/i.test(path)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return facts;
    }
    // Walk the document; a key's line is where `"key"` next appears in the text.
    let cursor = 0;
    const walk = (v: unknown, depth: number) => {
      if (depth > 32 || !v || typeof v !== "object") return;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const at = text.indexOf(JSON.stringify(k), cursor);
        if (at >= 0) cursor = at;
        if (typeof x === "string") add(k, x, at < 0 ? 0 : at);
        else if (Array.isArray(x))
          for (const y of x) typeof y === "string" ? add(k, y, cursor) : walk(y, depth + 1);
        else walk(x, depth + 1);
      }
    };
    walk(doc, 0);
    return facts;
  }
  for (const m of text.matchAll(/^[ \t]*([A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*["']?([^"'\r\n#;]*)/gm)) {
    const key = m[1]!.split(".").pop()!;
    add(key, m[2]!.trim(), m.index ?? 0);
  }
  return facts;
}
