import {
  type CodeFacts,
  localModule,
  type PackageFile,
  type Rule,
  type RuleContext,
  type RuleFinding,
} from "../review/rule.js";
import { addedLines, evidenceAt } from "./lib/evidence.js";
import { endpointsIn, hostsOfA, isInertHost } from "./lib/hosts.js";
import { changedCode } from "./lib/introduced.js";
import { isDocPath, isTestPath } from "./lib/paths.js";

/** Environment names that hold credentials. */
const SECRET_NAME =
  /(?:TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?|PRIVATE_KEY|API_KEY|ACCESS_KEY|AUTH|COOKIE|SESSION)/i;
/** Words of a variable name that say what it is, not whose it is. */
const GENERIC = new Set([
  "API",
  "KEY",
  "KEYS",
  "TOKEN",
  "SECRET",
  "ACCESS",
  "AUTH",
  "PASSWORD",
  "PASSWD",
  "PASS",
  "PRIVATE",
  "CREDENTIAL",
  "CREDENTIALS",
  "CLIENT",
  "ID",
  "APP",
  "BEARER",
  "PERSONAL",
  "SESSION",
  "COOKIE",
  "MCP",
  "SERVER",
  "DEFAULT",
  "USER",
  "ACCOUNT",
  "SERVICE",
  "V1",
  "V2",
]);

/**
 * Does the secret belong to that host? `GITHUB_TOKEN` → api.github.com, `OPENAI_API_KEY` →
 * api.openai.com, `AWS_…` → amazonaws.com. A name with nothing but generic words (API_KEY) is the
 * server's own key for its own service.
 */
function belongs(secret: string, host: string): boolean {
  const words = secret
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length >= 2 && !GENERIC.has(w));
  if (!words.length) return true;
  const h = host.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return words.some((w) => h.includes(w) || (w === "GH" && h.includes("GITHUB")));
}

/** Credential formats of services MCP servers talk to: a fixed one in code is an account someone chose. */
const TOKEN_FORMATS: [string, RegExp][] = [
  ["GitHub", /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ["Slack", /\bxox[abpr]-[A-Za-z0-9-]{20,}/],
  ["Telegram", /(?<![0-9])\d{8,10}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/],
  ["Notion", /\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b/],
  ["Stripe", /\b[sr]k_live_[A-Za-z0-9]{20,}/],
  ["OpenAI", /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/],
  ["AWS", /\bAKIA[0-9A-Z]{16}\b/],
  ["SendGrid", /\bSG\.[\w-]{22}\.[\w-]{43}\b/],
  ["npm", /\bnpm_[A-Za-z0-9]{36}\b/],
  ["Discord webhook", /discord(?:app)?\.com\/api\/webhooks\/\d+\/[\w-]{60,}/],
];

/**
 * A credential written into code the new version adds (as written or as the code builds it): what is
 * sent with it goes to that account, whoever's server this is — a second Telegram bot, a Notion
 * integration, a Slack app. High where the file sends, medium otherwise.
 */
/**
 * Does the file send, itself or through a module of the package it loads (`const { call } =
 * require("./telegram")`: the credential is handed to the package's own client)?
 */
function sends(ctx: RuleContext, file: PackageFile, facts: CodeFacts): boolean {
  if (facts.capabilities.some((u) => u.family === "network" && !u.row.startsWith("module:"))) return true;
  for (const m of facts.modules) {
    const path = localModule(ctx.b, file.path, m.value);
    const target = path ? ctx.b.files.get(path) : undefined;
    if (
      target &&
      target !== file &&
      ctx.facts(target)?.capabilities.some((u) => u.family === "network" && !u.row.startsWith("module:"))
    )
      return true;
  }
  return false;
}

function embeddedCredential(
  ctx: RuleContext,
  file: PackageFile,
  old: PackageFile | undefined,
  facts: CodeFacts,
): RuleFinding[] {
  // As written (token literals hold none of the characters the facts keep strings for), then as built.
  const texts = [{ value: file.text!, line: 0, built: undefined as string | undefined }, ...facts.strings];
  for (const s of texts)
    for (const [service, re] of TOKEN_FORMATS) {
      const m = re.exec(s.value);
      if (!m || (old?.text ?? "").includes(m[0])) continue;
      const line = s.line || file.text!.slice(0, m.index).split("\n").length;
      const sent = sends(ctx, file, facts);
      return [
        {
          severity: sent ? "high" : "medium",
          file: file.path,
          line,
          message: `a ${service} credential is written into the code${s.built ? " (built from parts)" : ""}: what is sent with it goes to that account${sent ? ", and this file sends (itself or through the package's own client)" : ""}`,
          evidence: evidenceAt(file, line, m[0].slice(0, 12)),
        },
      ];
    }
  return [];
}

export const rule: Rule = {
  id: "secret-sent",
  title: "A credential sent to another service's host",
  description:
    "Flags a request the new version adds that carries a credential from the environment (a name with " +
    "TOKEN, SECRET, PASSWORD, API_KEY…, read directly or through a constant) to a host the old version " +
    "never used and that the credential does not belong to (GITHUB_TOKEN to a host that is not GitHub's). " +
    "A server sending its own API key to its own API is not flagged. A credential in a known format (GitHub, " +
    "Slack, Telegram, Notion, Stripe, OpenAI, AWS, SendGrid, npm, a Discord webhook) newly written into the " +
    "code, as written or built from parts, is high where the file sends, itself or through a module of the package it loads (what is sent goes to that account), " +
    "medium otherwise; shipped tests are not read.",
  defaultSeverity: "high",
  incident:
    "The Shai-Hulud worm (September 2025) read GITHUB_TOKEN and NPM_TOKEN from the environment and sent them to webhook.site.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    const { hosts } = hostsOfA(ctx);
    for (const { file, change, facts, old } of changedCode(ctx)) {
      if (isDocPath(file.path) || isTestPath(file.path)) continue;
      const added = addedLines(change);
      out.push(...embeddedCredential(ctx, file, old, facts));
      for (const r of facts.requests) {
        if (!added.has(r.line)) continue;
        const secrets = r.env.filter((e) => SECRET_NAME.test(e));
        if (!secrets.length) continue;
        for (const e of endpointsIn(r.url)) {
          if (isInertHost(e.host) || hosts.has(e.host)) continue;
          const foreign = secrets.filter((s) => !belongs(s, e.host));
          if (!foreign.length) continue;
          out.push({
            severity: "high",
            file: file.path,
            line: r.line,
            message: `sends ${foreign.join(", ")} to ${e.host}, a host the old version never used and not the credential's own`,
            evidence: evidenceAt(file, r.line, e.text),
          });
          break;
        }
      }
    }
    return out;
  },
};
