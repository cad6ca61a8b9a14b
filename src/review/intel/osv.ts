/**
 * OSV records as data: does a record name this npm package at this version, and does it say the
 * package is malicious (not merely vulnerable)? Pure; the records come from the OSV API or a folder
 * (src/npm/osv.ts). The algorithm is OSV's own (ossf.github.io/osv-schema, "Evaluation"): a version
 * is affected when the record lists it, or when one of its SEMVER/ECOSYSTEM ranges, walked in version
 * order, was last "introduced" at or before it and not "fixed" (or passed "last_affected") since.
 */
import semver from "semver";

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRecord {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  withdrawn?: string;
  affected?: {
    package?: { ecosystem?: string; name?: string };
    ranges?: { type?: string; events?: OsvEvent[] }[];
    versions?: string[];
  }[];
  database_specific?: Record<string, unknown>;
}

/** What a review reports of one record that names the version. */
export interface AdvisoryMatch {
  id: string;
  /** The record's summary (or the first line of its details). */
  summary: string;
  url: string;
  /** Where the record came from: the API's base URL, or "folder". */
  source: string;
  malicious: boolean;
}

const vulnUrl = (id: string) => `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;

/** CWE-506, "Embedded Malicious Code": how GitHub's reviewed advisories mark malware. */
const MALWARE_CWE = "CWE-506";

/** A malware record: OpenSSF's MAL- ids (or an alias of one), or an advisory filed as embedded malicious code. */
export function isMalicious(r: OsvRecord): boolean {
  if (r.id.startsWith("MAL-") || r.aliases?.some((a) => a.startsWith("MAL-"))) return true;
  const cwes = r.database_specific?.cwe_ids;
  return Array.isArray(cwes) && cwes.includes(MALWARE_CWE);
}

/** "0" is the start of time in OSV; anything semver cannot order is unknown (null). */
function compare(v: string, bound: string): number | null {
  if (bound === "0") return 1;
  const a = semver.valid(v, { loose: true });
  const b = semver.valid(bound, { loose: true });
  if (!a || !b) return null;
  return semver.compare(a, b, { loose: true });
}

type Placed = { event: OsvEvent; at: string };

function orderEvents(events: readonly OsvEvent[]): Placed[] | null {
  const placed: Placed[] = [];
  for (const e of events) {
    const at = e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
    if (typeof at !== "string") continue;
    if (at !== "0" && !semver.valid(at, { loose: true })) return null;
    placed.push({ event: e, at });
  }
  return placed.sort((x, y) =>
    x.at === "0" ? -1 : y.at === "0" ? 1 : semver.compare(x.at, y.at, { loose: true }),
  );
}

/** One SEMVER/ECOSYSTEM range: true, false, or null when its versions cannot be ordered. */
function inRange(version: string, events: readonly OsvEvent[]): boolean | null {
  const ordered = orderEvents(events);
  if (!ordered) return null;
  let affected = false;
  for (const { event, at } of ordered) {
    const c = compare(version, at);
    if (c === null) return null;
    if (event.introduced !== undefined) {
      if (c >= 0) affected = true;
    } else if (event.fixed !== undefined || event.limit !== undefined) {
      if (c >= 0) affected = false;
    } else if (event.last_affected !== undefined && c > 0) affected = false;
  }
  return affected;
}

/**
 * Does the record name `name@version`? A withdrawn record names nothing. A range whose versions
 * semver cannot order counts as naming it: an unknown is not a "no".
 */
export function affects(record: OsvRecord, name: string, version: string): boolean {
  if (record.withdrawn) return false;
  for (const a of record.affected ?? []) {
    if (a.package?.ecosystem !== "npm" || a.package.name !== name) continue;
    if (a.versions?.includes(version)) return true;
    // A record that names the package and no version or range at all: every version.
    if (!a.versions?.length && !a.ranges?.length) return true;
    for (const r of a.ranges ?? []) {
      if (r.type !== "SEMVER" && r.type !== "ECOSYSTEM") continue;
      if (inRange(version, r.events ?? []) !== false) return true;
    }
  }
  return false;
}

/** The match a review shows for one record. */
export function matchOf(record: OsvRecord, source: string): AdvisoryMatch {
  const summary =
    record.summary?.trim() || record.details?.trim().split("\n")[0]?.slice(0, 200) || "(no summary)";
  return { id: record.id, summary, url: vulnUrl(record.id), source, malicious: isMalicious(record) };
}

/** Accepts what parses as an OSV record (an id and, if present, an affected list); null otherwise. */
export function asRecord(doc: unknown): OsvRecord | null {
  if (!doc || typeof doc !== "object") return null;
  const r = doc as Partial<OsvRecord>;
  if (typeof r.id !== "string" || !r.id) return null;
  if (r.affected !== undefined && !Array.isArray(r.affected)) return null;
  return r as OsvRecord;
}
