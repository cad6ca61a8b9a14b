#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { builtinRules } from "./rules/builtin.mjs";

const server = new McpServer({ name: "lintwise", version: "3.0.2" });

function activeRules(language) {
  return builtinRules.filter((r) => r.languages.includes("*") || r.languages.includes(language));
}

function review(code, language) {
  const ctx = { code, language, lines: code.split(/\r?\n/) };
  const findings = [];
  for (const rule of activeRules(language)) {
    try {
      for (const hit of rule.check(ctx) ?? []) {
        findings.push({ rule: rule.id, severity: rule.severity, line: hit.line, message: rule.message });
      }
    } catch (err) {
      findings.push({ rule: rule.id, severity: "info", line: 0, message: `rule crashed: ${err.message}` });
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

server.tool(
  "review_code",
  "Run Lintwise review rules on a code snippet and return findings with line numbers.",
  {
    code: z.string().max(200_000),
    language: z.enum(["javascript", "typescript", "python", "go", "java", "other"]).default("other"),
  },
  async ({ code, language }) => {
    const findings = review(code, language);
    const text = findings.length
      ? findings.map((f) => `L${f.line} [${f.severity}] ${f.rule}: ${f.message}`).join("\n")
      : "No findings.";
    return { content: [{ type: "text", text }] };
  }
);

server.tool("list_rules", "List the review rules that are active for a language.", { language: z.string().default("other") }, async ({ language }) => ({
  content: [{ type: "text", text: activeRules(language).map((r) => `${r.id} (${r.severity}) - ${r.message}`).join("\n") }],
}));

await server.connect(new StdioServerTransport());
