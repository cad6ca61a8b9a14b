#!/usr/bin/env node
// Compares `mcp-guard tools` with the hand-checked true tool lists in eval/tools.json and rewrites
// only the `mcpGuard` block of each entry (the truth fields are never touched).
//
// The true lists were made by reading each package's tarball as text (README + source/bundle); see
// eval/TOOLS-GROUND-TRUTH.md. This script runs nothing from those packages: it runs mcp-guard's own
// CLI, which reads the tarball from the registry as data.
//
//   node eval/tools/tools-vs-truth.mjs             # rerun mcp-guard for every entry, rewrite eval/tools.json
//   node eval/tools/tools-vs-truth.mjs --dry-run   # print the table only
//   node eval/tools/tools-vs-truth.mjs --only n8n-mcp
// After a rewrite, run `npx biome format --write eval/tools.json` (the repo lint formats JSON differently).
//
// Verdicts (per entry, against truth = tools ∪ optional):
//   exact             mcp-guard said complete, listed every true tool (default and optional) and nothing else
//   partial-declared  mcp-guard said complete:false (exit 2); `extra` may still hold names that are not tools
//   wrong             mcp-guard said complete but its list differs (see `missing`, `missingOptional`, `extra`)
// Note: eval/run.ts --only tools scores differently: it ignores missing optional tools, and it calls a
// complete:false list "wrong" when it names anything that is not a tool.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const file = join(root, "eval", "tools.json");
const args = process.argv.slice(2);
const dry = args.includes("--dry-run");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;

const list = JSON.parse(readFileSync(file, "utf8"));
const rows = [];
for (const t of list) {
  if (only && t.name !== only) continue;
  const spec = `${t.name}@${t.version}`;
  const run = spawnSync("npx", ["tsx", "src/cli.ts", "tools", spec, "--format", "json"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  let out;
  try {
    out = JSON.parse(run.stdout);
  } catch {
    t.mcpGuard = {
      exit: run.status,
      complete: null,
      tools: [],
      verdict: "error",
      error: run.stderr.slice(0, 300),
    };
    rows.push(t);
    continue;
  }
  // Tools the server lists, and names its CallTool handler answers without listing them (callable).
  const got = [...new Set([...out.tools, ...(out.hidden ?? [])].map((x) => x.name))].sort();
  const def = new Set(t.tools);
  const opt = new Set(t.optional ?? []);
  const missing = t.tools.filter((n) => !got.includes(n));
  const missingOptional = [...opt].filter((n) => !got.includes(n)).sort();
  const extra = got.filter((n) => !def.has(n) && !opt.has(n));
  const complete = out.complete === true;
  const verdict = !complete
    ? "partial-declared"
    : missing.length || missingOptional.length || extra.length
      ? "wrong"
      : "exact";
  t.mcpGuard = {
    exit: run.status,
    complete,
    tools: got,
    verdict,
    missing,
    missingOptional,
    extra,
    incomplete: out.incomplete ?? [],
  };
  rows.push(t);
}

console.log("| package | style | true count (default + optional) | mcp-guard count | verdict |");
console.log("| --- | --- | --- | --- | --- |");
for (const t of rows) {
  const g = t.mcpGuard;
  const notes = [
    g.missing?.length ? `missing ${g.missing.length}` : "",
    g.missingOptional?.length ? `missing optional ${g.missingOptional.length}` : "",
    g.extra?.length ? `not tools: ${g.extra.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
  console.log(
    `| ${t.name}@${t.version} | ${t.style} | ${t.tools.length} + ${(t.optional ?? []).length} | ${g.tools.length} | ${g.verdict}${notes ? ` (${notes})` : ""} |`,
  );
}
if (!dry) writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
