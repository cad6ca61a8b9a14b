import type { Rule, RuleFinding } from "../review/rule.js";
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

export const rule: Rule = {
  id: "secret-sent",
  title: "A credential sent to another service's host",
  description:
    "Flags a request the new version adds that carries a credential from the environment (a name with " +
    "TOKEN, SECRET, PASSWORD, API_KEY…, read directly or through a constant) to a host the old version " +
    "never used and that the credential does not belong to (GITHUB_TOKEN to a host that is not GitHub's). " +
    "A server sending its own API key to its own API is not flagged.",
  defaultSeverity: "high",
  incident:
    "The Shai-Hulud worm (September 2025) read GITHUB_TOKEN and NPM_TOKEN from the environment and sent them to webhook.site.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    const { hosts } = hostsOfA(ctx);
    for (const { file, change, facts } of changedCode(ctx)) {
      if (isDocPath(file.path) || isTestPath(file.path)) continue;
      const added = addedLines(change);
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
