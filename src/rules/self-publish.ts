import type { CodeFacts, PackageFile, Rule, RuleContext, RuleFinding, Severity } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { changedCode, OLD_PARSE_MAX_BYTES } from "./lib/introduced.js";
import { isDocPath, isUnreachedTest } from "./lib/paths.js";

/** Text naming publishing or repository-writing endpoints and files. */
const PUBLISH_TEXT =
  /\bnpm\s+(?:publish|adduser|login|token\s+create)\b|\/-\/(?:npm\/v1\/tokens|user\/org\.couchdb)|api\.github\.com\/(?:user\/repos|repos\/[^"'`]*\/actions)|\.github[/\\]workflows\b|\blibnpmpublish\b/;
/** npm's publishing credentials: in the environment or in .npmrc text. */
const NPM_TOKEN = /process\.env\.(?:NPM_TOKEN|NODE_AUTH_TOKEN|NPM_AUTH_TOKEN)\b|_authToken\b/;
/** Tokens written into the code. */
const LITERAL_TOKEN =
  /\b(?:ghp|gho|ghs|ghu)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{30,}|\bnpm_[A-Za-z0-9]{30,}/;

interface Hit {
  line: number;
  what: string;
}

/** The first match of `re` in the file's text that its old version did not have (by text). */
function newText(file: PackageFile, old: PackageFile | undefined, re: RegExp): Hit | null {
  const m = re.exec(file.text!);
  if (!m || (old?.text !== undefined && re.test(old.text))) return null;
  return { line: file.text!.slice(0, m.index).split("\n").length, what: m[0] };
}

/** A publishing program the file newly runs (npm publish, gh repo create, git push). */
function publishRun(ctx: RuleContext, old: PackageFile | undefined, facts: CodeFacts) {
  const oldFacts = old && old.size <= OLD_PARSE_MAX_BYTES ? ctx.facts(old) : null;
  const had = new Set(oldFacts?.capabilities.map((u) => u.program?.id) ?? []);
  return facts.capabilities.find((u) => u.program?.kind === "publish" && !had.has(u.program.id)) ?? null;
}

export const rule: Rule = {
  id: "self-publish",
  title: "Publishes packages or uses publishing tokens",
  description:
    "Flags code that the new version adds which runs a publishing program (`npm publish` critical; `gh repo " +
    "create`, `gh secret set`, workflow writes high; `git push` medium, git servers push), names publishing " +
    "endpoints or files (`/-/npm/v1/tokens`, repository creation, `.github/workflows`), or reads npm's " +
    "publishing token (NPM_TOKEN, NODE_AUTH_TOKEN, `_authToken`). A token alone is high, a publishing " +
    "endpoint alone high when the file runs programs or sends requests (medium otherwise), and critical only " +
    "together: a publishing token with a publish in one file is how a worm republishes its victim's packages. " +
    "GITHUB_TOKEN alone is what GitHub servers need (secret-sent flags it sent elsewhere); tokens written " +
    "into the code are medium (low in shipped tests, whose tokens are fakes).",
  defaultSeverity: "critical",
  incident:
    "The Shai-Hulud worm (September 2025) used stolen npm tokens to publish trojanised versions of its victims' packages and created GitHub workflows to exfiltrate secrets.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const { file, old, facts } of changedCode(ctx)) {
      if (isDocPath(file.path)) continue;
      const test = isUnreachedTest(ctx, file.path);
      const acts = facts.capabilities.some((u) => u.family === "exec" || u.family === "network");
      const run = publishRun(ctx, old, facts);
      const named = newText(file, old, PUBLISH_TEXT);
      const token = newText(file, old, NPM_TOKEN);
      const publishes = run !== null || (named !== null && acts);
      const push = (severity: Severity, line: number, message: string, needle: string) =>
        out.push({
          severity: test ? "low" : severity,
          file: file.path,
          line,
          message,
          evidence: evidenceAt(file, line, needle),
        });
      if (run) {
        const severity: Severity =
          run.program!.id === "npm-publish" || token
            ? "critical"
            : run.program!.id === "git-push"
              ? "medium"
              : "high";
        push(
          severity,
          run.line,
          `runs a publishing program: \`${(run.target ?? "").slice(0, 100)}\`${token ? ` with npm's publishing token (line ${token.line})` : ""}`,
          "",
        );
      } else if (named)
        push(
          token && acts ? "critical" : acts ? "high" : "medium",
          named.line,
          `names a publishing endpoint or file: "${named.what}"${acts ? " in a file that runs programs or sends requests" : ""}`,
          named.what,
        );
      if (token && !publishes)
        push("high", token.line, `reads npm's publishing token: ${token.what}`, token.what);
      const literal = newText(file, old, LITERAL_TOKEN);
      if (literal)
        push(
          "medium",
          literal.line,
          `a token is written into the code: ${literal.what.slice(0, 8)}…`,
          literal.what,
        );
    }
    return out;
  },
};
