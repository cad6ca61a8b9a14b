/**
 * Malware intelligence: OSV records that name a package version, from the OSV API (`POST
 * /v1/querybatch`, then `GET /v1/vulns/<id>` for each id it returns) and from a folder of OSV records
 * (a copy of ossf/malicious-packages' `osv/malicious/npm`, laid out `<dir>/<name>/<ID>.json`, or flat).
 * Records are data: parsed as JSON with size caps, never anything else. Which record names which
 * version is decided by the pure matcher (src/review/intel/osv.ts).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import type { Limits } from "../common/limits.js";
import { type AdvisoryMatch, affects, asRecord, matchOf, type OsvRecord } from "../review/intel/osv.js";
import { isTransient, retryPolicy, withRetries } from "./deadline.js";
import { fetchJson } from "./json-fetch.js";

export const OSV_API = "https://api.osv.dev";

/** Where records come from: the API (null: not asked) and a folder (null: none). */
export interface AdvisorySources {
  api: string | null;
  dir: string | null;
}

/**
 * From the environment: `MCP_GUARD_OSV_URL` (the API's base URL; `off` asks no API) and
 * `MCP_GUARD_OSV_DIR` (a folder of records). A folder alone is the offline setup; nothing set asks the
 * public API.
 */
export function advisorySources(env: Record<string, string | undefined>): AdvisorySources {
  const url = env.MCP_GUARD_OSV_URL?.trim();
  const dir = env.MCP_GUARD_OSV_DIR?.trim() || null;
  if (url === "off") return { api: null, dir };
  return { api: url || (dir ? null : OSV_API), dir };
}

export interface PackageVersion {
  name: string;
  version: string;
}

export interface AdvisoryLookup {
  /** Matches by `name@version`. */
  matches: Map<string, AdvisoryMatch[]>;
  sources: string[];
  /** Why a source could not be asked (the lookup is then not a clean one). */
  problem?: string;
}

/** A record file over this is not an OSV record of one package: skipped, and said. */
const MAX_RECORD_BYTES = 1024 * 1024;
/** Records read from one package's folder (a package with more is said to be unreadable). */
const MAX_RECORDS_PER_PACKAGE = 500;
/** Ids whose full record the API is asked for, per lookup. */
const MAX_API_RECORDS = 100;

const key = (p: PackageVersion) => `${p.name}@${p.version}`;

function add(out: Map<string, AdvisoryMatch[]>, p: PackageVersion, m: AdvisoryMatch) {
  const list = out.get(key(p)) ?? [];
  if (!list.some((x) => x.id === m.id)) list.push(m);
  out.set(key(p), list);
}

/**
 * One record file. One that is too large, does not parse or is not an OSV record is an error, not a
 * skipped file: a record nobody can read may be the one that names the version.
 */
async function readRecord(path: string): Promise<OsvRecord> {
  const st = await stat(path);
  if (!st.isFile() || st.size > MAX_RECORD_BYTES)
    throw new Error(`${path} is not a record file of at most ${MAX_RECORD_BYTES} bytes`);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new Error(`${path} does not parse as JSON (${(e as Error).message})`);
  }
  const record = asRecord(doc);
  if (!record) throw new Error(`${path} is not an OSV record`);
  return record;
}

/** `.json` files of a folder (not followed into `withdrawn` folders: those records are retracted). */
async function jsonFiles(dir: string): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return [];
    throw e;
  }
  return entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => join(dir, e.name));
}

/** Records of a folder that name the versions asked: `<dir>/<name>/*.json`, and flat files in `<dir>`. */
export async function lookupFolder(
  dir: string,
  queries: readonly PackageVersion[],
): Promise<Map<string, AdvisoryMatch[]>> {
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new Error(`${dir} is not a folder of OSV records`);
  const out = new Map<string, AdvisoryMatch[]>();
  const flat = await jsonFiles(dir);
  if (flat.length > MAX_RECORDS_PER_PACKAGE)
    throw new Error(
      `${dir} holds ${flat.length} records at its top, over ${MAX_RECORDS_PER_PACKAGE}: lay them out by package`,
    );
  const flatRecords = await Promise.all(flat.map(readRecord));
  for (const q of queries) {
    // A scoped name is two folders deep (`@scope/name`); `..` cannot appear in a package name npm accepts.
    if (q.name.split("/").some((part) => part === ".." || part === ".")) continue;
    const files = await jsonFiles(join(dir, ...q.name.split("/")));
    if (files.length > MAX_RECORDS_PER_PACKAGE)
      throw new Error(`${q.name} has ${files.length} records in ${dir}, over ${MAX_RECORDS_PER_PACKAGE}`);
    const records = [...flatRecords];
    for (const f of files) {
      if (f.split(sep).includes("withdrawn")) continue;
      records.push(await readRecord(f));
    }
    for (const r of records) if (affects(r, q.name, q.version)) add(out, q, matchOf(r, "folder"));
  }
  return out;
}

