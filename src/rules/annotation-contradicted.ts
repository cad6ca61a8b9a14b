import { inHandler, type Rule, type RuleFinding, type Severity } from "../review/rule.js";
import { addedLines, evidenceAt } from "./lib/evidence.js";

/** What a handler does that a read-only or non-destructive tool must not, by call name. */
const ACTS: { re: RegExp; what: string; severity: Severity }[] = [
  {
    re: /(?:^|\.)(?:rm|rmSync|rmdir|rmdirSync|unlink|unlinkSync|remove|removeSync|rimraf|emptyDir|emptyDirSync)$/,
    what: "deletes files",
    severity: "high",
  },
  {
    // `x.exec(…)` is as often a RegExp or a database client: only bare `exec` (destructured from
    // child_process) or a child_process-like object counts. The other names are child_process's own,
    // on any object (a bundle renames the module: `o.execSync(…)`).
    re: /^(?:(?:child_?process|childProcess|cp|proc)[\w$]*\.)?exec$|(?:^|\.)(?:execSync|execFile|execFileSync|spawn|spawnSync|fork)$/i,
    what: "runs programs",
    severity: "high",
  },
  {
    re: /(?:^|\.)(?:writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|chmod|chmodSync)$/,
    what: "writes files",
    severity: "medium",
  },
];

export const rule: Rule = {
  id: "annotation-contradicted",
  title: "A tool's safety hints contradict its handler",
  description:
    "Flags a tool that says `readOnlyHint: true` or `destructiveHint: false` while its handler, in the new " +
    "version, deletes files or runs programs (high) or writes files (medium). Agents skip the user's " +
    "confirmation for read-only tools: a hint that lies turns a prompt the user would have seen into a " +
    "silent action. Only calls written in the handler itself are seen.",
  defaultSeverity: "high",
  incident:
    "MCP clients auto-approve tools annotated read-only; a 2025 proof of concept marked a file-deleting tool readOnlyHint: true.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const tool of ctx.surface.b.tools) {
      const a = tool.annotations ?? {};
      const claims =
        a.readOnlyHint === true
          ? "readOnlyHint: true"
          : a.destructiveHint === false
            ? "destructiveHint: false"
            : null;
      if (!claims || !tool.handler) continue;
      const changed = ctx.changed.find((c) => c.file.path === tool.handler!.file);
      const facts = changed && ctx.facts(changed.file);
      if (!changed || !facts) continue;
      const added = addedLines(changed.change);
      const old = ctx.surface.a.tools.find((t) => t.name === tool.name);
      const claimIsNew = !old || JSON.stringify(old.annotations ?? {}) !== JSON.stringify(a);
      for (const act of ACTS) {
        const call = facts.calls.find(
          (c) => inHandler(tool.handler!, c) && act.re.test(c.value) && (claimIsNew || added.has(c.line)),
        );
        if (!call) continue;
        // "writes" is the mildest; only the strongest contradiction per tool is reported.
        if (act.severity === "medium" && out.some((f) => f.tool === tool.name)) continue;
        out.push({
          severity: act.severity,
          file: changed.file.path,
          line: call.line,
          message: `tool "${tool.name}" says ${claims}, but its handler ${act.what} (${call.value})`,
          evidence: evidenceAt(changed.file, call.line),
          tool: tool.name,
        });
        break;
      }
    }
    return out;
  },
};
