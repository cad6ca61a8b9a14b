/** Rule settings from a config object (the `rules:` key of .github/mcp-guard.yml). Pure. */
import type { RuleSetting } from "./engine.js";
import type { Rule } from "./rule.js";
import { SEVERITIES, type Severity } from "./types.js";

export interface ParsedRuleConfig {
  rules: Record<string, RuleSetting>;
  registry?: string;
  problems: string[];
}

export function parseRuleConfig(doc: unknown, registry: readonly Rule[], file = "config"): ParsedRuleConfig {
  const out: ParsedRuleConfig = { rules: {}, problems: [] };
  if (doc === null || doc === undefined) return out;
  if (typeof doc !== "object" || Array.isArray(doc)) {
    out.problems.push(`${file}: must be a mapping of keys`);
    return out;
  }
  const root = doc as Record<string, unknown>;
  if (root.registry !== undefined) {
    if (typeof root.registry === "string" && /^https?:\/\//.test(root.registry)) out.registry = root.registry;
    else out.problems.push(`${file}: registry: must be an http(s) URL`);
  }
  const rules = root.rules;
  if (rules === undefined || rules === null) return out;
  if (typeof rules !== "object" || Array.isArray(rules)) {
    out.problems.push(`${file}: rules: must be a mapping of rule id to settings`);
    return out;
  }
  const ids = new Set(registry.map((r) => r.id));
  for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
    const key = `${file}: rules.${id}`;
    if (!ids.has(id)) {
      out.problems.push(`${key}: unknown rule (known: ${[...ids].join(", ")})`);
      continue;
    }
    if (value === "off" || value === false) {
      out.rules[id] = { off: true };
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      out.problems.push(`${key}: must be "off" or a mapping with severity and options`);
      continue;
    }
    const { severity, ...options } = value as Record<string, unknown>;
    if (severity !== undefined && !SEVERITIES.includes(severity as Severity)) {
      out.problems.push(`${key}.severity: must be one of ${SEVERITIES.join(", ")}`);
      continue;
    }
    if (
      options.allow_domains !== undefined &&
      !(Array.isArray(options.allow_domains) && options.allow_domains.every((d) => typeof d === "string"))
    ) {
      out.problems.push(`${key}.allow_domains: must be a list of domain names`);
      continue;
    }
    out.rules[id] = { ...(severity ? { severity: severity as Severity } : {}), options };
  }
  return out;
}
