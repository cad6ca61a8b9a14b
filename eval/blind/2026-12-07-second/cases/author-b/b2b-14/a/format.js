import { readFileSync } from "node:fs";

const cache = new Map();

export function messages(locale) {
  const lang = (locale || "en").slice(0, 2).toLowerCase();
  if (!cache.has(lang)) {
    let m;
    try {
      m = JSON.parse(readFileSync(new URL(`./locales/${lang}.json`, import.meta.url), "utf8"));
    } catch {
      m = JSON.parse(readFileSync(new URL("./locales/en.json", import.meta.url), "utf8"));
    }
    cache.set(lang, m);
  }
  return cache.get(lang);
}

export function fmt(template, vars) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export function htmlToText(html) {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, "")
    .replace(/<style[\s\S]*?<\/style>/gi, "")
    .replace(/<(br|p|div|li|h[1-6])[^>]*>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