interface BatchAnswer {
  results?: { vulns?: { id?: unknown }[] }[];
}

/** The API's answer for every version asked: the ids it names, then each record (to tell malware apart). */
export async function lookupApi(
  base: string,
  queries: readonly PackageVersion[],
  limits: Limits,
): Promise<Map<string, AdvisoryMatch[]>> {
  const root = base.replace(/\/+$/, "");
  const policy = retryPolicy(limits);
  const answer = (await withRetries(
    () =>
      fetchJson(`${root}/v1/querybatch`, limits, {
        queries: queries.map((q) => ({ package: { ecosystem: "npm", name: q.name }, version: q.version })),
      }),
    isTransient,
    policy,
  )) as BatchAnswer;
  const results = answer?.results;
  if (!Array.isArray(results) || results.length !== queries.length)
    throw new Error(
      `${root}/v1/querybatch answered ${results?.length ?? "no"} results for ${queries.length} queries`,
    );
  const ids = new Map<string, PackageVersion[]>();
  results.forEach((r, i) => {
    for (const v of r?.vulns ?? []) {
      if (typeof v?.id !== "string") continue;
      ids.set(v.id, [...(ids.get(v.id) ?? []), queries[i]!]);
    }
  });
  if (ids.size > MAX_API_RECORDS)
    throw new Error(`${root} names ${ids.size} records, over ${MAX_API_RECORDS}`);
  const out = new Map<string, AdvisoryMatch[]>();
  for (const [id, asked] of ids) {
    const doc = await withRetries(
      () => fetchJson(`${root}/v1/vulns/${encodeURIComponent(id)}`, limits),
      isTransient,
      policy,
    );
    const record = asRecord(doc);
    if (!record) throw new Error(`${root}/v1/vulns/${id} is not an OSV record`);
    // The API names records by the query; the record's own ranges are the evidence shown.
    for (const q of asked) if (!record.withdrawn) add(out, q, matchOf(record, root));
  }
  return out;
}

/** Asks every configured source; a source that fails is said in `problem`, never read as "no record". */
export async function lookupAdvisories(
  queries: readonly PackageVersion[],
  sources: AdvisorySources,
  limits: Limits,
): Promise<AdvisoryLookup> {
  const matches = new Map<string, AdvisoryMatch[]>();
  const asked: string[] = [];
  const problems: string[] = [];
  const wanted = queries.filter((q) => q.name && q.version);
  if (sources.dir) {
    asked.push(`folder ${sources.dir}`);
    try {
      mergeInto(matches, await lookupFolder(sources.dir, wanted));
    } catch (e) {
      problems.push(`the OSV folder ${sources.dir}: ${(e as Error).message}`);
    }
  }
  if (sources.api) {
    asked.push(sources.api);
    if (wanted.length) {
      try {
        mergeInto(matches, await lookupApi(sources.api, wanted, limits));
      } catch (e) {
        problems.push(`the OSV API at ${sources.api}: ${(e as Error).message}`);
      }
    }
  }
  if (!sources.api && !sources.dir) problems.push("no advisory source is configured");
  return { matches, sources: asked, ...(problems.length ? { problem: problems.join("; ") } : {}) };
}

function mergeInto(into: Map<string, AdvisoryMatch[]>, found: Map<string, AdvisoryMatch[]>) {
  for (const [k, list] of found) {
    const have = into.get(k) ?? [];
    for (const m of list) if (!have.some((x) => x.id === m.id)) have.push(m);
    into.set(k, have);
  }
}
