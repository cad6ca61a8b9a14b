/**
 * Benchmark: `mcp-guard diff` against `npm diff --diff=A --diff=B` on real registry pairs,
 * cold (empty npm cache) and warm (same cache again), wall time and peak memory (RSS) of
 * each whole process, as measured by GNU time. Needs the registry; run `npm run build` first.
 *
 *   npm run bench                 all pairs in bench/pairs.json
 *   npm run bench -- --only mcp-remote --skip-npm
 *   npm run bench -- --npm-from bench/results/npm-diff.json   (reuse npm diff figures of an earlier run)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

interface Pair {
  name: string;
  from: string;
  to: string;
}
interface Run {
  seconds: number;
  peakMB: number;
  exit: number;
  stdoutBytes: number;
}
interface Measured extends Run {
  stdout: string;
}
interface Row {
  pair: string;
  guard: { cold: Run; warm: Run };
  npm: { cold: Run; warm: Run } | null;
  risk?: string;
  complete?: boolean;
  findings?: number;
  worst?: string[];
}

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: { only: { type: "string" }, "skip-npm": { type: "boolean" }, "npm-from": { type: "string" } },
});
/** `npm diff` does not change between mcp-guard versions: reuse its measurements from an earlier run. */
const earlier = values["npm-from"]
  ? new Map((JSON.parse(readFileSync(values["npm-from"], "utf8")) as Row[]).map((r) => [r.pair, r.npm]))
  : null;
const pairs = (JSON.parse(readFileSync(join(root, "bench", "pairs.json"), "utf8")) as Pair[]).filter(
  (p) => !values.only || p.name === values.only,
);
const cli = join(root, "dist", "cli.js");
if (!existsSync(cli)) throw new Error("run `npm run build` first");
if (!existsSync("/usr/bin/time"))
  throw new Error("GNU time (/usr/bin/time) is needed to measure peak memory");

function measure(cmd: string[], cache: string): Measured {
  const out = spawnSync("/usr/bin/time", ["-f", "%e %M", ...cmd], {
    env: { ...process.env, npm_config_cache: cache, NO_COLOR: "1" },
    maxBuffer: 1024 * 1024 * 1024,
    encoding: "utf8",
  });
  const last = out.stderr.trim().split("\n").at(-1) ?? "";
  const [secs, kb] = last.split(" ").map(Number);
  return {
    seconds: secs ?? Number.NaN,
    peakMB: Math.round((kb ?? 0) / 1024),
    exit: out.status ?? -1,
    stdoutBytes: Buffer.byteLength(out.stdout),
    stdout: out.stdout,
  };
}

function coldWarm(cmd: string[]): { cold: Measured; warm: Measured } {
  const cache = mkdtempSync(join(tmpdir(), "bench-cache-"));
  try {
    return { cold: measure(cmd, cache), warm: measure(cmd, cache) };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

const results: Row[] = [];
const strip = ({ stdout: _, ...run }: Measured): Run => run;
for (const p of pairs) {
  const guard = coldWarm(["node", cli, "diff", `${p.name}@${p.from}`, p.to, "--format", "json"]);
  let review: { risk?: string; complete?: boolean; findings?: { severity: string; rule: string }[] } = {};
  try {
    review = JSON.parse(guard.warm.stdout);
  } catch {
    /* recorded as exit code */
  }
  const pairName = `${p.name} ${p.from}→${p.to}`;
  const reused = earlier?.get(pairName) ?? null;
  const npm = reused
    ? { cold: { ...reused.cold, stdout: "" }, warm: { ...reused.warm, stdout: "" } }
    : values["skip-npm"]
      ? null
      : coldWarm([
          "npm",
          "diff",
          `--diff=${p.name}@${p.from}`,
          `--diff=${p.name}@${p.to}`,
          "--no-audit",
          "--no-fund",
        ]);
  const row: Row = {
    pair: pairName,
    guard: { cold: strip(guard.cold), warm: strip(guard.warm) },
    npm: npm && { cold: strip(npm.cold), warm: strip(npm.warm) },
    risk: review.risk,
    complete: review.complete,
    findings: review.findings?.length,
    worst: review.findings?.slice(0, 3).map((f) => `${f.severity} ${f.rule}`),
  };
  results.push(row);
  console.error(JSON.stringify(row));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : Number.NaN;
};
const lines = [
  "| pair | mcp-guard cold s / MB | warm s / MB | npm diff cold s / MB | warm s / MB | npm diff output | risk | complete |",
  "|---|---|---|---|---|---|---|---|",
  ...results.map((r) => {
    const g = r.guard;
    const n = r.npm;
    const fmt = (x: Run | undefined) => (x ? `${x.seconds.toFixed(1)} / ${x.peakMB}` : "–");
    return `| ${r.pair} | ${fmt(g.cold)} | ${fmt(g.warm)} | ${fmt(n?.cold)} | ${fmt(n?.warm)} | ${n ? `${(n.warm.stdoutBytes / 1024).toFixed(0)} KiB` : "–"} | ${r.risk} | ${r.complete} |`;
  }),
];
const ratio = (k: "cold" | "warm") =>
  results.filter((r) => r.npm).map((r) => r.guard[k].seconds / r.npm![k].seconds);
lines.push(
  "",
  `Median wall-time ratio mcp-guard / npm diff: cold ${median(ratio("cold")).toFixed(2)}×, warm ${median(ratio("warm")).toFixed(2)}×.`,
  `Slowest mcp-guard run: ${Math.max(...results.flatMap((r) => [r.guard.cold.seconds, r.guard.warm.seconds])).toFixed(1)} s; highest peak memory: ${Math.max(...results.flatMap((r) => [r.guard.cold.peakMB, r.guard.warm.peakMB]))} MB.`,
);
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(join(root, "bench", "results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(lines.join("\n"));
