/** `mcp-guard tools`: the MCP surface of one version, as JSON (schemaVersion 1) or Markdown. Pure. */
import type { McpSurface } from "../review/mcp/extract.js";
import { showInvisible } from "../review/unicode.js";
import { mdCode, mdText, truncate } from "./escape.js";

export function toolsJson(pkg: { name: string; version: string }, s: McpSurface) {
  return {
    schemaVersion: 1 as const,
    package: pkg,
    tools: s.tools.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema,
      annotations: t.annotations,
    })),
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

export function renderToolsJson(pkg: { name: string; version: string }, s: McpSurface): string {
  return `${JSON.stringify(toolsJson(pkg, s), null, 2)}\n`;
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

export function renderToolsMarkdown(pkg: { name: string; version: string }, s: McpSurface): string {
  const out = [`## MCP surface of ${mdText(pkg.name)} ${mdText(pkg.version)}`, ""];
  out.push(`${s.tools.length} tools, ${s.prompts.length} prompts, ${s.resources.length} resources.`, "");
  if (s.dynamic.length) {
    out.push(`_${s.dynamic.length} registrations have names computed at run time and are not listed._`, "");
  }
  if (s.tools.length) {
    out.push("| tool | parameters | hints | description |", "|---|---|---|---|");
    for (const t of s.tools) {
      out.push(
        `| ${mdCode(t.name)} | ${mdCode(truncate(params(t.inputSchema), 200))} | ${hints(t.annotations)} | ${mdText(truncate(showInvisible(t.description ?? ""), 400))} |`,
      );
    }
    out.push("");
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
