import type { Rule, RuleFinding } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { changedCode, introducedStrings } from "./lib/introduced.js";
import { isDocPath } from "./lib/paths.js";

/** Publishing packages, using registry/GitHub tokens, creating repositories or workflows. */
const PUBLISH =
  /\bnpm\s+(?:publish|token|whoami|adduser|login)\b|\/-\/(?:npm\/v1\/tokens|user\/org\.couchdb)|\bNPM_TOKEN\b|\bNODE_AUTH_TOKEN\b|_authToken|api\.github\.com\/(?:user\/repos|repos\/[^"'`]*\/actions)|\.github[/\\]workflows|\bGITHUB_TOKEN\b|\bGH_TOKEN\b|\bghp_[A-Za-z0-9]{6,}|\bnpm_[A-Za-z0-9]{20,}/;

const TOKEN_ENV = /process\.env\.(?:NPM_TOKEN|NODE_AUTH_TOKEN|GITHUB_TOKEN|GH_TOKEN)\b/;

export const rule: Rule = {
  id: "self-publish",
  title: "Publishes packages or uses registry/GitHub tokens",
  description:
    "Flags code that the new version adds which runs `npm publish`, reads npm or GitHub tokens " +
    "(NPM_TOKEN, _authToken, GITHUB_TOKEN), calls token or repository-creation APIs, or writes GitHub " +
    "workflows. A worm spreads exactly this way: it republishes every package its victim can publish.",
  defaultSeverity: "critical",
  incident:
    "The Shai-Hulud worm (September 2025) used stolen npm tokens to publish trojanised versions of its victims' packages and created GitHub workflows to exfiltrate secrets.",
  detect(ctx) {
    const out: RuleFinding[] = introducedStrings(ctx, PUBLISH).map(({ file, value, line }) => ({
      severity: "critical",
      file: file.path,
      line,
      message: `publishes packages or handles registry/GitHub tokens: "${value.slice(0, 80)}"`,
      evidence: evidenceAt(file, line, value.slice(0, 40)),
    }));
    // Tokens read from the environment are not string literals: look for them in the code text.
    const seen = new Set(out.map((f) => f.file));
    for (const { file, old } of changedCode(ctx)) {
      if (seen.has(file.path) || isDocPath(file.path)) continue;
      const m = TOKEN_ENV.exec(file.text!);
      if (!m || (old?.text && TOKEN_ENV.test(old.text))) continue;
      const line = file.text!.slice(0, m.index).split("\n").length;
      out.push({
        severity: "critical",
        file: file.path,
        line,
        message: `reads a publishing token from the environment: ${m[0]}`,
        evidence: evidenceAt(file, line, m[0]),
      });
    }
    return out;
  },
};
