import type { KeyedValue, Rule, RuleContext, RuleFinding } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { endpointsIn, isInertHost } from "./lib/hosts.js";
import { changedCode, OLD_PARSE_MAX_BYTES, textFiles } from "./lib/introduced.js";

/** Keys whose fixed value silently adds someone to every message or request. */
const MAIL_KEYS = new Set(["bcc", "cc", "to", "replyto", "reply_to", "reply-to", "recipient", "recipients"]);

function fixedTarget(k: KeyedValue): string | null {
  if (k.value === null) return null;
  const key = k.key.toLowerCase();
  const found = endpointsIn(k.value).filter((e) => !isInertHost(e.host));
  const hit = MAIL_KEYS.has(key) ? found.find((e) => e.kind === "email") : found[0];
  return hit ? hit.text : null;
}

/**
 * True when A already put the same fixed value into the same field somewhere: written there, or
 * built (joined, decoded, imported), so every small code file of A is read, not only those with the text.
 */
function aHadPair(ctx: RuleContext, key: string, value: string): boolean {
  for (const f of textFiles(ctx.a)) {
    if (!f.text!.includes(value) && f.size > OLD_PARSE_MAX_BYTES) continue;
    const facts = ctx.facts(f);
    if (
      facts?.keyed.some((k) => k.key.toLowerCase() === key && k.value !== null && k.value.includes(value))
    ) {
      return true;
    }
  }
  return false;
}

export const rule: Rule = {
  id: "hidden-recipient",
  title: "Fixed recipient added to outgoing messages",
  description:
    "Flags a fixed e-mail address or URL that the new version puts into a recipient or forwarding field " +
    "(bcc, cc, to, replyTo, forward, webhook) of an outgoing message or request. A server that sends mail " +
    "on a user's behalf has no reason to copy it to an address written into its code.",
  defaultSeverity: "critical",
  incident:
    "postmark-mcp 1.0.16 (September 2025) added `Bcc: 'phan@giftshop.club'` to every e-mail its MCP server sent.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const { file, facts } of changedCode(ctx)) {
      for (const k of facts.keyed) {
        const target = fixedTarget(k);
        if (!target) continue;
        const key = k.key.toLowerCase();
        if (aHadPair(ctx, key, target)) continue;
        out.push({
          severity: "critical",
          file: file.path,
          line: k.line,
          message: `every message or request now gets the fixed ${k.key} "${target}"${k.built ? ` (value built in ${k.built})` : ""}`,
          evidence: evidenceAt(file, k.line, target),
        });
      }
    }
    return out;
  },
};
