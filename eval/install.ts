/**
 * The install-attack corpora (eval/install-attacks/<date>/): pull requests after which a real package
 * manager installs other code for postmark-mcp than the base did, written and verified with the real
 * managers by someone who never read the gate. Each case's files are read the way the app reads a pull
 * request (the dependency files of the folders it touches and their ancestors, then every workspace
 * member's package.json from the head's file list), and the gate's verdict is scored:
 *
 *   caught   the verdict is unknown (blocking), or names a guarded change installing what landed
 *   missed   anything else: "no change", or a change that is not what the manager installs
 *
 * Benign controls count as crying wolf when the verdict is unknown. The registry's version documents
 * come from the corpus's own universe (its tarballs' integrity at the corpus's registry origin).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import semver from "semver";
import { withLimits } from "../src/common/limits.js";
import {
  ancestors,
  DEPENDENCY_FILES,
  findChanges,
  folderOf,
  isDependencyFile,
  type VersionChange,
} from "../src/gate/changes.js";
import { Commit, type CommitFiles } from "../src/gate/commit.js";
import type { GuardConfig } from "../src/gate/config.js";
import { newSpecs, oldSpecs } from "../src/gate/guard.js";
import { missingMembers } from "../src/gate/install/index.js";
import { type Verdict, verdictOf } from "../src/gate/verdict.js";
import { readTarball } from "../src/npm/tarball.js";

const ORIGIN = "http://127.0.0.1:4873";

interface Landed {
  path: string;
  name: string;
  version: string;
  sha256: string;
}
interface Case {
  id: string;
  manager: string;
  kind: "attack" | "benign";
  technique: string;
  fooled: string[];
  landed: { base: Landed[]; head: Landed[] };
}
interface UniverseEntry {
  name: string;
  version: string;
  file: string;
  integrity: string;
  shasum: string;
  keywords?: string[];
  dependencies?: Record<string, string>;
}

export interface InstallRow {
  id: string;
  manager: string;
  kind: string;
  technique: string;
  outcome: "caught" | "missed" | "ok" | "cried wolf";
  verdict: string;
}

function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split("\\").join("/"), readFileSync(p, "latin1"));
    }
  };
  walk(dir);
  // Texts as UTF-8 (binary files are never read by the gate; only their paths matter).
  for (const [k, v] of out) out.set(k, Buffer.from(v, "latin1").toString("utf8"));
  return out;
}

/** What the app reads of one commit: dependency files of the touched folders and their ancestors, then members. */
function asTheAppReads(all: Map<string, string>, dirs: Set<string>, members: boolean): CommitFiles {
  const files: CommitFiles = new Map();
  for (const dir of dirs)
    for (const name of DEPENDENCY_FILES) {
      const path = dir ? `${dir}/${name}` : name;
      if (all.has(path)) files.set(path, all.get(path)!);
    }
  if (members) {
    for (const folder of missingMembers(new Commit(files), [...all.keys()])) {
      const path = `${folder}/package.json`;
      if (all.has(path)) files.set(path, all.get(path)!);
    }
  }
  return files;
}

/**
 * Registry documents from the universe, as the registry makes them on publish: the tarball's own
 * package.json plus `dist`. Ranges and tags are resolved as the registry would.
 */
async function manifestsFrom(
  folder: string,
  universe: UniverseEntry[],
): Promise<(spec: string) => Record<string, unknown> | null> {
  const docs = new Map<UniverseEntry, Record<string, unknown>>();
  for (const u of universe) {
    const tgz = readFileSync(join(folder, "universe", u.file));
    const own = (await readTarball(u.file, tgz, withLimits())).manifest;
    docs.set(u, {
      ...own,
      name: u.name,
      version: u.version,
      dist: {
        tarball: `${ORIGIN}/${u.name}/-/${u.name.replace(/^@[^/]+\//, "")}-${u.version}.tgz`,
        integrity: u.integrity,
        shasum: u.shasum,
      },
    });
  }
  return (spec) => {
    const at = spec.indexOf("@", 1);
    const name = spec.slice(0, at);
    const want = spec.slice(at + 1);
    const versions = universe.filter((u) => u.name === name);
    const best = semver.maxSatisfying(
      versions.map((v) => v.version),
      want === "latest" ? "*" : want,
    );
    const pick = versions.find((u) => u.version === want) ?? versions.find((u) => u.version === best);
    return pick ? docs.get(pick)! : null;
  };
}

const namesOf = (c: VersionChange) => [c.name, c.alias, c.was?.name].filter(Boolean) as string[];

