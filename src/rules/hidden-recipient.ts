import type { KeyedValue, Rule, RuleContext, RuleFinding } from "../review/rule.js";
import { evidenceAt, lineText } from "./lib/evidence.js";
import { endpointsIn, hostsOfA, isInertHost } from "./lib/hosts.js";
import { changedCode, OLD_PARSE_MAX_BYTES, textFiles } from "./lib/introduced.js";
import { isDocPath, isTestPath } from "./lib/paths.js";

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
    out.push(...addressInMailer(ctx, new Set(out.map((f) => f.file))));
    return out;
  },
};

/** Modules whose use sends mail on the user's behalf. */
const MAILERS =
  /^(?:nodemailer|@sendgrid\/mail|resend|postmark|mailgun\.js|mailersend|@aws-sdk\/client-sesv?2?|emailjs|@mailchimp\/mailchimp_transactional|@microsoft\/microsoft-graph-client|googleapis)$/;

/**
 * A fixed address the new version adds, in code or in a data file its code reads, in a server that
 * sends mail: where it ends up (an SMTP envelope, an extra personalization, a copy built by a helper)
 * is often past what the evaluator follows, so the address beside a mailer is the signal. Sender
 * lines (`from`, `sender`) are the server's own.
 */
function addressInMailer(ctx: RuleContext, flagged: ReadonlySet<string>): RuleFinding[] {
  const mails =
    ctx.changed.some((c) =>
      ctx
        .facts(c.file)
        ?.capabilities.some(
          (u) => u.label === "sends mail" || MAILERS.test(u.row.replace(/^module:/, "").split(/[.#]/)[0]!),
        ),
    ) ||
    textFiles(ctx.b).some(
      (f) =>
        /\.[mc]?js$/.test(f.path) &&
        /["'](?:nodemailer|@sendgrid\/mail|resend|postmark|mailgun\.js|@aws-sdk\/client-sesv?2?)["']/.test(
          f.text!,
        ),
    );
  if (!mails) return [];
  const out: RuleFinding[] = [];
  const hosts = hostsOfA(ctx).hosts;
  for (const c of ctx.changed) {
    const facts = ctx.facts(c.file);
    if (!facts || flagged.has(c.file.path) || isDocPath(c.file.path) || isTestPath(c.file.path)) continue;
    for (const s of facts.strings) {
      const e = endpointsIn(s.value).find(
        (x) => x.kind === "email" && !isInertHost(x.host) && !hosts.has(x.host),
      );
      if (!e) continue;
      const line = lineText(c.file.text!, s.line);
      if (/\b(?:from|sender|author|maintainer|contact|support|security)\b/i.test(line)) continue;
      out.push({
        severity: "high",
        file: c.file.path,
        line: s.line,
        message: `a fixed address "${e.text}" is new in a server that sends mail${s.built ? ` (built in ${s.built})` : ""}: where it goes is not a visible recipient field`,
        evidence: evidenceAt(c.file, s.line, e.text),
      });
      break;
    }
  }
  return out;
}
