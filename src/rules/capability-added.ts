import type { CodeFacts, Rule, RuleFinding, Severity } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { aHas, changedCode, oldHad } from "./lib/introduced.js";
import { isDocPath, isTestPath } from "./lib/paths.js";

interface Capability {
  id: string;
  label: string;
  severity: Severity;
  /** First line in the file where the capability appears, or null. */
  find(f: CodeFacts): { line: number; what: string } | null;
  /** Cheap text test: does any file of A have this capability at all? */
  inText: RegExp;
}

const mod = (f: CodeFacts, re: RegExp) => {
  const m = f.modules.find((x) => re.test(x.value));
  return m ? { line: m.line, what: `loads ${m.value}` } : null;
};
const call = (f: CodeFacts, re: RegExp) => {
  const c = f.calls.find((x) => re.test(x.value));
  return c ? { line: c.line, what: `calls ${c.value}` } : null;
};

const FS_MODULE = /^(?:node:)?fs(?:\/promises)?$|^fs-extra$|^graceful-fs$/;
const FS_WRITE =
  /(?:^|\.)(?:writeFile|appendFile|createWriteStream|copyFile|cp|rm|unlink|rmdir|chmod|symlink)(?:Sync)?$/;

export const CAPABILITIES: Capability[] = [
  {
    id: "child_process",
    label: "runs other programs (child_process)",
    severity: "high",
    find: (f) => mod(f, /^(?:node:)?child_process$/),
    inText: /child_process/,
  },
  {
    id: "eval",
    label: "evaluates code from strings (eval/Function/vm)",
    severity: "high",
    find: (f) =>
      call(f, /^(?:eval|Function|(?:globalThis|window|global)\.eval)$/) ?? mod(f, /^(?:node:)?vm$/),
    inText: /\beval\s*\(|\bFunction\s*\(|["'](?:node:)?vm["']/,
  },
  {
    id: "dlopen",
    label: "loads native code (process.dlopen)",
    severity: "high",
    find: (f) => call(f, /(?:^|\.)dlopen$/),
    inText: /\bdlopen\b/,
  },
  {
    id: "dynamic-load",
    label: "loads modules by computed name",
    severity: "medium",
    find: (f) => (f.dynamicLoads[0] ? { line: f.dynamicLoads[0].line, what: f.dynamicLoads[0].value } : null),
    inText: /\b(?:require|import)\s*\(\s*[^"'`\s)]/,
  },
  {
    id: "network",
    label: "talks to the network (net/http/dns/fetch/WebSocket)",
    severity: "medium",
    find: (f) =>
      mod(f, /^(?:node:)?(?:net|http|https|http2|dns|dgram|tls)$|^(?:undici|ws|node-fetch|axios|got)$/) ??
      call(f, /^(?:fetch|WebSocket|XMLHttpRequest|(?:globalThis|window|navigator)\.(?:fetch|sendBeacon))$/),
    inText:
      /\bfetch\s*\(|\bWebSocket\b|["'](?:node:)?(?:https?|net|http2|dns|dgram|tls|undici|ws|node-fetch|axios|got)["']/,
  },
  {
    id: "fs-write",
    label: "writes files",
    severity: "medium",
    find: (f) => (mod(f, FS_MODULE) ? call(f, FS_WRITE) : null),
    inText: /\b(?:writeFile|appendFile|createWriteStream)(?:Sync)?\b/,
  },
];

export const rule: Rule = {
  id: "capability-added",
  title: "File gains a capability",
  description:
    "Flags a file of the new version that gains child_process, eval/Function/vm, process.dlopen, computed " +
    "require/import, network access or file writes that its old version lacked, and code that newly runs " +
    "text it downloads (eval/Function/vm of a network response: critical). Full severity when no file " +
    "of the old version had the capability; low when the package already used it elsewhere (code moved) " +
    "or when the file is a test file the package happens to ship.",
  defaultSeverity: "high",
  incident:
    "The nx build-tool compromise (August 2025) added child_process calls that ran AI CLIs to hunt for secrets.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const { file, old, facts } of changedCode(ctx)) {
      if (isDocPath(file.path)) continue;
      // Code it downloads, run: a dropper, whether or not the file could eval before.
      const remote = facts.remoteCode[0];
      if (remote && !oldHad(ctx, old, (f) => f.remoteCode.length > 0, /\.then\s*\([^)]*\beval\s*\(/)) {
        out.push({
          severity: isTestPath(file.path) ? "low" : "critical",
          file: file.path,
          line: remote.line,
          message: `runs code it downloads: ${remote.value}(…) of a network response`,
          evidence: evidenceAt(file, remote.line, remote.value),
        });
      }
      for (const cap of CAPABILITIES) {
        const hit = cap.find(facts);
        if (!hit) continue;
        if (oldHad(ctx, old, (f) => cap.find(f) !== null, cap.inText)) continue;
        const elsewhere = aHas(ctx, `cap:${cap.id}`, cap.inText, (f) => /\.[mc]?[jt]sx?$/.test(f.path));
        const test = isTestPath(file.path);
        out.push({
          severity: elsewhere || test ? "low" : cap.severity,
          file: file.path,
          line: hit.line,
          message: `${old ? "now" : "new file"} ${cap.label}: ${hit.what}${elsewhere ? " (the old version did this in another file)" : test ? " (a test file; not loaded by users)" : ""}`,
          evidence: evidenceAt(file, hit.line, hit.what.replace(/^(?:loads|calls) /, "")),
        });
      }
    }
    return out;
  },
};
