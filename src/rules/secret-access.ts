import type { Rule, RuleFinding, Severity } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { aHas, changedCode, oldHad } from "./lib/introduced.js";
import { isDocPath } from "./lib/paths.js";

interface Store {
  id: string;
  label: string;
  re: RegExp;
  severity: Severity;
}

/** Credential stores a package has no business reading. */
export const STORES: Store[] = [
  { id: "npmrc", label: "npm credentials (.npmrc)", re: /(?:^|[/\\~])\.npmrc\b/, severity: "critical" },
  {
    id: "ssh",
    label: "SSH keys",
    re: /(?:^|[/\\~])\.ssh(?:[/\\]|$)|\bid_(?:rsa|ed25519|ecdsa|dsa)\b/,
    severity: "critical",
  },
  { id: "aws", label: "AWS credentials", re: /\.aws[/\\](?:credentials|config)\b/, severity: "critical" },
  {
    id: "gcloud",
    label: "Google Cloud credentials",
    re: /\.config[/\\]gcloud\b|application_default_credentials\.json/,
    severity: "critical",
  },
  { id: "azure", label: "Azure credentials", re: /(?:^|[/\\~])\.azure[/\\]/, severity: "critical" },
  { id: "kube", label: "Kubernetes config", re: /\.kube[/\\]config\b/, severity: "critical" },
  {
    id: "docker",
    label: "Docker registry credentials",
    re: /\.docker[/\\]config\.json/,
    severity: "critical",
  },
  {
    id: "git",
    label: "git/netrc credentials",
    re: /\.git-credentials\b|(?:^|[/\\~])[._]netrc\b|\.config[/\\]gh[/\\]hosts\.yml/,
    severity: "critical",
  },
  { id: "gpg", label: "GPG keyring", re: /(?:^|[/\\~])\.gnupg\b/, severity: "critical" },
  {
    id: "browser",
    label: "browser profile data",
    re: /\bLogin Data\b|\bLocal State\b|User Data[/\\]Default|\.mozilla[/\\]firefox|\blogins\.json\b|\bkey4\.db\b/,
    severity: "critical",
  },
  {
    id: "wallet",
    label: "crypto wallets",
    re: /\bwallet\.dat\b|(?:^|[/\\])(?:Exodus|MetaMask|\.electrum|\.bitcoin|\.ethereum)(?:[/\\]|$)|solana[/\\]id\.json|\bnkbihfbeogaeaoehlefnkodbefgpgknn\b/,
    severity: "critical",
  },
  { id: "system", label: "system secrets", re: /\/etc\/shadow\b|login\.keychain/, severity: "critical" },
  { id: "dotenv", label: "a .env file", re: /^(?:\.{0,2}[/\\])?\.env(?:\.[\w-]+)?$/, severity: "high" },
];

export const rule: Rule = {
  id: "secret-access",
  title: "Reads credential stores or dumps the environment",
  description:
    "Flags code that the new version adds which names a credential store (.npmrc, ~/.ssh, cloud CLI " +
    "credentials, .env files, browser profiles, crypto wallets) or serialises the whole process.env. " +
    "Strings in comments and documentation do not count.",
  defaultSeverity: "critical",
  incident:
    "The Shai-Hulud worm (September 2025) read .npmrc and cloud credentials; the nx compromise (August 2025) collected wallets and SSH keys.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    const codeInA = (f: { path: string }) => /\.[mc]?[jt]sx?$/.test(f.path);
    for (const { file, old, facts } of changedCode(ctx)) {
      if (isDocPath(file.path)) continue;
      for (const store of STORES) {
        const hit = facts.strings.find((s) => store.re.test(s.value));
        if (!hit) continue;
        const loose = new RegExp(store.re.source.replace(/\^|\$/g, ""));
        if (oldHad(ctx, old, (f) => f.strings.some((s) => store.re.test(s.value)), loose)) continue;
        if (aHas(ctx, `store:${store.id}`, loose, codeInA)) continue;
        out.push({
          severity: store.severity,
          file: file.path,
          line: hit.line,
          message: `reads ${store.label}: "${hit.value.slice(0, 80)}"`,
          evidence: evidenceAt(file, hit.line, hit.value.slice(0, 40)),
        });
      }
      const dump = facts.envDumps[0];
      if (dump && !oldHad(ctx, old, (f) => f.envDumps.length > 0, /process\.env\s*\)/)) {
        // With a network call beside it, the environment can leave the machine: a flow to a sink.
        // Any way the catalogue knows of sending (HTTP, sockets, DNS names, mail, messages).
        const use = facts.capabilities.find((u) => u.family === "network");
        const sent = use ? { value: use.label, line: use.line } : undefined;
        out.push({
          severity: sent ? "critical" : "high",
          file: file.path,
          line: dump.line,
          message: `serialises the whole environment: ${dump.value}${sent ? `, in a file that sends requests (${sent.value}, line ${sent.line})` : ""}`,
          evidence: evidenceAt(file, dump.line, "process.env"),
        });
      }
    }
    return out;
  },
};
