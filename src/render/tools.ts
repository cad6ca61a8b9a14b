/** `mcp-guard tools`: the MCP surface of one version, as JSON (schemaVersion 1) or Markdown. Pure. */

import { showInvisible } from "../common/unicode.js";
import type { McpSurface } from "../review/mcp/surface.js";
import { mdCode, mdText, truncate } from "./escape.js";

type Pkg = { name: string; version: string };

/** `wraps`: the dependency whose tools these are, for a thin wrapper. */
export function toolsJson(pkg: Pkg, s: McpSurface, gaps: string[] = [], wraps?: Pkg) {
  return {
    schemaVersion: 1 as const,
    package: pkg,
    ...(wraps ? { wraps } : {}),
    complete: gaps.length === 0,
    ...(gaps.length ? { incomplete: gaps, dynamic: s.dynamic.length } : {}),
    tools: s.tools
      .filter((t) => t.state !== "unregistered")
      .map((t) => ({
        name: t.name,
        // registered | conditional (only under a setting or capability) | disabled (registered, then switched off)
        state: t.state ?? "registered",
        title: t.title,
        description: t.description,
        inputSchema: t.inputSchema,
        annotations: t.annotations,
      })),
    // Tool definitions nothing registers (a module the entry points never load, a function nobody calls).
    unregistered: s.tools
      .filter((t) => t.state === "unregistered")
      .map((t) => ({ name: t.name, file: t.file, line: t.line })),
    // Names a CallTool handler answers that no tool lists: callable by a client that knows the name.
    hidden: s.hidden,
    prompts: s.prompts.map((p) => ({
      name: p.name,
      title: p.title,
      description: p.description,
      arguments: p.arguments,
    })),
    resources: s.resources.map((r) => ({
      name: r.name,
      uri: r.uri,
      title: r.title,
      description: r.description,
      mimeType: r.mimeType,
    })),
  };
}

export function renderToolsJson(pkg: Pkg, s: McpSurface, gaps: string[] = [], wraps?: Pkg): string {
  return `${JSON.stringify(toolsJson(pkg, s, gaps, wraps), null, 2)}\n`;
}

function params(schema: unknown): string {
  const props = (schema as { properties?: Record<string, { type?: string }> } | null)?.properties;
  if (!props) return "";
  const required = new Set((schema as { required?: string[] }).required ?? []);
  return Object.entries(props)
    .map(([k, v]) => `${k}${required.has(k) ? "" : "?"}: ${v?.type ?? "any"}`)
    .join(", ");
}

function hints(a: Record<string, unknown> | null): string {
  if (!a) return "";
  return Object.entries(a)
    .filter(([k]) => k.endsWith("Hint"))
    .map(([k, v]) => `${k.replace(/Hint$/, "")}=${String(v)}`)
    .join(" ");
}

export function renderToolsMarkdown(pkg: Pkg, s: McpSurface, gaps: string[] = [], wraps?: Pkg): string {
  const out = [`## MCP surface of ${mdText(pkg.name)} ${mdText(pkg.version)}`, ""];
  if (wraps)
    out.push(`Tools read from the wrapped dependency ${mdText(wraps.name)} ${mdText(wraps.version)}.`, "");
  const tools = s.tools.filter((t) => t.state !== "unregistered");
  const unregistered = s.tools.filter((t) => t.state === "unregistered");
  out.push(`${tools.length} tools, ${s.prompts.length} prompts, ${s.resources.length} resources.`, "");
  for (const g of gaps) out.push(`**Incomplete:** ${mdText(g)}.`, "");
  if (tools.length) {
    out.push("| tool | state | parameters | hints | description |", "|---|---|---|---|---|");
    for (const t of tools) {
      out.push(
        `| ${mdCode(t.name)} | ${t.state ?? "registered"} | ${mdCode(truncate(params(t.inputSchema), 200))} | ${hints(t.annotations)} | ${mdText(truncate(showInvisible(t.description ?? ""), 400))} |`,
      );
    }
    out.push("");
  }
  if (s.hidden.length) {
    out.push(
      `**Callable but not listed:** ${s.hidden.map((h) => `${mdCode(h.name)} (${mdText(h.file)}:${h.line})`).join(", ")}.`,
      "",
    );
  }
  if (unregistered.length) {
    out.push(
      `**Defined but never registered:** ${unregistered.map((t) => `${mdCode(t.name)} (${mdText(t.file)}:${t.line})`).join(", ")}.`,
      "",
    );
  }
  if (s.prompts.length) {
    out.push("| prompt | description |", "|---|---|");
    for (const p of s.prompts)
      out.push(`| ${mdCode(p.name)} | ${mdText(truncate(p.description ?? "", 300))} |`);
    out.push("");
  }
  if (s.resources.length) {
    out.push("| resource | URI | description |", "|---|---|---|");
    for (const r of s.resources)
      out.push(
        `| ${mdCode(r.name)} | ${mdCode(r.uri ?? "")} | ${mdText(truncate(r.description ?? "", 300))} |`,
      );
    out.push("");
  }
  return `${out.join("\n")}\n`;
}
