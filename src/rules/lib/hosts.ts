/** Endpoints in text: URLs, e-mail addresses, IPs, and the hosts A already used. Pure. */
import type { RuleContext } from "../../review/rule.js";
import { textFiles } from "./introduced.js";

/**
 * A URL; its host after any labels filled in at run time (`https://${account}.deskly.io`, `https://….x.io`,
 * `https://{tenant}.x.io`, `https://%s.x.io`), which name a subdomain of the fixed part.
 */
const URL_RE =
  /\b(?:https?|wss?|ftp):\/\/(?:[^\s"'`<>@/\\]*@)?(?:(?:\$\{[^}\n]{1,80}\}|…|\{[\w.]{1,40}\}|%s|<[\w-]{1,40}>)[A-Za-z0-9-]*\.)*([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::\d+)?/g;
const EMAIL_RE = /\b[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24})\b/g;
const IP_ONLY_RE = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?$/;

export interface Endpoint {
  kind: "url" | "email" | "ip";
  host: string;
  /** The matched text. */
  text: string;
}

function validIp(ip: string): boolean {
  return ip.split(".").every((o) => Number(o) <= 255);
}

/** URLs, e-mail addresses and bare IPs in a piece of text. Hosts are lower-cased. */
export function endpointsIn(text: string): Endpoint[] {
  const out: Endpoint[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const host = m[1]!.toLowerCase().replace(/\.$/, "");
    if (host.includes(".") || host.startsWith("[")) out.push({ kind: "url", host, text: m[0] });
  }
  for (const m of text.matchAll(EMAIL_RE)) {
    if (m.index > 0 && text[m.index - 1] === "/") continue;
    out.push({ kind: "email", host: m[1]!.toLowerCase(), text: m[0] });
  }
  const ip = IP_ONLY_RE.exec(text.trim());
  if (ip && validIp(ip[1]!)) out.push({ kind: "ip", host: ip[1]!, text: text.trim() });
  return out;
}

/** The host a resolved target names: a URL's, or a bare host name (`request({ host })`); null otherwise. */
export function hostOfTarget(target: string): string | null {
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?([^/:?#…]+)/i.exec(target) ?? /^([a-z0-9.-]+\.[a-z]{2,})$/i.exec(target);
  return m ? m[1]!.toLowerCase() : null;
}

/** A rough registrable domain: the last two labels, three under two-letter second levels (co.uk). */
export function baseDomain(host: string): string {
  if (/^\d+(?:\.\d+){3}$/.test(host)) return host;
  const labels = host.split(".");
  const n = labels.length >= 3 && /^(?:co|com|net|org|gov|ac|edu)$/.test(labels[labels.length - 2]!) ? 3 : 2;
  return labels.slice(-n).join(".");
}

/** Every host of every text file of A: the baseline endpoints. */
export function hostsOfA(ctx: RuleContext): { hosts: Set<string>; bases: Set<string> } {
  return ctx.memo("a-hosts", () => {
    const hosts = new Set<string>();
    for (const f of textFiles(ctx.a)) for (const e of endpointsIn(f.text!)) hosts.add(e.host);
    return { hosts, bases: new Set([...hosts].map(baseDomain)) };
  });
}

/** Hosts that never make a finding: documentation placeholders and the local machine. */
export function isInertHost(host: string): boolean {
  return (
    /^(?:localhost|0\.0\.0\.0|127(?:\.\d+){3}|\[::1?\])$/.test(host) ||
    // RFC 5737 documentation ranges
    /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/.test(host) ||
    /(?:^|\.)(?:example\.(?:com|org|net)|test|invalid|localhost|local|example)$/.test(host) ||
    /^(?:www\.)?(?:w3\.org|json-schema\.org|schema\.org)$/.test(host)
  );
}

export function isPrivateIp(ip: string): boolean {
  return /^(?:10\.|127\.|192\.168\.|169\.254\.|0\.|172\.(?:1[6-9]|2\d|3[01])\.)/.test(ip);
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * A base domain of A that `host` imitates: one edit away (a letter swapped, added or dropped:
 * `postmarkapp.com` → `postmarkap.com`, `postmarkapp.co`), or its name with a word hyphenated on under
 * the same top-level domain (`deskly.io` → `eu-deskly.io`). Short names (under 6 letters) are left
 * out: too many real domains are one edit apart.
 */
export function lookAlikeOf(host: string, bases: ReadonlySet<string>): string | null {
  const base = baseDomain(host);
  if (bases.has(base) || /^\d+(?:\.\d+){3}$/.test(base)) return null;
  for (const known of bases) {
    if (/^\d+(?:\.\d+){3}$/.test(known)) continue;
    const knownName = known.slice(0, known.indexOf("."));
    if (knownName.length < 6) continue;
    if (distance(base, known, 1) === 1) return known;
    // The known name with a region or a word hyphenated on (`eu-deskly.io`, `deskly-api.io`) under the same
    // top-level domain: a registrable domain someone else can own.
    const name = base.slice(0, base.indexOf("."));
    const tld = (d: string) => d.slice(d.indexOf("."));
    if (tld(base) === tld(known) && name !== knownName && new RegExp(`(?:^|-)${knownName}(?:-|$)`).test(name))
      return known;
  }
  return null;
}
