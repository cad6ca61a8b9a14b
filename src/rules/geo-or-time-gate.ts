import type { Gate, Rule, RuleFinding } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { changedCode, OLD_PARSE_MAX_BYTES, oldHad } from "./lib/introduced.js";
import { isBrowserAsset, isDocPath, isUnreachedTest } from "./lib/paths.js";

/** A geo-IP lookup service: asking where the machine is is itself the gate. */
const GEOIP =
  /ipinfo\.io|ip-api\.com|ipapi\.co|ipgeolocation\.io|freegeoip\.app|ipwho\.is|ipdata\.co|geolocation-db\.com|["'](?:geoip-lite|geoip2|@maxmind\/geoip2-node|maxmind)["']/i;
/** The clock compared with a fixed date: a time bomb. */
const FIXED_DATE =
  /(?:Date\.now\(\)|new Date\(\)(?:\.getTime\(\))?)\s*[<>]=?\s*(?:new Date\(\s*["'`]\d{4}-\d\d|\d{12,13}\b)|(?:new Date\(\s*["'`]\d{4}-\d\d[^)]*\)|\b\d{12,13}\b)\s*[<>]=?\s*(?:Date\.now\(\)|new Date\(\))/;

/**
 * FIXED_DATE anywhere in the text. Every match holds `Date.now()` or `new Date(`, so only the text around
 * those is tried: the same answer without running the pattern at every offset of a large bundle.
 */
function comparesFixedDate(text: string): boolean {
  // The fixed side is a 12- or 13-digit time or an ISO date in `new Date("…")`: none, no match.
  if (!/\d{12}|new Date\(\s*["'`]\d{4}-/.test(text)) return false;
  for (const token of ["Date.now()", "new Date("]) {
    for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
      if (FIXED_DATE.test(text.slice(Math.max(0, i - 200), i + 200))) return true;
    }
  }
  return false;
}

const LABEL: Record<Gate["kind"], string> = {
  timezone: "the machine's time zone",
  locale: "the machine's locale or language",
  date: "the date",
  host: "the machine's host or user name",
  ci: "whether it runs in CI",
  "locale-env": "the locale variables of the environment",
};

/** Gates telemetry and terminal output use too: medium beside an act, not high. */
const WEAK = new Set<Gate["kind"]>(["host", "ci", "locale-env"]);

/**
 * A gate and a known-bad act this close are one piece of code: within this many characters (a one-line
 * bundle holds thousands of unrelated modules) or, without offsets, lines.
 */
const NEAR_CHARS = 4_000;
const NEAR_LINES = 200;
/** Families whose use behind a gate is what the gate hides. */
const ACTS = new Set(["network", "exec", "code", "write", "delete", "secret", "page"]);

export const rule: Rule = {
  id: "geo-or-time-gate",
  title: "Behaviour gated on place, date, host or CI",
  description:
    "Flags a condition the new version adds that branches on where or when the code runs — the time zone, " +
    "the locale, the host or user name, CI or not, the clock against a fixed date — or a geo-IP lookup. High " +
    "(medium for host, CI and LANG/LC_* gates, which telemetry and terminal output use too) when the file also sends, runs, writes or deletes, and critical beside a run-time install, code run from text, a wipe of the home folder or a persistence write (malware stays dormant in the reviewer's sandbox and acts " +
    "only for chosen targets or after a date); low when nothing in the file acts (formatting by locale, a " +
    "deprecation notice). Reads outside conditions are not gates.",
  defaultSeverity: "high",
  incident:
    "node-ipc 10.1.1 (March 2022) overwrote files only on machines geolocated in Russia or Belarus; time bombs in npm packages wait for a date before acting.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const { file, old, facts } of changedCode(ctx)) {
      if (isDocPath(file.path)) continue;
      const oldFacts = old && old.size <= OLD_PARSE_MAX_BYTES ? ctx.facts(old) : null;
      const oldKinds = new Set(oldFacts?.gates.map((g) => g.kind) ?? []);
      const acts = facts.capabilities.find((u) => ACTS.has(u.family));
      // Known-bad beside a gate: installing or running code it is handed, wiping, persisting.
      const harmsNear = (g: { line: number; at?: number }) =>
        harmful.find((u) =>
          g.at !== undefined && u.at !== undefined
            ? Math.abs(g.at - u.at) <= NEAR_CHARS
            : Math.abs(g.line - u.line) <= NEAR_LINES,
        );
      const harmful = facts.capabilities.filter(
        (u) =>
          u.program?.kind === "install" ||
          // Code whose text the file spells out (`Function("return this")`) hides nothing: only text
          // that arrives at run time counts.
          (u.family === "code" && u.fromText === true && (!u.target || u.target.includes("…"))) ||
          (u.family === "delete" && u.pathKind === "whole-disk") ||
          (u.family === "write" && u.pathKind === "persistence"),
      );
      const lowered = isUnreachedTest(ctx, file.path) || isBrowserAsset(file.path);
      // Host and CI gates are also how telemetry stays quiet in CI: medium beside an act, not high.
      const push = (
        gated: boolean,
        line: number,
        what: string,
        needle: string,
        strong = true,
        at?: number,
      ) => {
        const harms = harmsNear(at === undefined ? { line } : { line, at });
        out.push({
          severity: lowered
            ? gated
              ? "medium"
              : "low"
            : gated
              ? strong
                ? harms
                  ? "critical"
                  : "high"
                : "medium"
              : "low",
          file: file.path,
          line,
          message: `${what}${gated && harms && strong ? `, in a file that ${harms.label} (line ${harms.line}): a known-bad combination` : gated && acts ? `, in a file that acts (${acts.label}, line ${acts.line})` : gated ? "" : "; nothing in the file sends, runs, writes or deletes"}`,
          evidence: evidenceAt(file, line, needle),
        });
      };
      const shown = new Set<string>();
      let fixedDate: boolean | undefined;
      for (const g of facts.gates) {
        if (oldKinds.has(g.kind) || shown.has(g.kind)) continue;
        // An old file too large to parse again: the read it makes, spelled the same, is not new.
        const token = g.what.replace(/\(.*$/, "").split(".").pop()!;
        if (old && !oldFacts && token.length > 3 && old.text?.includes(token)) continue;
        if (g.kind === "date") {
          fixedDate ??= comparesFixedDate(file.text!);
          if (!fixedDate) continue;
        }
        shown.add(g.kind);
        push(
          !!acts,
          g.line,
          `behaviour depends on ${LABEL[g.kind]}: ${g.what}`,
          g.what.split(".").pop()!,
          !WEAK.has(g.kind),
          g.at,
        );
      }
      // The lookup's address as written or as the code decodes it (node-ipc kept it in base64).
      const geo = GEOIP.exec(file.text!);
      const built = geo ? null : facts.strings.find((x) => x.built && GEOIP.test(x.value));
      if ((geo || built) && !oldHad(ctx, old, (f) => f.strings.some((x) => GEOIP.test(x.value)), GEOIP)) {
        const line = geo ? file.text!.slice(0, geo.index).split("\n").length : built!.line;
        const what = geo ? geo[0] : `${GEOIP.exec(built!.value)![0]} (decoded)`;
        push(true, line, `looks up where the machine is (geo-IP): ${what}`, geo ? geo[0] : "");
      }
    }
    return out;
  },
};
