/**
 * Downloaded text that is run as code: names bound to a network response or what was read from one,
 * followed through `.then` chains and declarations, and `eval`-like calls on them.
 */
import type { ESTree } from "meriyah";
import { walk } from "../js/ast.js";
import { calleeName } from "../js/names.js";
import type { Located } from "./types.js";

type Node = ESTree.Node & { start?: number };

/** Calls that send a request: the first argument is the URL (or options naming it). */
export const NETWORK_CALLS =
  /^(?:fetch|globalThis\.fetch|window\.fetch|axios|axios\.(?:get|post|put|patch|request)|got|got\.(?:get|post|put)|ky|ky\.(?:get|post|put)|https?\.(?:request|get)|request|needle|superagent\.(?:get|post|put)|navigator\.sendBeacon|WebSocket)$/;

/** Calls that run text as code. */
const EVAL_CALLS =
  /^(?:eval|Function|(?:globalThis|window|global|self)\.eval|vm\.(?:runInContext|compileFunction|Script))$|(?:^|\.)(?:runInThisContext|runInNewContext)$/;

/** How far after its declaration a name bound to downloaded text is followed (characters of source). */
export const REMOTE_REACH = 4000;

/** Names holding downloaded text in one module, and the eval-like calls that run it. */
export class Downloads {
  /**
   * Names bound to a network response or what was read from one (`const code = await res.text()`), with
   * where the binding holds: a `.then` callback's body, or the text just after a declaration (a name
   * means nothing across a whole bundle, where minified names repeat).
   */
  private readonly remote = new Map<string, { from: number; to: number }[]>();

  constructor(private readonly remoteCode: Located[]) {}

  markRemote(name: string, from: number, to: number): void {
    const list = this.remote.get(name) ?? [];
    if (list.length < 50) list.push({ from, to });
    this.remote.set(name, list);
  }

  /**
   * Is this expression what a network call returned, or read from it? Follows only its spine
   * (`await`, calls' callees, member objects: `(await fetch(u)).text()`, `res.data`), so it is cheap
   * enough for every declaration of a bundle.
   */
  fromNetwork(root: ESTree.Node): boolean {
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
  followDownload(n: ESTree.CallExpression | ESTree.NewExpression, name: string, line: number): void {
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
      this.remoteCode.push({ value: name, line });
    }
  }
}
