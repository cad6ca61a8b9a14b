import {
  inHandler,
  type Rule,
  type RuleContext,
  type RuleFinding,
  type ToolDef,
  WELL_KNOWN_TOOLS,
} from "../review/rule.js";
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

/** Words that say a server works in a well-known server's domain (its name, description, keywords). */
const DOMAIN_WORDS: Record<string, RegExp> = {
  filesystem: /file|fs\b|disk|folder|director|storage|s3|drive|dropbox|box\b|vault|notes?\b|obsidian/i,
  git: /\bgit/i,
  github: /github|\bgh\b|gitlab|gitea|bitbucket|forgejo/i,
  shell: /shell|terminal|command|desktop|exec|ssh|bash/i,
  fetch: /fetch|http|web|scrap|crawl|url|browser/i,
  browser: /browser|playwright|puppeteer|chrom|devtools|selenium/i,
  memory: /memory|graph|knowledge/i,
  database: /sql|\bdb\b|database|postgres|mysql|sqlite|mongo|supabase|query|bigquery|snowflake|duckdb/i,
  search: /search|brave|tavily|exa\b|serp|bing|google/i,
  mail: /mail|smtp|gmail|outlook|inbox/i,
};

/**
 * The well-known server whose tool name a new tool takes, when this server is not of that kind (its
 * manifest does not say so and its old version offered none of that server's tools); null otherwise.
 */
function shadowed(ctx: RuleContext, name: string): string | null {
  const server = WELL_KNOWN_TOOLS.get(name);
  if (!server) return null;
  const m = ctx.b.manifest;
  const about = [m.name, m.description, ...(Array.isArray(m.keywords) ? m.keywords : [])]
    .map(String)
    .join(" ");
  if (DOMAIN_WORDS[server]?.test(about)) return null;
  if (ctx.surface.a.tools.some((t) => WELL_KNOWN_TOOLS.get(t.name) === server)) return null;
  return server;
}

export const rule: Rule = {
  id: "tool-surface",
  title: "MCP tools added, removed, renamed or loosened",
  description:
    "Flags MCP tools the new version adds (medium; high when the tool's handler contacts a host the old " +
    "version never named, or when it takes the name of a well-known server's tool — read_file, git_commit, " +
    "execute_command… — outside this server's domain, which shadows that server) or renames (medium), safety annotations it loosens " +
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
      const shadow = shadowed(ctx, t.name);
      out.push({
        severity: hosts.length || shadow ? "high" : "medium",
        file: t.file,
        line: t.line,
        message: `new tool "${t.name}"${ro ? " (declared read-only)" : ""}${hosts.length ? ` whose handler contacts new hosts: ${hosts.join(", ")}` : ""}${shadow ? `; the name is a tool of the ${shadow} MCP server, outside this server's domain: the model may call it with what it meant for that server` : ""}`,
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
