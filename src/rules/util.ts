/** Helpers shared by rules. Pure. */
import type { ChangedFile, RuleContext } from "../review/rule.js";
import type { FileChange, PackageFile, PackageSnapshot } from "../review/types.js";

/** Files that document rather than run: findings there are context, rated low. */
export function isDocPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return (
    /\.(?:md|markdown|mdx|txt|rst|html?|map)$/.test(base) ||
    /\.d\.[mc]?ts$/.test(base) ||
    /^(?:readme|changelog|changes|history|license|licence|notice|authors)(?:\.|$)/.test(base)
  );
}

/** Test files a package happens to ship: nothing loads them on install or import. */
export function isTestPath(path: string): boolean {
  return /(?:^|\/)(?:test|tests|__tests__|spec|__mocks__)\/|\.(?:test|spec)\.[mc]?[jt]sx?$/i.test(path);
}

/** The evidence for a line: the line itself, or a window around `needle` when the line is long. */
export function evidenceAt(file: PackageFile | undefined, line: number | null, needle?: string): string {
  if (!file?.text || !line) return needle ?? "";
  const src = lineText(file.text, line);
  const max = 200;
  if (src.trim().length <= max) return src.trim();
  const at = needle ? src.indexOf(needle) : -1;
  if (at < 0) return `${src.trim().slice(0, max)}…`;
  const from = Math.max(0, at - 80);
  const to = Math.min(src.length, at + needle!.length + 80);
  return `${from > 0 ? "…" : ""}${src.slice(from, to)}${to < src.length ? "…" : ""}`;
}

export function lineText(text: string, line: number): string {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return "";
    start = nl + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** 1-based line of the first occurrence of `needle` in `text`, or null. */
export function lineOfText(text: string, needle: string): number | null {
  const at = text.indexOf(needle);
  if (at < 0) return null;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** New-file line numbers that the diff marks as added. */
export function addedLines(change: FileChange): Set<number> {
  const out = new Set<number>();
  for (const h of change.hunks) for (const l of h.lines) if (l.op === "+" && l.newLine) out.add(l.newLine);
  return out;
}

/** Text files of a snapshot. */
export function textFiles(s: PackageSnapshot): PackageFile[] {
  return [...s.files.values()].filter((f) => f.kind === "text");
}

/** True when any text file of A matches `re` (memoised per rule key). */
export function aHas(
  ctx: RuleContext,
  key: string,
  re: RegExp,
  filter: (f: PackageFile) => boolean = () => true,
): boolean {
  return ctx.memo(`a-has:${key}`, () => textFiles(ctx.a).some((f) => filter(f) && re.test(f.text!)));
}

/** Changed files that are code (have parser facts). */
export function changedCode(
  ctx: RuleContext,
): (ChangedFile & { facts: NonNullable<ReturnType<RuleContext["facts"]>> })[] {
  const out = [];
  for (const c of ctx.changed) {
    const facts = ctx.facts(c.file);
    if (facts) out.push({ ...c, facts });
  }
  return out;
}

const URL_RE = /\b(?:https?|wss?|ftp):\/\/(?:[^\s"'`<>@/\\]*@)?([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::\d+)?/g;
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

/** Old files larger than this are checked by text patterns instead of a second parse (speed, memory). */
export const OLD_PARSE_MAX_BYTES = 1024 * 1024;

/**
 * Did the old counterpart already have it? Small files: exactly, from the parser's facts.
 * Large bundles: by a text pattern, which can only over-report the old side (a mention in a
 * comment counts), trading a rare missed finding for not parsing a second multi-megabyte file.
 */
export function oldHad(
  ctx: RuleContext,
  old: PackageFile | undefined,
  exact: (facts: NonNullable<ReturnType<RuleContext["facts"]>>) => boolean,
  text: RegExp,
): boolean {
  if (old?.kind !== "text") return false;
  if (old.size > OLD_PARSE_MAX_BYTES) return text.test(old.text!);
  const facts = ctx.facts(old);
  return facts ? exact(facts) : text.test(old.text!);
}

/**
 * The first string literal matching `re` in each changed code file whose old counterpart had none:
 * the shape of every "the new version names X" rule.
 */
export function introducedStrings(
  ctx: RuleContext,
  re: RegExp,
): { file: PackageFile; value: string; line: number }[] {
  const out = [];
  for (const { file, old, facts } of changedCode(ctx)) {
    if (isDocPath(file.path)) continue;
    const hit = facts.strings.find((s) => re.test(s.value));
    if (!hit || oldHad(ctx, old, (f) => f.strings.some((s) => re.test(s.value)), re)) continue;
    out.push({ file, value: hit.value, line: hit.line });
  }
  return out;
}
