import type { Rule, RuleFinding } from "../core/rule.js";
import { changedCode, evidenceAt, isDocPath, oldHad } from "./util.js";

/** Publishing packages, using registry/GitHub tokens, creating repositories or workflows. */
const PUBLISH =
  /\bnpm\s+(?:publish|token|whoami|adduser|login)\b|\/-\/(?:npm\/v1\/tokens|user\/org\.couchdb)|\bNPM_TOKEN\b|\bNODE_AUTH_TOKEN\b|_authToken|api\.github\.com\/(?:user\/repos|repos\/[^"'`]*\/actions)|\.github[/\\]workflows|\bGITHUB_TOKEN\b|\bGH_TOKEN\b|\bghp_[A-Za-z0-9]{6,}|\bnpm_[A-Za-z0-9]{20,}/;

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
    const out: RuleFinding[] = [];
    for (const { file, old, facts } of changedCode(ctx)) {
      if (isDocPath(file.path)) continue;
      const hit = facts.strings.find((s) => PUBLISH.test(s.value));
      const envHit = hit
        ? null
        : /process\.env\.(?:NPM_TOKEN|NODE_AUTH_TOKEN|GITHUB_TOKEN|GH_TOKEN)\b/.exec(file.text!);
      if (!hit && !envHit) continue;
      if (oldHad(ctx, old, (f) => f.strings.some((s) => PUBLISH.test(s.value)), PUBLISH)) continue;
      const line = hit?.line ?? (envHit ? file.text!.slice(0, envHit.index).split("\n").length : null);
      const what = hit?.value ?? envHit![0];
      out.push({
        severity: "critical",
        file: file.path,
        line,
        message: `publishes packages or handles registry/GitHub tokens: "${what.slice(0, 80)}"`,
        evidence: evidenceAt(file, line, what.slice(0, 40)),
      });
    }
    return out;
  },
};