function describe(v: Verdict): string {
  if (v.kind === "no-change") return "no change";
  if (v.kind === "unknown") return `unknown: ${v.message.slice(0, 160)}`;
  return `changes: ${v.changes.map((c) => `${c.alias ? `${c.alias}=` : ""}${c.name} ${c.from ?? "new"}→${c.to}`).join(", ")}`;
}

export async function runInstallCorpus(folder: string): Promise<InstallRow[]> {
  const universe = JSON.parse(
    readFileSync(join(folder, "universe", "universe.json"), "utf8"),
  ) as UniverseEntry[];
  const lookup = await manifestsFrom(folder, universe);
  const packages: GuardConfig["packages"] = { detectMcp: true, include: [], exclude: [], all: false };
  const rows: InstallRow[] = [];
  for (const id of readdirSync(join(folder, "cases")).sort()) {
    const dir = join(folder, "cases", id);
    const c = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as Case;
    const baseAll = readTree(join(dir, "base"));
    const headAll = readTree(join(dir, "head"));
    const changed = [...new Set([...baseAll.keys(), ...headAll.keys()])].filter(
      (p) => baseAll.get(p) !== headAll.get(p),
    );
    const dirs = new Set(
      changed
        .filter(isDependencyFile)
        .map(folderOf)
        .flatMap((d) => [d, ...ancestors(d)]),
    );
    const base = asTheAppReads(baseAll, dirs, false);
    const head = asTheAppReads(headAll, dirs, true);
    // The app reads the registry documents the gate asks for: every spec it could ask is answered here.
    const manifests = new Map<string, Record<string, unknown> | null>();
    const answer = (specs: string[]) => {
      for (const s of specs) manifests.set(s, lookup(s));
    };
    let verdict: Verdict;
    try {
      const all = findChanges(base, head);
      answer(newSpecs(all, packages));
      answer(oldSpecs(all, packages, manifests));
      for (const ch of all) if (ch.source === "lockfile" && ch.to) answer([`${ch.name}@${ch.to}`]);
      verdict = verdictOf(base, head, packages, manifests, withLimits());
    } catch (e) {
      verdict = { kind: "unknown", code: "THROWN", message: (e as Error).message };
    }
    let outcome: InstallRow["outcome"];
    if (c.kind === "benign") outcome = verdict.kind === "unknown" ? "cried wolf" : "ok";
    else {
      const differs = c.landed.head.filter(
        (h) => !c.landed.base.some((b) => b.path === h.path && b.sha256 === h.sha256),
      );
      const shown = (h: Landed) =>
        verdict.kind === "changes" &&
        verdict.changes.some(
          (ch) =>
            // The package whose tarball now bundles it is the change that brings the code.
            ch.bundles?.includes(h.name) ||
            ((ch.source === "settings" ||
              namesOf(ch).includes(h.name) ||
              namesOf(ch).includes(h.path.slice(h.path.lastIndexOf("node_modules/") + 13))) &&
              (ch.source === "settings" || ch.to === h.version)),
        );
      outcome =
        verdict.kind === "unknown" || (differs.length > 0 && differs.every(shown)) ? "caught" : "missed";
    }
    rows.push({
      id,
      manager: c.manager,
      kind: c.kind,
      technique: c.technique,
      outcome,
      verdict: describe(verdict),
    });
  }
  return rows;
}

export function reportInstall(label: string, rows: InstallRow[]): void {
  const attacks = rows.filter((r) => r.kind === "attack");
  const benign = rows.filter((r) => r.kind === "benign");
  const caught = attacks.filter((r) => r.outcome === "caught").length;
  const wolf = benign.filter((r) => r.outcome === "cried wolf").length;
  console.log(
    `\n${label}: ${caught}/${attacks.length} attacks caught; ${wolf}/${benign.length} benign controls blocked`,
  );
  for (const r of rows)
    if (r.outcome === "missed" || r.outcome === "cried wolf" || process.env.EVAL_VERBOSE)
      console.log(
        `  ${r.outcome.padEnd(10)} ${r.id} (${r.manager}): ${r.technique}\n             ${r.verdict}`,
      );
}

/** Every dated corpus under eval/install-attacks (or the named ones), with its figures. */
export async function installCorpora(only: string[] = []): Promise<Record<string, InstallRow[]>> {
  const root = join(import.meta.dirname, "install-attacks");
  const out: Record<string, InstallRow[]> = {};
  for (const date of readdirSync(root).sort()) {
    if (!statSync(join(root, date)).isDirectory()) continue;
    if (only.length && !only.includes(date)) continue;
    out[date] = await runInstallCorpus(join(root, date));
    reportInstall(`install attacks ${date}`, out[date]);
  }
  return out;
}

// `npx tsx eval/install.ts [corpus…]`: the install corpora alone.
if (process.argv[1]?.endsWith("install.ts")) await installCorpora(process.argv.slice(2));
