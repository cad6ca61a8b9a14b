/**
 * `package-lock.json` (v1–v3) and `npm-shrinkwrap.json`: npm installs each entry from `resolved` and
 * accepts the bytes `integrity` names. v2 and v3 are a flat map of install paths; v1 a nested tree.
 */
import { isObject, type LockEntry, type Lockfile, sourceKind, specsIn, str, unreadable } from "./types.js";

const SECTIONS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

function parseJson(path: string, text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw unreadable(path, "not valid JSON");
  }
  if (!isObject(v)) throw unreadable(path, "not valid JSON");
  return v;
}

/** `npm:real-name@1.0.0` (an alias in a v1 lockfile's `version`) → the real name and version. */
function unalias(name: string, version: string): { name: string; version: string } {
  const m = /^npm:((?:@[^/]+\/)?[^@]+)@(.+)$/.exec(version);
  return m ? { name: m[1]!, version: m[2]! } : { name, version };
}

function entry(name: string, version: string, raw: Record<string, unknown>, link: boolean): LockEntry {
  const resolved = str(raw.resolved);
  // v2/v3 record an entry's edges under dependencies/optionalDependencies; v1 under `requires`.
  const requires = specsIn(
    raw,
    isObject(raw.requires) ? ["requires"] : ["dependencies", "optionalDependencies"],
  );
  return {
    ...(requires && !link ? { requires } : {}),
    name,
    version,
    ...(str(raw.integrity) ? { integrity: str(raw.integrity) } : {}),
    ...(resolved ? { resolved } : {}),
    kind: sourceKind(resolved, link),
  };
}

export function readNpm(path: string, text: string): Lockfile {
  const lock = parseJson(path, text);
  const entries = new Map<string, LockEntry>();
  const invalid = new Set<string>();
  const packages = lock.packages;
  if (isObject(packages)) {
    // v2 and v3 (npm reads only this map; the legacy `dependencies` is ignored).
    const specs = new Map<string, Map<string, string>>();
    for (const [key, raw] of Object.entries(packages)) {
      if (!isObject(raw)) {
        invalid.add(key);
        continue;
      }
      const at = key.lastIndexOf("node_modules/");
      if (at < 0) {
        // A workspace folder ("" the root): the specs it was locked from.
        const own = new Map<string, string>();
        for (const s of SECTIONS) {
          const deps = raw[s];
          if (isObject(deps))
            for (const [n, spec] of Object.entries(deps)) if (str(spec)) own.set(n, spec as string);
        }
        // Hand-made lockfiles may record none: then the caller decides (see recordsSpec).
        if (own.size) specs.set(key, own);
        continue;
      }
      const keyName = key.slice(at + "node_modules/".length);
      // npm fetches `name` only when `resolved` is absent; an alias keeps the real name here.
      const e = entry(str(raw.name) ?? keyName, str(raw.version) ?? "", raw, raw.link === true);
      entries.set(key, e);
    }
    // Direct: right under an importer's node_modules (the root's or a workspace's), and listed by it.
    for (const [key, e] of entries) {
      const at = key.lastIndexOf("node_modules/");
      const importer = at === 0 ? "" : key.slice(0, at - 1);
      const alias = key.slice(at + "node_modules/".length);
      if (importer.includes("node_modules")) e.direct = false;
      else if (specs.get(importer)?.has(alias)) e.direct = true;
    }
    return { format: "npm", entries, specs, invalid };
  }
  // v1: a nested tree of dependencies; it records no specs of its importer.
  const stack: [string, Record<string, unknown>][] = [["", lock]];
  while (stack.length > 0) {
    const [prefix, node] = stack.pop()!;
    const deps = node.dependencies;
    if (!isObject(deps)) continue;
    for (const [name, raw] of Object.entries(deps)) {
      const key = `${prefix}node_modules/${name}`;
      if (!isObject(raw)) {
        invalid.add(key);
        continue;
      }
      const real = unalias(name, str(raw.version) ?? "");
      const e = entry(real.name, real.version, raw, false);
      // A top-level entry may be hoisted from below: the folder's package.json says (undefined).
      if (prefix !== "") e.direct = false;
      entries.set(key, e);
      stack.push([`${key}/`, raw]);
    }
  }
  return { format: "npm", entries, invalid, legacy: true };
}
