import type { CapabilityUse, CodeFacts, PackageFile, Rule, RuleFinding, Severity } from "../review/rule.js";
import { evidenceAt, lineOfText } from "./lib/evidence.js";
import { changedCode } from "./lib/introduced.js";
import { isDocPath } from "./lib/paths.js";

interface Shape {
  /** Obfuscator-style identifiers (_0x1a2b). */
  hexIdents: number;
  /** eval/Function fed with decoded text. */
  decodeExec: { line: number; text: string } | null;
  /** Mean length of non-empty lines. */
  meanLine: number;
  lines: number;
  /** Longest base64-looking run outside data: URIs. */
  blob: number;
}

const DECODE_EXEC =
  /\b(?:eval|Function)\s*\(\s*(?:atob|Buffer\.from|unescape|decodeURIComponent|String\.fromCharCode|[\w$.]*\.toString\s*\(\s*["'](?:base64|hex)["'])/;
const HEX_IDENT = /\b_0x[0-9a-f]{4,6}\b/g;
const BLOB_MIN = 800;

/** Longest run of base64 characters not preceded by `;base64,` (data: URIs are data). Linear time. */
function longestBlob(text: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    const b64 = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (b64) {
      run++;
      continue;
    }
    if (run >= BLOB_MIN && run > best) {
      const start = i - run;
      if (!text.startsWith(";base64,", start - 8)) best = run;
    }
    run = 0;
  }
  return best;
}

export function shapeOf(f: PackageFile): Shape {
  const text = f.text ?? "";
  const lines = text.split("\n").filter((l) => l.trim().length > 0);
  const total = lines.reduce((n, l) => n + l.length, 0);
  const m = DECODE_EXEC.exec(text);
  return {
    hexIdents: (text.match(HEX_IDENT) ?? []).length,
    decodeExec: m ? { line: lineOfText(text, m[0]) ?? 1, text: m[0] } : null,
    meanLine: lines.length ? total / lines.length : 0,
    lines: lines.length,
    blob: longestBlob(text),
  };
}

/**
 * A decoder and a code runner this close in one file are one act: unpack hidden text, run it. By offset
 * where both have one (a minified file is one line holding many modules), else by lines.
 */
const HIDDEN_CODE_CHARS = 2_000;
const HIDDEN_CODE_LINES = 30;
const near = (x: CapabilityUse, y: CapabilityUse) =>
  x.at !== undefined && y.at !== undefined
    ? Math.abs(x.at - y.at) <= HIDDEN_CODE_CHARS
    : Math.abs(x.line - y.line) <= HIDDEN_CODE_LINES;
/** Decrypting or decompressing hides text better than a byte decoder: that pair is the event-stream loader. */
const STRONG_DECODE = /decrypts|decompresses/;

/** The first decoder use with a code runner near it: the decoder and whether it decrypts or decompresses. */
function hiddenCode(facts: CodeFacts | null): { decode: CapabilityUse; strong: boolean } | null {
  if (!facts) return null;
  const decoders = facts.capabilities.filter((c) => c.family === "decode");
  // WebAssembly shipped as base64 and compiled (a lexer's or a codec's) is how wasm is bundled: a
  // byte decoder beside it is ordinary; decrypting or decompressing before it is not.
  const runners = facts.capabilities.filter((c) => c.family === "code");
  const wasm = (c: CapabilityUse) => /WebAssembly/.test(c.row);
  let best: { decode: CapabilityUse; strong: boolean } | null = null;
  for (const d of decoders) {
    const strong = STRONG_DECODE.test(d.label);
    if (!runners.some((r) => near(r, d) && (strong || !wasm(r)))) continue;
    if (!best || (strong && !best.strong)) best = { decode: d, strong };
  }
  return best;
}

const readable = (s: Shape) => s.lines >= 10 && s.meanLine < 120;
const minified = (s: Shape) => s.meanLine > 500;

export const rule: Rule = {
  id: "obfuscation",
  title: "Code becomes obfuscated",
  description:
    "Flags a code file that turns obfuscated (obfuscator-style _0x identifiers, decode-then-execute through " +
    "eval/Function, large encoded blobs) where the old version was not (high; critical for obfuscator " +
    "identifiers injected into an existing file), and a readable file that " +
    "becomes minified (medium). A new file is compared with nothing: only obfuscation marks count there. " +
    "Code that decrypts or decompresses text and runs text as code within a few lines of it (a hidden " +
    "payload) is critical; with a plain byte decoder (base64, TextDecoder) it is medium, and a byte decoder " +
    "beside WebAssembly (bundled wasm) is nothing.",
  defaultSeverity: "high",
  incident:
    "The chalk/debug compromise (September 2025) shipped an obfuscated wallet drainer into readable packages.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const { file, old, facts } of changedCode(ctx)) {
      if (isDocPath(file.path)) continue;
      const hidden = hiddenCode(facts);
      if (hidden && !(old && hiddenCode(ctx.facts(old)))) {
        const { decode, strong } = hidden;
        out.push({
          severity: strong ? "critical" : "medium",
          file: file.path,
          line: decode.line,
          message: `${decode.label} (${decode.row}) and runs text as code beside it: a payload kept out of sight until it runs`,
          evidence: evidenceAt(file, decode.line),
        });
      }
      const now = shapeOf(file);
      if (!now.decodeExec && now.hexIdents < 20 && now.blob === 0 && !minified(now)) continue;
      const was = old ? shapeOf(old) : null;
      const add = (severity: Severity, line: number | null, message: string, needle?: string) =>
        out.push({ severity, file: file.path, line, message, evidence: evidenceAt(file, line, needle) });
      if (now.decodeExec && !was?.decodeExec) {
        add("high", now.decodeExec.line, "decodes text and executes it", now.decodeExec.text);
      }
      if (now.hexIdents >= 20 && (!was || was.hexIdents < 20)) {
        // Injected into a file that had no such code (the chalk/debug drainers): critical. A new file: high.
        const injected = !!was;
        add(
          injected ? "critical" : "high",
          1,
          `obfuscator-style identifiers (${now.hexIdents} like _0x1a2b)${injected ? " injected into an existing file" : ""}`,
        );
      }
      if (now.blob > 0 && (!was || was.blob === 0)) {
        add("medium", null, `encoded blob of ${now.blob} characters`);
      }
      if (was && readable(was) && minified(now)) {
        add(
          "medium",
          1,
          `readable file became minified (mean line ${Math.round(was.meanLine)} → ${Math.round(now.meanLine)} chars)`,
        );
      }
    }
    return out;
  },
};
