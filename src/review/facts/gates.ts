/**
 * Environment gates: conditions that read where or when the code runs (time zone, locale, clock,
 * host, user, CI). Code that acts only on some machines hides from sandboxes and reviewers; formatting
 * by locale reads the same values but branches on nothing that matters, so a gate is recorded only
 * where the read sits in a condition (an `if`, `?:`, `&&`/`||`, `switch`, a comparison).
 */
import type { ESTree } from "meriyah";
import { walk } from "../js/ast.js";
import { calleeName, isProcessEnv, keyName } from "../js/names.js";

export type GateKind = "timezone" | "locale" | "date" | "host" | "ci" | "locale-env";

export interface Gate {
  kind: GateKind;
  line: number;
  /** Offset of the condition in the file (co-location inside a one-line bundle). */
  at?: number;
  /** What is read: `getTimezoneOffset()`, `process.env.CI`. */
  what: string;
}

const ENV_GATES: Record<string, GateKind> = {
  TZ: "timezone",
  LANG: "locale-env",
  LANGUAGE: "locale-env",
  LC_ALL: "locale-env",
  LC_CTYPE: "locale-env",
  LC_TIME: "locale-env",
  LC_MESSAGES: "locale-env",
  USER: "host",
  USERNAME: "host",
  LOGNAME: "host",
  HOSTNAME: "host",
  COMPUTERNAME: "host",
  USERDOMAIN: "host",
  CI: "ci",
  GITHUB_ACTIONS: "ci",
  GITLAB_CI: "ci",
  BUILDKITE: "ci",
  CIRCLECI: "ci",
  TRAVIS: "ci",
  JENKINS_URL: "ci",
  TF_BUILD: "ci",
  CODEBUILD_BUILD_ID: "ci",
};

/** How a node reads the environment, if it does: only the machine's own values, never `url.hostname`. */
function readOf(n: ESTree.Node): { kind: GateKind; what: string } | null {
  if (n.type === "MemberExpression") {
    const prop = keyName(n.property as ESTree.Node, n.computed);
    // Intl.DateTimeFormat().resolvedOptions().timeZone / .locale
    if ((prop === "timeZone" || prop === "locale") && n.object.type === "CallExpression") {
      const inner = calleeName(n.object.callee);
      if (/(?:^|\.)resolvedOptions$/.test(inner))
        return { kind: prop === "timeZone" ? "timezone" : "locale", what: `resolvedOptions().${prop}` };
    }
    const name = calleeName(n);
    if (/^(?:globalThis\.|window\.)?navigator\.languages?$/.test(name)) return { kind: "locale", what: name };
    return null;
  }
  if (n.type === "CallExpression") {
    const name = calleeName(n.callee);
    if (/(?:^|\.)getTimezoneOffset$/.test(name)) return { kind: "timezone", what: "getTimezoneOffset()" };
    if (
      /(?:^|[._])os\.(?:hostname|userInfo|networkInterfaces)$|^(?:hostname|userInfo|networkInterfaces)$/.test(
        name,
      )
    )
      return { kind: "host", what: `${name}()` };
    if (
      /^Date\.now$|(?:^|\.)(?:getFullYear|getUTCFullYear|getMonth|getUTCMonth|getDate|getUTCDate|getTime)$/.test(
        name,
      )
    )
      return { kind: "date", what: `${name}()` };
  }
  return null;
}

/** The environment reads in a condition, following names bound once in the module one step. */
export function gateReads(
  test: ESTree.Node,
  constant: (name: string) => ESTree.Node | null | undefined,
  line: (n: { start?: number }) => number,
): Gate[] {
  const out: Gate[] = [];
  const seen = new Set<string>();
  const where = (n: ESTree.Node) => {
    const start = (n as { start?: number }).start;
    return { line: line({ start }), ...(start === undefined ? {} : { at: start }) };
  };
  const scan = (root: ESTree.Node, depth: number) => {
    let steps = 0;
    walk(root, (n) => {
      if (++steps > 400 || out.length > 4) return "skip";
      if (n.type === "MemberExpression") {
        if (isProcessEnv(n.object as ESTree.Node)) {
          const key = keyName(n.property as ESTree.Node, n.computed);
          const kind = key ? ENV_GATES[key] : undefined;
          if (kind) out.push({ kind, ...where(test), what: `process.env.${key}` });
          return "skip";
        }
        const r = readOf(n);
        if (r) {
          out.push({ ...r, ...where(test) });
          return "skip";
        }
      } else if (n.type === "CallExpression" && readOf(n)) {
        out.push({ ...readOf(n)!, ...where(test) });
      } else if (n.type === "NewExpression" && calleeName(n.callee) === "Date" && n.arguments.length === 0) {
        out.push({ kind: "date", ...where(test), what: "new Date()" });
      } else if (n.type === "Identifier" && depth < 2 && !seen.has(n.name)) {
        seen.add(n.name);
        const def = constant(n.name);
        if (def) scan(def, depth + 1);
      } else if (n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression") return "skip";
      return undefined;
    });
  };
  scan(test, 0);
  return out;
}

/** The condition of a node that branches, or null. */
export function conditionOf(n: ESTree.Node): ESTree.Node | null {
  switch (n.type) {
    case "IfStatement":
    case "ConditionalExpression":
    case "WhileStatement":
      return n.test as ESTree.Node;
    case "SwitchStatement":
      return n.discriminant as ESTree.Node;
    case "LogicalExpression":
      return n.operator === "??" ? null : (n.left as ESTree.Node);
    default:
      return null;
  }
}
