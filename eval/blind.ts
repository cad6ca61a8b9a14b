/**
 * Blind sets (eval/blind/<date-set>/<author>/<case>/): attack and look-alike pairs written from an
 * attacker's brief (eval/blind/BRIEF.md) by authors who never read the engine, its rules, its corpora
 * or its fixtures. Each case holds `case.json` ({ id, benign, expect, goal, technique, where }) and the
 * two versions' files in `a/` and `b/`, read as data like the CLI reads a folder: nothing is run.
 *
 *   npx tsx eval/blind.ts eval/blind/2026-12-07-first [--verbose] [--json out.json]
 *
 * An attack counts when the review is at or above its expected level; a look-alike is a false alarm
 * when it is high or critical (its `expect` is the most a fair reviewer would say).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { withLimits } from "../src/common/limits.js";
import { readFolder } from "../src/npm/folder.js";
import { reviewPackage } from "../src/review/engine.js";
import type { PackageReview } from "../src/review/types.js";
import { RULES } from "../src/rules/index.js";

const LEVELS = ["none", "low", "medium", "high", "critical"] as const;
const rank = (r: string) => LEVELS.indexOf(r as (typeof LEVELS)[number]);

export interface BlindCase {
  id: string;
  benign: boolean;
  expect: string;
  goal?: string;
  technique?: string;
  dir: string;
}

export interface BlindRow {
  id: string;
  benign: boolean;
  expect: string;
  risk: string;
  ok: boolean;
  top: string[];
  goal?: string;
  technique?: string;
}

/** Every case folder under `root` (any depth), in path order. */
export function blindCases(root: string): BlindCase[] {
  const out: BlindCase[] = [];
  const visit = (dir: string) => {
    if (existsSync(join(dir, "case.json"))) {
      const meta = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as Omit<BlindCase, "dir">;
      out.push({ ...meta, dir });
      return;
    }
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
    }
  };
  visit(root);
  return out;
}

function summary(r: PackageReview, verbose: boolean): string[] {
  return [...r.findings]
    .sort((x, y) => rank(y.severity) - rank(x.severity))
    .slice(0, verbose ? 50 : 3)
    .map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line ?? ""} ${f.message}`.slice(0, 220));
}

export async function runBlind(root: string, verbose = false): Promise<BlindRow[]> {
  const limits = withLimits();
  const rows: BlindRow[] = [];
  for (const c of blindCases(root)) {
    let risk = "error";
    let top: string[] = [];
    try {
      const a = await readFolder(join(c.dir, "a"), limits);
      const b = await readFolder(join(c.dir, "b"), limits);
      const r = reviewPackage(a, b, { limits, rules: RULES });
      risk = r.risk;
      top = summary(r, verbose);
    } catch (e) {
      top = [(e as Error).message.slice(0, 200)];
    }
    const ok = risk !== "error" && (c.benign ? rank(risk) <= rank("medium") : rank(risk) >= rank(c.expect));
    rows.push({
      id: c.id,
      benign: c.benign,
      expect: c.expect,
      risk,
      ok,
      top,
      ...(c.goal ? { goal: c.goal } : {}),
      ...(c.technique ? { technique: c.technique } : {}),
    });
  }
  return rows;
}

export function reportBlind(name: string, rows: BlindRow[], verbose = false): string {
  const attacks = rows.filter((r) => !r.benign);
  const benign = rows.filter((r) => r.benign);
  const hit = attacks.filter((r) => r.ok).length;
  const high = attacks.filter((r) => rank(r.risk) >= rank("high")).length;
  const alarms = benign.filter((r) => !r.ok);
  const by = (list: BlindRow[]) =>
    Object.fromEntries(LEVELS.map((l) => [l, list.filter((r) => r.risk === l).length]));
  const lines = [
    `## blind set ${name}: ${attacks.length} attacks, ${benign.length} look-alikes`,
    `attacks at or above their expected level: ${hit}/${attacks.length}; at high or above: ${high}/${attacks.length}; by risk ${JSON.stringify(by(attacks))}`,
    `look-alikes high or critical: ${alarms.length}/${benign.length}; by risk ${JSON.stringify(by(benign))}`,
  ];
  for (const r of attacks.filter((x) => !x.ok || verbose))
    lines.push(
      `  ${r.ok ? "ok" : "MISSED"} ${r.id}: ${r.risk} (expected ${r.expect}) — ${r.technique ?? ""}`.slice(
        0,
        300,
      ),
      ...r.top.map((t) => `    ${t}`),
    );
  for (const r of benign.filter((x) => !x.ok || verbose))
    lines.push(
      `  ${r.ok ? "ok" : "ALARM"} ${r.id}: ${r.risk} (at most ${r.expect})`,
      ...r.top.map((t) => `    ${t}`),
    );
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { verbose: { type: "boolean", default: false }, json: { type: "string" } },
  });
  const root = positionals[0] ?? join(import.meta.dirname, "blind");
  const rows = await runBlind(root, values.verbose);
  console.log(reportBlind(root, rows, values.verbose));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);
}
