/**
 * Package content is data, never markup: everything from a package passes through here
 * before it reaches a Markdown review. Pure.
 */
import { showInvisible } from "../common/unicode.js";

/** A code fence longer than any backtick run inside `body` (at least three). */
export function fenceFor(body: string): string {
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return "`".repeat(Math.max(3, longest + 1));
}

/** Hosts in URLs and e-mail addresses, and the `hosts` given, with their dots bracketed: giftshop[.]club. */
export function defang(text: string, hosts: readonly string[] = []): string {
  let out = text;
  for (const h of [...hosts].sort((x, y) => y.length - x.length)) {
    if (h.includes(".")) out = out.split(h).join(h.replace(/\./g, "[.]"));
  }
  return out
    .replace(/\b(https?|wss?|ftp):\/\//gi, (_m, s: string) => `${s.replace(/t/gi, "x")}[:]//`)
    .replace(
      /(@|\[:\]\/\/)((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24})\b/g,
      (_m, pre: string, host: string) => `${pre}${host.replace(/\./g, "[.]")}`,
    );
}

/** Stops GitHub from turning text into mentions and issue links. */
export function neutralise(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_-])|#(?=\d)/g, (m) => `${m}&#8203;`);
}

/** Text from a package, shown as prose: HTML and Markdown escaped, mentions dead, invisibles visible. */
export function mdText(text: string): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]{}()#+!|~])/g, "\\$1")
    .replace(/\r?\n/g, " ");
  return showInvisible(neutralise(escaped));
}

/** Text from a package inside raw HTML (`<summary>`), where Markdown escapes would show literally. */
export function htmlText(text: string): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r?\n/g, " ");
  return showInvisible(neutralise(escaped));
}

/** Text from a package, shown as inline code inside a table cell. */
export function mdCode(text: string): string {
  const clean = showInvisible(text).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  if (clean.length === 0) return "";
  let longest = 0;
  for (const m of clean.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const tick = "`".repeat(longest + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${tick}${pad}${clean}${pad}${tick}`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
