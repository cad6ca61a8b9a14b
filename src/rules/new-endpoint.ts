import type { Rule, RuleFinding, Severity } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import {
  baseDomain,
  type Endpoint,
  endpointsIn,
  hostOfTarget,
  hostsOfA,
  isInertHost,
  isPrivateIp,
  lookAlikeOf,
} from "./lib/hosts.js";
import { changedCode, OLD_PARSE_MAX_BYTES, textFiles } from "./lib/introduced.js";
import { isDocPath } from "./lib/paths.js";

/** Paste sites, tunnels, request collectors and chat webhooks: where stolen data is sent. */
const COLLECTOR_HOSTS =
  /(?:^|\.)(?:pastebin\.com|paste\.ee|hastebin\.com|ghostbin\.\w+|ngrok\.io|ngrok-free\.app|ngrok\.app|trycloudflare\.com|loca\.lt|localtunnel\.me|serveo\.net|webhook\.site|requestbin\.\w+|pipedream\.net|beeceptor\.com|interact\.sh|oast\.\w+|burpcollaborator\.net|canarytokens\.com|transfer\.sh|file\.io|discord(?:app)?\.com|api\.telegram\.org|hooks\.slack\.com|workers\.dev|glitch\.me|repl\.co)$/;

const SCHEMA_ID_LINE = /^\s*"\$(?:schema|id|ref)"\s*:/;

/** More new hosts than this in one file reads as vendored data. */
const MASS_HOSTS = 10;

function severityFor(e: Endpoint, inDocs: boolean, sameBase: boolean): Severity {
  if (inDocs) return "low";
  if (COLLECTOR_HOSTS.test(e.host)) return "high";
  // An IP in a URL is where a request goes; a bare IP string is as often data (CDN lists).
  if (e.kind === "ip") return isPrivateIp(e.host) ? "low" : "medium";
  if (/^\d+(?:\.\d+){3}$/.test(e.host)) return isPrivateIp(e.host) ? "low" : "high";
  return sameBase ? "low" : "medium";
}

export const rule: Rule = {
  id: "new-endpoint",
  title: "New network endpoint",
  description:
    "Flags a URL, host, IP address or e-mail address that no file of the old version mentions. Raised for " +
    "paste sites, tunnels, request collectors and raw public IPs; lowered in documentation and comments and " +
    "for subdomains of a domain the old version already used; raised for a host decoded at run time and for " +
    "a look-alike of a domain the old version used (one edit away). `allow_domains` lists hosts to accept.",
  defaultSeverity: "medium",
  incident:
    "postmark-mcp 1.0.16 sent copies to giftshop.club; the Shai-Hulud worm (2025) posted secrets to webhook.site.",
  detect(ctx) {
    const allow = new Set(
      (Array.isArray(ctx.options.allow_domains) ? ctx.options.allow_domains : []).map((d) =>
        String(d).toLowerCase(),
      ),
    );
    const allowed = (host: string) => [...allow].some((d) => host === d || host.endsWith(`.${d}`));
    const { hosts, bases } = hostsOfA(ctx);
    const out: RuleFinding[] = [];
    const collector = new Set<RuleFinding>();
    const seen = new Set<string>();
    const consider = (
      path: string,
      e: Endpoint,
      line: number,
      inDocs: boolean,
      file: Parameters<typeof evidenceAt>[0],
      decoded = false,
    ) => {
      if (hosts.has(e.host) || isInertHost(e.host) || allowed(e.host)) return;
      const key = `${path}\0${e.host}`;
      if (seen.has(key)) return;
      seen.add(key);
      const plain = severityFor(e, inDocs, bases.has(baseDomain(e.host)));
      // A host one edit away from one the old version used imitates it (typosquatted domains).
      const imitates = inDocs ? null : lookAlikeOf(e.host, bases);
      // A host the code decodes at run time (base64, char codes) was hidden from a reader on purpose.
      const severity = (decoded || imitates) && !inDocs ? "high" : plain;
      const what = e.kind === "email" ? "e-mail address" : e.kind === "ip" ? "IP address" : "host";
      const why = imitates
        ? ` (looks like ${imitates}, which the old version used)`
        : decoded
          ? " (decoded at run time: hidden in the source)"
          : severity === "high"
            ? " (paste/tunnel/collector host or raw IP)"
            : "";
      const finding: RuleFinding = {
        severity,
        file: path,
        line,
        message: `new ${what} ${e.host}${why}`,
        evidence: evidenceAt(file, line, e.text),
        hosts: [e.host],
      };
      if (COLLECTOR_HOSTS.test(e.host)) collector.add(finding);
      out.push(finding);
    };
    const builtInA = (path: string, host: string): boolean => {
      const old = ctx.a.files.get(path);
      // A bundle's old copy is not parsed a second time for this (speed, memory).
      const facts = old && old.size <= OLD_PARSE_MAX_BYTES ? ctx.facts(old) : null;
      return !!facts && facts.strings.some((x) => x.value.includes(host));
    };
    const aTexts = textFiles(ctx.a);
    const inA = new Map<string, boolean>();
    const mentionedInA = (host: string) => {
      if (!inA.has(host))
        inA.set(
          host,
          aTexts.some((f) => f.text!.includes(host)),
        );
      return inA.get(host)!;
    };
    const code = new Set<string>();
    for (const { file, facts } of changedCode(ctx)) {
      code.add(file.path);
      const docs = isDocPath(file.path);
      for (const s of facts.strings)
        for (const e of endpointsIn(s.value)) {
          // A host the old version also built or decoded (so its raw text never shows it) is not new.
          if ((s.built || s.decoded) && !hosts.has(e.host) && builtInA(file.path, e.host)) continue;
          consider(file.path, e, s.line, docs, file, s.decoded);
        }
      for (const c of facts.comments)
        for (const e of endpointsIn(c.value)) consider(file.path, e, c.line, true, file);
      // Where the code sends, as the catalogue resolved it: a bare host in `request({ host: "…" })` names
      // no URL in the text, yet it is where the request goes.
      for (const u of facts.capabilities) {
        const host = u.family === "network" && u.target ? hostOfTarget(u.target) : null;
        // The old version may have named it bare, or built it the same way (A's hosts are read from URLs).
        if (host && !docs && !mentionedInA(host) && !builtInA(file.path, host))
          consider(file.path, { kind: "url", host, text: host }, u.line, false, file);
      }
    }
    // Non-code text (JSON, YAML, docs): scan the added lines.
    for (const { file, change } of ctx.changed) {
      if (code.has(file.path)) continue;
      const docs = isDocPath(file.path) || file.path.endsWith("package.json");
      for (const h of change.hunks)
        for (const l of h.lines) {
          if (l.op !== "+" || !l.newLine) continue;
          if (SCHEMA_ID_LINE.test(l.text)) continue; // "$schema": "https://…" names a document, fetches nothing
          for (const e of endpointsIn(l.text)) consider(file.path, e, l.newLine, docs, file);
        }
    }
    // A file that brings in dozens of new hosts at once is vendored data (a CDN list, a bundled
    // library), not a planted endpoint: keep them visible but low, except collector hosts.
    const perFile = new Map<string, number>();
    for (const f of out) perFile.set(f.file, (perFile.get(f.file) ?? 0) + 1);
    return out.map((f) => {
      const n = perFile.get(f.file)!;
      if (
        n <= MASS_HOSTS ||
        f.severity === "low" ||
        collector.has(f) ||
        /decoded at run time/.test(f.message)
      )
        return f;
      return {
        ...f,
        severity: "low",
        message: `${f.message} (one of ${n} new hosts in this file: likely vendored data)`,
      };
    });
  },
};
