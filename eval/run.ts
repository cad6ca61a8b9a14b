/**
 * Detection figures on three corpora (docs/EVAL.md): synthetic attacks and look-alikes
 * (eval/synthetic.ts), real malicious npm updates (eval/incidents.json) and consecutive releases
 * of real MCP servers (eval/benign.json). Tarballs are downloaded from the registry into a cache
 * folder and read as data, in memory, like the CLI reads them: nothing is installed or run. An
 * incident the registry no longer serves may give unpacked folders instead (fromDir/toDir, relative
 * to eval/), read the same way.
 *
 *   npm run eval                              every corpus
 *   npm run eval -- --only synthetic          one corpus (synthetic | incidents | benign | tools | install | blind)
 *   npm run eval -- --limit 20 --verbose      the first 20 pairs of each, with every finding
 *
 * EVAL_CACHE=<folder> keeps the tarballs (default: ~/.cache/mcp-guard-eval).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import semver from "semver";
import { withLimits } from "../src/common/limits.js";
import { looksLikeMcp } from "../src/gate/guard.js";
import { readFolder } from "../src/npm/folder.js";
import { readTarball } from "../src/npm/tarball.js";
import { resolveDependencyChanges, reviewDependencyChanges } from "../src/npm/transitive.js";
import { withDependencies } from "../src/review/dependencies.js";
import { reviewPackage } from "../src/review/engine.js";
import { makeSnapshot, readPackageFile } from "../src/review/files.js";
import { toolList } from "../src/review/mcp/tool-list.js";
import type { PackageReview, PackageSnapshot } from "../src/review/types.js";
import { RULES } from "../src/rules/index.js";
import { reportBlind, runBlind } from "./blind.js";
import { installCorpora } from "./install.js";
import { syntheticPairs } from "./synthetic.js";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    limit: { type: "string" },
    verbose: { type: "boolean", default: false },
    // Also review what each pair adds or changes in the install (resolved against the registry, as the CLI does).
    deps: { type: "boolean", default: false },
  },
});
const limits = withLimits();
const LEVELS = ["none", "low", "medium", "high", "critical"] as const;
const rank = (r: string) => LEVELS.indexOf(r as (typeof LEVELS)[number]);
const cache = process.env.EVAL_CACHE ?? join(homedir(), ".cache", "mcp-guard-eval");
const here = import.meta.dirname;
const limit = args.limit ? Number(args.limit) : Number.POSITIVE_INFINITY;

interface Row {
  id: string;
  expect: string;
  risk: string;
  ok: boolean;
  top: string[];
  error?: string;
}

function snapshotOf(version: string, files: Record<string, string>): PackageSnapshot {
  const map = new Map();
  for (const [path, text] of Object.entries(files))
    map.set(path, readPackageFile(path, Buffer.from(text), 0o644, limits));
  return makeSnapshot(`synthetic@${version}`, map, []);
}

async function tarball(url: string, integrity?: string): Promise<Buffer> {
  const file = join(cache, `${createHash("sha256").update(url).digest("hex")}.tgz`);
  if (existsSync(file)) return readFileSync(file);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const data = Buffer.from(await res.arrayBuffer());
  if (integrity?.startsWith("sha512-")) {
    const got = `sha512-${createHash("sha512").update(data).digest("base64")}`;
    if (got !== integrity) throw new Error(`${url}: integrity mismatch`);
  }
  mkdirSync(cache, { recursive: true });
  writeFileSync(file, data);
  return data;
}

function summary(r: PackageReview): string[] {
  return r.findings
    .sort((x, y) => rank(y.severity) - rank(x.severity))
    .slice(0, args.verbose ? 50 : 3)
    .map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line ?? ""} ${f.message}`.slice(0, 220));
}

function review(a: PackageSnapshot, b: PackageSnapshot): PackageReview {
  return reviewPackage(a, b, { limits, rules: RULES });
}

/** The review with the dependencies the pair adds or changes (no intelligence source: only code counts). */
async function withDeps(own: PackageReview, a: PackageSnapshot, b: PackageSnapshot): Promise<PackageReview> {
  const opts = {
    limits,
    osv: { api: null, dir: join(here, "..", "fixtures", "intel", "osv", "none") },
    advisories: "best-effort" as const,
    engine: { rules: RULES },
  };
  const { changes, problems } = await resolveDependencyChanges(a, b, opts);
  const merged = withDependencies(own, await reviewDependencyChanges(changes, opts));
  return problems.length
    ? { ...merged, complete: false, incomplete: [...merged.incomplete, ...problems] }
    : merged;
}

