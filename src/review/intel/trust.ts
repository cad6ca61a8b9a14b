/**
 * Publishing evidence out of a packument, and the two comparisons npm and pnpm make of it (pure):
 * - trust rank: staged publish 3 > trusted publisher 2 > provenance 1 > none 0. A version ranked below
 *   a version published before it is a trust downgrade (the stolen-token pattern: a token can publish,
 *   but not from the project's CI with its OIDC identity or provenance);
 * - publisher history: who published the last versions, and who maintains the package.
 */
import semver from "semver";
import type { PublishingEvidence, VersionPublishing } from "./types.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const out = list
    .map((m) => (isObject(m) ? str(m.name) : str(m)?.replace(/\s*<.*$/, "")))
    .filter((n): n is string => !!n);
  return [...new Set(out)].sort();
}

/** One version's evidence, from its packument entry and the packument's `time`. */
export function versionPublishing(version: string, entry: unknown, time: unknown): VersionPublishing {
  const v = isObject(entry) ? entry : {};
  const user = isObject(v._npmUser) ? v._npmUser : {};
  const dist = isObject(v.dist) ? v.dist : {};
  const attestations = isObject(dist.attestations) ? dist.attestations : null;
  const trusted = isObject(user.trustedPublisher) ? (str(user.trustedPublisher.id) ?? "unknown") : null;
  const provenance = !!attestations && !!attestations.provenance;
  // pnpm's trustChecks.ts, in its order: a staged publish records its approver in `_npmUser.approver`;
  // a trusted publisher counts only with the provenance it publishes (pnpm 11.4); provenance alone is 1.
  const staged = user.approver !== undefined && user.approver !== null;
  const rank = staged ? 3 : trusted && provenance ? 2 : provenance ? 1 : 0;
  return {
    version,
    time: isObject(time) ? str(time[version]) : null,
    publisher: str(user.name),
    trustedPublisher: trusted,
    provenance,
    staged,
    rank,
    maintainers: names(v.maintainers),
    attestations: attestations ? str(attestations.url) : null,
    integrity: str(dist.integrity),
    signatures: dist.signatures,
  };
}

const millis = (t: string | null) => (t ? Date.parse(t) : Number.NaN);

/** Every version of a packument with its evidence, oldest first by `time` (undated ones last). */
export function publishingOf(
  packument: Record<string, unknown>,
  change: { name: string; from: string | null; to: string },
): PublishingEvidence {
  const versions = isObject(packument.versions) ? packument.versions : {};
  const list = Object.entries(versions).map(([v, e]) => versionPublishing(v, e, packument.time));
  list.sort((x, y) => {
    const a = millis(x.time);
    const b = millis(y.time);
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    return a - b;
  });
  return { ...change, versions: list, maintainers: names(packument.maintainers) };
}

export const RANK_NAMES = [
  "no publishing evidence",
  "provenance",
  "a trusted publisher",
  "staged publishing",
];

export type TrustVerdict =
  | { kind: "ok" }
  | { kind: "unknown"; why: string }
  | { kind: "downgrade"; to: VersionPublishing; earlier: VersionPublishing };

/**
 * pnpm's `trustPolicy: no-downgrade` (resolving/npm-resolver/src/trustChecks.ts), as data: the versions
 * published strictly before B by `time` (undated ones skipped; a stable B ignores prereleases), across
 * every major, and the strongest evidence among them. B below it is a downgrade; the earlier version
 * named is the latest one with that evidence. B without a `time` is unknown.
 */
export function trustVerdict(p: PublishingEvidence): TrustVerdict {
  const to = p.versions.find((v) => v.version === p.to);
  if (!to) return { kind: "unknown", why: `the registry's packument does not list ${p.name}@${p.to}` };
  const at = millis(to.time);
  if (Number.isNaN(at)) return { kind: "unknown", why: `the registry gives no publish time for ${p.to}` };
  const stable = !semver.prerelease(p.to, { loose: true });
  const earlier = p.versions.filter((v) => {
    const t = millis(v.time);
    if (v.version === p.to || Number.isNaN(t) || t >= at) return false;
    return !(stable && semver.prerelease(v.version, { loose: true }));
  });
  const strongest = Math.max(0, ...earlier.map((v) => v.rank));
  if (to.rank >= strongest) return { kind: "ok" };
  const named = earlier.filter((v) => v.rank === strongest).at(-1)!;
  return { kind: "downgrade", to, earlier: named };
}

/** How many of the latest versions before B the publisher history looks at. */
export const PUBLISHER_HISTORY = 10;

export interface PublisherChange {
  /** B's publisher published none of the last versions before it (those are listed). */
  newPublisher?: { publisher: string; history: string[] };
  /** The maintainers recorded with A and with B differ. */
  maintainers?: { added: string[]; removed: string[] };
}

/** Who published B against who published the versions before it, and A's maintainers against B's. */
export function publisherChange(p: PublishingEvidence): PublisherChange {
  const out: PublisherChange = {};
  const i = p.versions.findIndex((v) => v.version === p.to);
  const to = p.versions[i];
  if (!to) return out;
  const before = p.versions.slice(Math.max(0, i - PUBLISHER_HISTORY), i).filter((v) => v.publisher);
  if (to.publisher && before.length && !before.some((v) => v.publisher === to.publisher))
    out.newPublisher = { publisher: to.publisher, history: [...new Set(before.map((v) => v.publisher!))] };
  const from = p.versions.find((v) => v.version === p.from);
  if (from?.maintainers.length && to.maintainers.length) {
    const added = to.maintainers.filter((m) => !from.maintainers.includes(m));
    const removed = from.maintainers.filter((m) => !to.maintainers.includes(m));
    if (added.length || removed.length) out.maintainers = { added, removed };
  }
  return out;
}
