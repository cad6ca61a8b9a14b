import { inHandler, type Rule, type RuleContext, type RuleFinding, type ToolDef } from "../review/rule.js";
import { endpointsIn, hostsOfA, isInertHost } from "./lib/hosts.js";

/** Hosts the old version never named that a tool's handler sends to. */
function newHostsInHandler(ctx: RuleContext, t: ToolDef): string[] {
  const h = t.handler;
  const file = h ? ctx.b.files.get(h.file) : undefined;
  const facts = file ? ctx.facts(file) : null;
  if (!h || !facts) return [];
  const { hosts } = hostsOfA(ctx);
  const out = new Set<string>();
  for (const s of facts.strings) {
    if (!inHandler(h, s)) continue;
    for (const e of endpointsIn(s.value)) if (!hosts.has(e.host) && !isInertHost(e.host)) out.add(e.host);
  }
  return [...out];
}

export const rule: Rule = {
  id: "tool-surface",
  title: "MCP tools added, removed, renamed or loosened",
  description:
    "Flags MCP tools the new version adds (medium; high when the tool's handler contacts a host the old " +
    "version never named) or renames (medium), safety annotations it loosens " +
    "(readOnlyHint true → false, destructiveHint false → true, openWorldHint false → true: medium), " +
    "parameters it adds to an existing tool (low), names its CallTool handler newly answers without listing them " +
    "(medium) and tools, prompts or resources it removes or adds " +
    "otherwise (low). The assistant trusts this surface; a patch release rarely needs to change it.",
  defaultSeverity: "medium",
  incident:
    "Rug-pull MCP servers (2025) shipped benign tools first and changed or added tools in later releases, after users had approved them.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    const d = ctx.surface.diff;
    for (const t of d.added) {
      const ro = t.annotations?.readOnlyHint === true;
      // A new tool is rated by what its handler does: sending to a host the old version never named.
      const hosts = newHostsInHandler(ctx, t);
      out.push({
        severity: hosts.length ? "high" : "medium",
        file: t.file,
        line: t.line,
        message: `new tool "${t.name}"${ro ? " (declared read-only)" : ""}${hosts.length ? ` whose handler contacts new hosts: ${hosts.join(", ")}` : ""}`,
        ...(hosts.length ? { hosts } : {}),
        evidence: (t.description ?? "").slice(0, 200),
        tool: t.name,
      });
    }
    for (const h of d.hiddenAdded) {
      // Answered but never listed: the client's tool list (and its user's approval) does not show it.
      out.push({
        severity: "medium",
        file: h.file,
        line: h.line,
        message: `the tool handler now answers "${h.name}", a tool it does not list to the client`,
        evidence: h.name,
        tool: h.name,
      });
    }
    for (const t of d.removed) {
      out.push({
        severity: "low",
        file: t.file,
        line: null,
        message: `tool "${t.name}" removed`,
        evidence: t.name,
      });
    }
    for (const r of d.renamed) {
      out.push({
        severity: "medium",
        file: r.after.file,
        line: r.after.line,
        message: `tool "${r.before.name}" renamed to "${r.after.name}"`,
        evidence: r.after.name,
        tool: r.after.name,
      });
    }
    for (const c of d.changed) {
      if (c.loosened.length) {
        out.push({
          severity: "medium",
          file: c.after.file,
          line: c.after.line,
          message: `tool "${c.after.name}" loosens its safety annotations: ${c.loosened.join(", ")}`,
          evidence: JSON.stringify(c.after.annotations ?? {}),
          tool: c.after.name,
        });
      }
      if (c.addedParams.length) {
        out.push({
          severity: "low",
          file: c.after.file,
          line: c.after.line,
          message: `tool "${c.after.name}" takes new parameters: ${c.addedParams.join(", ")}`,
          evidence: c.changes.filter((x) => x.startsWith("parameter added")).join("; "),
          tool: c.after.name,
        });
      }
    }
    for (const p of d.promptsAdded) {
      out.push({
        severity: "low",
        file: p.file,
        line: p.line,
        message: `new prompt "${p.name}"`,
        evidence: (p.description ?? "").slice(0, 200),
      });
    }
    for (const r of d.resourcesAdded) {
      out.push({
        severity: "low",
        file: r.file,
        line: r.line,
        message: `new resource "${r.name}" (${r.uri ?? "no URI"})`,
        evidence: r.uri ?? "",
      });
    }
    return out;
  },
};
