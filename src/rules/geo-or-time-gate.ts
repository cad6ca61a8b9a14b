import type { Rule, RuleFinding } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { changedCode, oldHad } from "./lib/introduced.js";
import { isBrowserAsset, isDocPath } from "./lib/paths.js";

/** Reads that let code behave differently by place or date: the classic way to hide from a reviewer. */
const GATES: { id: string; label: string; re: RegExp }[] = [
  {
    id: "timezone",
    label: "the machine's time zone",
    re: /resolvedOptions\(\)\s*\.\s*timeZone|getTimezoneOffset\s*\(|process\.env\.TZ\b/,
  },
  {
    id: "locale",
    label: "the machine's locale or language",
    re: /navigator\.languages?\b|process\.env\.(?:LANG|LC_ALL|LC_CTYPE|LANGUAGE)\b|Intl\.DateTimeFormat\(\)\.resolvedOptions\(\)\.locale/,
  },
  {
    id: "geoip",
    label: "a geo-IP lookup",
    re: /ipinfo\.io|ip-api\.com|ipapi\.co|ipgeolocation\.io|freegeoip\.app|ipwho\.is|ipdata\.co|geolocation-db\.com|["'](?:geoip-lite|geoip2|@maxmind\/geoip2-node|maxmind)["']/i,
  },
  {
    id: "date",
    label: "a fixed date",
    re: /(?:Date\.now\(\)|new Date\(\)(?:\.getTime\(\))?)\s*[<>]=?\s*(?:new Date\(\s*["'`]\d{4}-\d\d|\d{12,13}\b)|(?:new Date\(\s*["'`]\d{4}-\d\d[^)]*\)|\b\d{12,13}\b)\s*[<>]=?\s*(?:Date\.now\(\)|new Date\(\))/,
  },
];

export const rule: Rule = {
  id: "geo-or-time-gate",
  title: "Behaviour gated on place or date",
  description:
    "Flags code that the new version adds which reads the machine's time zone or locale, looks up its " +
    "geo-IP, or compares the clock with a fixed date. Malware uses such gates to stay dormant in the " +
    "reviewer's sandbox and act only for chosen targets or after a date.",
  defaultSeverity: "high",
  incident:
    "node-ipc 10.1.1 (March 2022) overwrote files only on machines geolocated in Russia or Belarus; time bombs in npm packages wait for a date before acting.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const { file, old } of changedCode(ctx)) {
      if (isDocPath(file.path)) continue;
      for (const g of GATES) {
        const m = g.re.exec(file.text!);
        if (!m) continue;
        if (oldHad(ctx, old, () => g.re.test(old!.text!), g.re)) continue;
        const line = file.text!.slice(0, m.index).split("\n").length;
        out.push({
          // Built assets of a web UI run in a browser, not in the server the agent starts.
          severity: isBrowserAsset(file.path) ? "medium" : "high",
          file: file.path,
          line,
          message: `behaviour can depend on ${g.label}: ${m[0].slice(0, 60)}`,
          evidence: evidenceAt(file, line, m[0].slice(0, 40)),
        });
      }
    }
    return out;
  },
};
