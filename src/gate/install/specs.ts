/**
 * Does a locked entry install what a spec asks for, the way the package managers check it (npm's
 * own spec and range libraries)? Pure.
 */
import npa from "npm-package-arg";
import semver from "semver";
import type { LockEntry, Lockfile } from "../lockfiles/index.js";

/** The real package an alias spec (`npm:real@range`) installs under another name, or null. */
export function aliasTarget(alias: string, spec: string): string | null {
  try {
    const parsed = npa.resolve(alias, spec, "/") as npa.Result & { subSpec?: npa.Result };
    return parsed.type === "alias" && parsed.subSpec?.name ? parsed.subSpec.name : null;
  } catch {
    return null;
  }
}

export const describeEntry = (e: LockEntry) =>
  `${e.name}@${e.version || "(no version)"}${e.resolved && e.kind !== "registry" ? ` from ${e.resolved}` : ""}`;

/**
 * Does the locked entry install what `alias@spec` asks for, as the manager checks it? null when it
 * does; else why not. Registry specs need a registry entry of the same real name whose version the
 * range accepts (npm checks loosely); an alias needs its target's name; a dist-tag, the name only;
 * folders, git and URLs need an entry of that kind (the source check reads it further).
 */
export function specProblem(alias: string, spec: string, entry: LockEntry, linkable: boolean): string | null {
  const inRepoLink = entry.kind === "link" || entry.kind === "workspace";
  if (spec.startsWith("workspace:"))
    return inRepoLink ? null : `${spec} is a workspace spec, and the entry installs ${describeEntry(entry)}`;
  let parsed: npa.Result;
  try {
    parsed = npa.resolve(alias, spec, "/");
  } catch {
    return `the spec ${JSON.stringify(spec)} is not one the lockfile can be checked against`;
  }
  // An alias (`npm:real@range`) installs its target: the target's name and range are checked.
  const sub = (parsed as npa.Result & { subSpec?: npa.Result }).subSpec;
  const want = parsed.type === "alias" && sub ? sub : parsed;
  switch (want.type) {
    case "version":
    case "range": {
      if (inRepoLink)
        return linkable ? null : `the entry links ${entry.resolved ?? ""}, and ${alias} is not a workspace`;
      if (entry.kind !== "registry" && entry.kind !== "url")
        return `the entry installs ${describeEntry(entry)}, not a registry version`;
      if (entry.name !== want.name)
        return `the entry installs ${describeEntry(entry)}, and package.json asks for ${want.name}`;
      const range = want.fetchSpec ?? "";
      if (!entry.version) return `the entry has no version`;
      if (range === "*" || range === "") return null;
      return semver.satisfies(entry.version, range, { loose: true })
        ? null
        : `the entry's version ${entry.version} does not satisfy ${JSON.stringify(range)}`;
    }
    case "tag":
      // A dist-tag names no version a lockfile could be checked against: every manager installs the
      // locked entry its record of that spec points at (npm, measured by the differential suite; the
      // others once they find the spec recorded, which the lookup requires). Its name must match.
      if (entry.kind !== "registry" && entry.kind !== "url")
        return `the entry installs ${describeEntry(entry)}, not a registry version`;
      if (entry.name !== want.name)
        return `the entry installs ${describeEntry(entry)}, and package.json asks for ${want.name}`;
      return entry.version ? null : `the entry has no version`;
    case "file":
    case "directory":
      return entry.kind === "file" || inRepoLink
        ? null
        : `the entry installs ${describeEntry(entry)}, not the folder or file ${spec}`;
    case "git":
    case "remote":
      return entry.kind === "git" || entry.kind === "url" || entry.kind === "other"
        ? null
        : `the entry installs ${describeEntry(entry)}, not ${spec}`;
    default:
      return `the spec ${JSON.stringify(spec)} is not one the lockfile can be checked against`;
  }
}

/** berry writes an entry's ranges with their protocol: `npm:^1.0.0` is the range `^1.0.0`. */
export const plainSpec = (format: Lockfile["format"], spec: string) =>
  format === "berry" && spec.startsWith("npm:") && !/^npm:(?:@[^/]+\/)?[^@]+@/.test(spec)
    ? spec.slice(4)
    : spec;
