/**
 * The release-age hold (a cooldown): a version younger than `min_release_age` keeps the check blocking
 * until it is old enough, because most malicious versions are found and pulled within days. The age
 * comes from config, else from the repository's own cooldown setting for its package manager, read
 * from the default branch like the config (a pull request cannot shorten its own hold). Pure.
 */
import { load as loadYaml } from "js-yaml";
import type { CommitFiles } from "./commit.js";

const MINUTE = 60_000;
const UNIT: Record<string, number> = {
  m: MINUTE,
  h: 60 * MINUTE,
  d: 24 * 60 * MINUTE,
  w: 7 * 24 * 60 * MINUTE,
};

/** `3d`, `72h`, `90m`, `1w`, `0`: milliseconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([mhdw]?)\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (n === 0) return 0;
  return m[2] ? Math.round(n * UNIT[m[2].toLowerCase()]!) : null;
}

export interface Cooldown {
  ms: number;
  /** Where it was set: `.github/mcp-guard.yml min_release_age`, `pnpm-workspace.yaml minimumReleaseAge`, … */
  from: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function yaml(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined) return null;
  try {
    const doc = loadYaml(text);
    return isObject(doc) ? doc : null;
  } catch {
    return null;
  }
}

/** `.npmrc`: `min-release-age=<days>` (npm). */
function npmrc(text: string | undefined): number | null {
  const m = text ? /^\s*min-release-age\s*=\s*(\d+(?:\.\d+)?)\s*$/m.exec(text) : null;
  return m ? Number(m[1]) * UNIT.d! : null;
}

/** `bunfig.toml`: `minimumReleaseAge = <seconds>` under `[install]`. */
function bunfig(text: string | undefined): number | null {
  if (!text) return null;
  const install = /^\s*\[install\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(text)?.[1] ?? "";
  const m = /^\s*minimumReleaseAge\s*=\s*(\d+)\s*$/m.exec(install);
  return m ? Number(m[1]) * 1000 : null;
}

/** Dependabot's `cooldown.default-days` of its npm updates (the longest). */
function dependabot(text: string | undefined): number | null {
  const updates = yaml(text)?.updates;
  if (!Array.isArray(updates)) return null;
  let best: number | null = null;
  for (const u of updates) {
    if (!isObject(u) || u["package-ecosystem"] !== "npm" || !isObject(u.cooldown)) continue;
    const days = u.cooldown["default-days"];
    if (typeof days === "number" && days >= 0) best = Math.max(best ?? 0, days * UNIT.d!);
  }
  return best;
}

/**
 * The repository's own cooldown, from the root files of the default branch: pnpm's
 * `minimumReleaseAge` (minutes), npm's `min-release-age` (days), yarn's `npmMinimalAgeGate` (minutes, or
 * a duration), bun's `minimumReleaseAge` (seconds), Dependabot's `cooldown.default-days`. The longest
 * one set wins; none set: null.
 */
export function repositoryCooldown(files: CommitFiles): Cooldown | null {
  const found: Cooldown[] = [];
  const add = (ms: number | null, from: string) => {
    if (ms !== null && Number.isFinite(ms) && ms >= 0) found.push({ ms, from });
  };
  const pnpm = yaml(files.get("pnpm-workspace.yaml"))?.minimumReleaseAge;
  add(typeof pnpm === "number" ? pnpm * MINUTE : null, "pnpm-workspace.yaml minimumReleaseAge");
  add(npmrc(files.get(".npmrc")), ".npmrc min-release-age");
  const yarn = yaml(files.get(".yarnrc.yml"))?.npmMinimalAgeGate;
  add(
    typeof yarn === "number" ? yarn * MINUTE : typeof yarn === "string" ? parseDuration(yarn) : null,
    ".yarnrc.yml npmMinimalAgeGate",
  );
  add(bunfig(files.get("bunfig.toml")), "bunfig.toml minimumReleaseAge");
  add(
    dependabot(files.get(".github/dependabot.yml") ?? files.get(".github/dependabot.yaml")),
    "Dependabot cooldown",
  );
  return found.sort((a, b) => b.ms - a.ms)[0] ?? null;
}

/** The files `repositoryCooldown` reads, at the repository's root. */
export const COOLDOWN_FILES = [
  "pnpm-workspace.yaml",
  ".npmrc",
  ".yarnrc.yml",
  "bunfig.toml",
  ".github/dependabot.yml",
  ".github/dependabot.yaml",
] as const;

export interface Hold {
  /** When the youngest held version is old enough (ISO, UTC). */
  until: string;
  /** The cooldown and where it was set. */
  cooldown: Cooldown;
  /** One line per held version. */
  why: string[];
}

/** A line in a review that waives the hold, from an approver whose approval counts. */
export const WAIVER = /^\s*mcp-guard:\s*waive release age\b/im;

/**
 * The hold on a change set: each version published less than `cooldown` before `now`, or with no
 * publish time at all (unknown is not old enough: it waits for a person, who may waive it).
 */
export function holdOf(
  changes: readonly { name: string; to: string; publishedAt?: string | null }[],
  cooldown: Cooldown,
  now: number,
): Hold | null {
  if (cooldown.ms <= 0) return null;
  let until = 0;
  const why: string[] = [];
  for (const c of changes) {
    if (c.publishedAt === undefined) continue; // not a registry version (a settings file, a removal)
    const at = c.publishedAt === null ? Number.NaN : Date.parse(c.publishedAt);
    if (Number.isNaN(at)) {
      why.push(`${c.name}@${c.to}: the registry gives no publish time, so its age is unknown`);
      until = Math.max(until, Number.POSITIVE_INFINITY);
      continue;
    }
    if (now >= at + cooldown.ms) continue;
    until = Math.max(until, at + cooldown.ms);
    why.push(
      `${c.name}@${c.to} was published ${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`,
    );
  }
  if (!why.length) return null;
  const at = Number.isFinite(until) ? new Date(until).toISOString() : "never (age unknown)";
  return { until: at, cooldown, why };
}
