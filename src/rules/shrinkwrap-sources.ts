import type { PackageFile, Rule, RuleFinding } from "../review/rule.js";
import { lineOfText } from "./lib/evidence.js";

/** Where the public registry serves tarballs: anything else in a shipped lockfile is installed from elsewhere. */
const REGISTRY_TARBALL = /^https:\/\/registry\.(?:npmjs\.org|yarnpkg\.com)\//;

/** `resolved` of every entry of an npm-shrinkwrap.json (v1 tree or v2/v3 map), by install path. */
function sources(file: PackageFile | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (file?.kind !== "text") return out;
  let doc: unknown;
  try {
    doc = JSON.parse(file.text!);
  } catch {
    return out;
  }
  const walk = (prefix: string, deps: unknown, depth: number) => {
    if (!deps || typeof deps !== "object" || depth > 32) return;
    for (const [name, raw] of Object.entries(deps as Record<string, Record<string, unknown>>)) {
      if (!raw || typeof raw !== "object") continue;
      if (typeof raw.resolved === "string") out.set(`${prefix}node_modules/${name}`, raw.resolved);
      walk(`${prefix}node_modules/${name}/`, raw.dependencies, depth + 1);
    }
  };
  const d = doc as { packages?: Record<string, Record<string, unknown>>; dependencies?: unknown };
  if (d.packages && typeof d.packages === "object") {
    for (const [key, raw] of Object.entries(d.packages))
      if (key && raw && typeof raw.resolved === "string" && raw.link !== true) out.set(key, raw.resolved);
  } else walk("", d.dependencies, 0);
  return out;
}

export const rule: Rule = {
  id: "shrinkwrap-sources",
  title: "Shipped lockfile installs from outside the registry",
  description:
    "Flags an `npm-shrinkwrap.json` the new version ships (npm installs a package's dependencies from it, " +
    "unlike package-lock.json) whose entries now come from somewhere other than the registry: another " +
    "host's tarball, git, a file path. The dependency is then whatever that source serves, never reviewed " +
    "as a registry version.",
  defaultSeverity: "high",
  incident:
    "Lockfile injection (2019 onward): a lockfile pointing a familiar package name at an attacker's tarball.",
  detect(ctx) {
    const b = ctx.b.files.get("npm-shrinkwrap.json");
    const now = sources(b);
    if (!now.size) return [];
    const before = sources(ctx.a.files.get("npm-shrinkwrap.json"));
    const out: RuleFinding[] = [];
    for (const [key, resolved] of now) {
      if (REGISTRY_TARBALL.test(resolved) || before.get(key) === resolved) continue;
      const line = lineOfText(b!.text!, resolved);
      out.push({
        severity: "high",
        file: "npm-shrinkwrap.json",
        line,
        message: `npm installs ${key.slice(key.lastIndexOf("node_modules/") + 13)} from ${resolved.slice(0, 120)}, not from the registry (the package ships this npm-shrinkwrap.json)`,
        evidence: resolved.slice(0, 200),
      });
      if (out.length >= 10) break;
    }
    return out;
  },
};
