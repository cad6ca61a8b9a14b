/**
 * Facts read from text rather than a parse: a line-based reading of code the parser rejects (and of
 * TypeScript sources), and the keys and strings of data files the code loads (JSON, ini, yaml, …).
 */
import { lineIndex } from "../js/parse.js";
import { isRecipientKey } from "./catalogue.js";
import { type CodeFacts, emptyFacts } from "./types.js";

/**
 * Strings a rule could care about: endpoints, paths and names of files all hold one of
 * `.`, `@`, `/`, `\`, `:` or a space. Bundles hold millions of other strings (property names).
 */
export function mayMatter(s: string): boolean {
  if (s.length < 4) return false;
  if (s.startsWith("id_")) return true; // ssh key file names
  if (s.startsWith("--")) return true; // command-line flags (an agent's permission switches)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 64 || c === 47 || c === 92 || c === 58 || c === 32) return true;
  }
  return false;
}

const STRING_RE = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
const MODULE_RE =
  /\b(?:require|import)\s*\(\s*(["'`])([^"'`\n]+)\1|\b(?:import|export)\b[^;\n]*?\bfrom\s*(["'])([^"'\n]+)\3/g;
const KEYED_RE = /["']?([A-Za-z_-]+)["']?\s*[:=]\s*(?:(["'`])([^"'`\n]*)\2|([^,;}\n]+))/g;
const CALL_RE = /\b((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)\s*\(/g;

/** A coarse, line-based reading for files the parser rejects (and for TypeScript sources). */
export function textFacts(text: string): CodeFacts {
  const facts = emptyFacts(false);
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const src = lines[i]!;
    const line = i + 1;
    const trimmed = src.trimStart();
    if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) {
      facts.comments.push({ value: trimmed, line });
      continue;
    }
    for (const m of src.matchAll(STRING_RE)) facts.strings.push({ value: m[2]!, line });
    for (const m of src.matchAll(MODULE_RE)) facts.modules.push({ value: (m[2] ?? m[4])!, line });
    for (const m of src.matchAll(CALL_RE)) facts.calls.push({ value: m[1]!, line });
    for (const m of src.matchAll(KEYED_RE)) {
      if (isRecipientKey(m[1]!)) {
        facts.keyed.push({ key: m[1]!, value: m[3] ?? null, line });
      }
    }
    if (/\b(?:JSON\.stringify|String|inspect|btoa|URLSearchParams)\s*\(\s*process\.env\s*\)/.test(src)) {
      facts.envDumps.push({ value: "process.env serialised", line });
    }
  }
  return facts;
}

/** Data files code may read: JSON, and key = value / key: value formats (ini, cfg, conf, env, yaml, toml). */
const DATA_FILE = /\.(?:json|map|cfg|conf|ini|env|ya?ml|toml|properties)$|(?:^|\/)\.env(?:\.[\w.-]+)?$/i;

export function isDataPath(path: string): boolean {
  return DATA_FILE.test(path);
}

/**
 * Facts of a data file the code loads: its recipient- and URL-like keys with their values, and its
 * strings, so a Bcc moved from code into `defaults.json` or `mail.cfg` is seen like one in code.
 */
export function dataFacts(text: string, path: string): CodeFacts {
  const facts = emptyFacts(false);
  const lineOf = lineIndex(text);
  const add = (key: string, value: string, at: number) => {
    if (typeof value !== "string") return;
    if (isRecipientKey(key)) facts.keyed.push({ key, value, line: lineOf(at) });
    if (mayMatter(value)) facts.strings.push({ value, line: lineOf(at) });
  };
  if (/\.json$/i.test(path)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return facts;
    }
    // Walk the document; a key's line is where `"key"` next appears in the text.
    let cursor = 0;
    const walk = (v: unknown, depth: number) => {
      if (depth > 32 || !v || typeof v !== "object") return;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const at = text.indexOf(JSON.stringify(k), cursor);
        if (at >= 0) cursor = at;
        if (typeof x === "string") add(k, x, at < 0 ? 0 : at);
        else if (Array.isArray(x))
          for (const y of x) typeof y === "string" ? add(k, y, cursor) : walk(y, depth + 1);
        else walk(x, depth + 1);
      }
    };
    walk(doc, 0);
    return facts;
  }
  for (const m of text.matchAll(/^[ \t]*([A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*["']?([^"'\r\n#;]*)/gm)) {
    const key = m[1]!.split(".").pop()!;
    add(key, m[2]!.trim(), m.index ?? 0);
  }
  return facts;
}