async function synthetic(): Promise<Row[]> {
  return syntheticPairs()
    .slice(0, limit)
    .map((p) => {
      const r = review(snapshotOf("1.0.0", p.a), snapshotOf("1.0.1", p.b));
      const ok = p.benign ? rank(r.risk) <= rank("low") : rank(r.risk) >= rank(p.expect);
      return { id: p.id, expect: p.expect, risk: r.risk, ok, top: summary(r) };
    });
}

interface Remote {
  name: string;
  from: string;
  to: string;
  expect?: string;
  fromTarball?: string;
  toTarball?: string;
  fromIntegrity?: string;
  toIntegrity?: string;
  /** Unpacked package folders (relative to eval/), for releases the registry no longer serves. */
  fromDir?: string;
  toDir?: string;
}

const REGISTRY = "https://registry.npmjs.org";
const plainTarball = (name: string, version: string) =>
  `${REGISTRY}/${name}/-/${name.replace(/^@[^/]+\//, "")}-${version}.tgz`;

async function remote(list: Remote[], benign: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  for (const p of list.slice(0, limit)) {
    const id = `${p.name} ${p.from} → ${p.to}`;
    const expect = benign ? "low" : (p.expect ?? "high");
    try {
      // A folder is read as data, like `mcp-guard diff` reads one; otherwise the registry tarball.
      const side = async (version: string, dir?: string, url?: string, integrity?: string) =>
        dir
          ? readFolder(join(here, dir), limits)
          : readTarball(
              `${p.name}@${version}`,
              await tarball(url ?? plainTarball(p.name, version), integrity),
              limits,
            );
      const [a, b] = await Promise.all([
        side(p.from, p.fromDir, p.fromTarball, p.fromIntegrity),
        side(p.to, p.toDir, p.toTarball, p.toIntegrity),
      ]);
      const r = args.deps ? await withDeps(review(a, b), a, b) : review(a, b);
      const ok = benign ? rank(r.risk) <= rank("medium") : rank(r.risk) >= rank(expect);
      rows.push({ id, expect, risk: r.risk, ok, top: summary(r) });
    } catch (e) {
      rows.push({ id, expect, risk: "error", ok: false, top: [], error: (e as Error).message.slice(0, 200) });
    }
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  return rows;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "–");

function report(name: string, rows: Row[]) {
  const attacks = rows.filter((r) => r.expect !== "none" && r.expect !== "low");
  const benign = rows.filter((r) => r.expect === "none" || r.expect === "low");
  console.log(`\n## ${name}: ${rows.length} pairs`);
  if (attacks.length) {
    const hit = attacks.filter((r) => r.ok).length;
    console.log(
      `attacks at or above their expected level: ${hit}/${attacks.length} (${pct(hit, attacks.length)})`,
    );
    for (const r of attacks.filter((x) => !x.ok))
      console.log(
        `  MISSED ${r.id}: ${r.risk} (expected ${r.expect})${r.error ? ` ${r.error}` : ""}\n    ${r.top.join("\n    ")}`,
      );
  }
  if (benign.length) {
    const measured = benign.filter((r) => r.risk !== "error");
    const high = measured.filter((r) => rank(r.risk) >= rank("high"));
    const critical = measured.filter((r) => r.risk === "critical");
    const quiet = measured.filter((r) => rank(r.risk) <= rank("low"));
    console.log(
      `benign: high or critical ${high.length}/${measured.length} (${pct(high.length, measured.length)}), critical ${critical.length} (${pct(critical.length, measured.length)}), none or low ${quiet.length} (${pct(quiet.length, measured.length)}); errors ${benign.length - measured.length}`,
    );
    const counts = Object.fromEntries(LEVELS.map((l) => [l, measured.filter((r) => r.risk === l).length]));
    console.log(`  by risk: ${JSON.stringify(counts)}`);
    for (const r of [...high, ...benign.filter((x) => x.risk === "error")])
      console.log(
        `  ${r.risk.toUpperCase()} ${r.id}${r.error ? ` ${r.error}` : ""}\n    ${r.top.join("\n    ")}`,
      );
    if (args.verbose)
      for (const r of measured.filter((x) => x.risk === "medium"))
        console.log(`  medium ${r.id}\n    ${r.top.join("\n    ")}`);
  }
}

interface TruthEntry {
  name: string;
  version: string;
  style: string;
  tools: string[];
  optional?: string[];
}

/**
 * `mcp-guard tools` against true tool lists (eval/tools.json): exact, partial and said so (complete:
 * false, nothing listed that is not a tool), or wrong (a list that looks complete and is not).
 */
/** The newest version of `name` that `range` (a semver range or a dist-tag) allows, from the registry. */
async function resolveRange(name: string, range: string): Promise<string> {
  const res = await fetch(`${REGISTRY}/${name.replace("/", "%2f")}`, {
    headers: { accept: "application/vnd.npm.install-v1+json" },
  });
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  const doc = (await res.json()) as {
    versions: Record<string, unknown>;
    "dist-tags": Record<string, string>;
  };
  const version = doc["dist-tags"][range] ?? semver.maxSatisfying(Object.keys(doc.versions), range);
  if (!version) throw new Error(`${name}@${range}: no such version`);
  return version;
}

async function toolLists(list: TruthEntry[]) {
  console.log(`\n## tool lists: ${list.length} servers`);
  const verdicts: Record<string, number> = { exact: 0, "partial, said so": 0, wrong: 0, error: 0 };
  for (const t of list.slice(0, limit)) {
    try {
      const data = await tarball(plainTarball(t.name, t.version));
      const snap = await readTarball(`${t.name}@${t.version}`, data, limits);
      // As `mcp-guard tools` reports it: registered tools and hidden ones, a wrapper's from its dependency.
      const { surface, gaps } = await toolList(snap, looksLikeMcp(snap.manifest), async (name, range) => {
        const version = await resolveRange(name, range);
        return readTarball(`${name}@${version}`, await tarball(plainTarball(name, version)), limits);
      });
      const listed = [...surface.tools.filter((x) => x.state !== "unregistered"), ...surface.hidden];
      const got = [...new Set(listed.map((x) => x.name))].sort();
      const allowed = new Set([...t.tools, ...(t.optional ?? [])]);
      const exact = !gaps.length && t.tools.every((n) => got.includes(n)) && got.every((n) => allowed.has(n));
      const honest = gaps.length > 0 && got.every((n) => allowed.has(n));
      const verdict = exact ? "exact" : honest ? "partial, said so" : "wrong";
      verdicts[verdict]!++;
      const missing = t.tools.filter((n) => !got.includes(n));
      const extra = got.filter((n) => !allowed.has(n));
      console.log(
        `  ${verdict.padEnd(16)} ${t.name}@${t.version} (${t.style}): ${got.length}/${t.tools.length} listed${missing.length ? `, missing ${missing.slice(0, 6).join(" ")}${missing.length > 6 ? " …" : ""}` : ""}${extra.length ? `, not tools: ${extra.slice(0, 6).join(" ")}` : ""}${gaps.length ? ` [${gaps.join("; ").slice(0, 120)}]` : ""}`,
      );
    } catch (e) {
      verdicts.error!++;
      console.log(`  error            ${t.name}@${t.version}: ${(e as Error).message.slice(0, 120)}`);
    }
  }
  console.log(`  ${JSON.stringify(verdicts)}`);
}

const read = (f: string) => JSON.parse(readFileSync(join(here, f), "utf8"));
const results: Record<string, Row[]> = {};
if (!args.only || args.only === "synthetic") {
  results.synthetic = await synthetic();
  report("synthetic", results.synthetic);
}
if ((!args.only || args.only === "incidents") && existsSync(join(here, "incidents.json"))) {
  results.incidents = await remote(read("incidents.json"), false);
  report("real incidents", results.incidents);
}
if (!args.only || args.only === "benign") {
  results.benign = await remote(read("benign.details.json"), true);
  report("benign releases", results.benign);
}
if ((!args.only || args.only === "tools") && existsSync(join(here, "tools.json")))
  await toolLists(read("tools.json"));
// Blind sets written from an attacker's brief by authors who never read the engine (eval/blind/).
if (!args.only || args.only === "blind")
  for (const set of readdirSync(join(here, "blind")).filter((d) =>
    existsSync(join(here, "blind", d, "cases")),
  )) {
    const rows = await runBlind(join(here, "blind", set, "cases"), args.verbose);
    console.log(`\n${reportBlind(set, rows, args.verbose)}`);
    results[`blind-${set}`] = rows as never;
  }
// The gate's install model on pull requests verified with the real package managers (eval/install.ts).
if (!args.only || args.only === "install") {
  for (const [date, rows] of Object.entries(await installCorpora()))
    results[`install-${date}`] = rows as never;
}
mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(join(here, "results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
