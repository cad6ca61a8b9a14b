/**
 * `pnpm-lock.yaml`, lockfile versions 6 and 9: `packages` says where each `name@version` comes from
 * (`resolution`), `importers` what each workspace folder depends on. Keys carry peer suffixes
 * (`name@1.0.0(peer@2.0.0)`), v6 keys a leading `/`. pnpm 11 may write two YAML documents: the
 * package manager's own environment (pnpm itself) before `---`, then the project's; both install.
 */
import * as yaml from "js-yaml";
import { McpGuardError } from "../../common/errors.js";
import {
  isObject,
  joinPath,
  type LockEntry,
  type Lockfile,
  specsIn,
  splitId,
  str,
  unreadable,
} from "./types.js";

const SECTIONS = [
  "dependencies",
  "devDependencies",
  "optionalDependencies",
  "packageManagerDependencies",
  "configDependencies",
];

/** `name@1.0.0(peer@2.0.0)(other@1.0.0)` → `name@1.0.0`; v6's leading `/` dropped. */
const stripKey = (key: string) => key.replace(/^\//, "").replace(/\(.*\)$/, "");

function documents(path: string, text: string): Record<string, unknown>[] {
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text);
  } catch (e) {
    throw unreadable(path, `not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  const out = docs.filter((d) => d !== null && d !== undefined);
  if (!out.length || !out.every(isObject)) throw unreadable(path, "not a pnpm lockfile");
  for (const d of out as Record<string, unknown>[]) {
    const v = String(d.lockfileVersion ?? "");
    if (!/^[69]\.\d+$/.test(v)) {
      throw new McpGuardError(
        "E_MCPGUARD_UNSUPPORTED",
        `${path}: lockfileVersion ${JSON.stringify(v)} is not read (pnpm 8 and later write 6.0 or 9.0); regenerate it with a current pnpm`,
      );
    }
  }
  return out as Record<string, unknown>[];
}

/** Where a `packages` entry's bytes come from. */
function source(resolution: unknown): Pick<LockEntry, "kind" | "resolved" | "integrity"> {
  if (!isObject(resolution)) return { kind: "other", resolved: "" };
  const integrity = str(resolution.integrity);
  const withIntegrity = integrity ? { integrity } : {};
  if (resolution.type === "git" || str(resolution.repo)) {
    return { kind: "git", resolved: `${str(resolution.repo) ?? ""}#${str(resolution.commit) ?? ""}` };
  }
  if (resolution.type === "directory" || str(resolution.directory)) {
    return { kind: "file", resolved: str(resolution.directory) ?? "" };
  }
  const tarball = str(resolution.tarball);
  if (tarball) {
    const kind = /^https?:\/\//i.test(tarball) ? "url" : "file";
    return { kind, resolved: tarball, ...withIntegrity };
  }
  // Only an integrity: pnpm fetches name@version from the configured registry.
  if (integrity && resolution.type === undefined) return { kind: "registry", integrity };
  return { kind: "other", resolved: JSON.stringify(resolution) };
}

/** The catalogs a lockfile was made from: catalog name → package → specifier. */
function catalogsOf(doc: Record<string, unknown>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  if (!isObject(doc.catalogs)) return out;
  for (const [catalog, pkgs] of Object.entries(doc.catalogs)) {
    if (!isObject(pkgs)) continue;
    const m = new Map<string, string>();
    for (const [name, v] of Object.entries(pkgs))
      if (isObject(v) && str(v.specifier)) m.set(name, v.specifier as string);
    out.set(catalog, m);
  }
  return out;
}

/** `catalog:` and `catalog:name` specifiers, resolved through the catalogs. */
function resolveCatalog(name: string, spec: string, catalogs: Map<string, Map<string, string>>): string {
  if (!spec.startsWith("catalog:")) return spec;
  const catalog = spec.slice("catalog:".length) || "default";
  return catalogs.get(catalog)?.get(name) ?? spec;
}

export function readPnpm(path: string, text: string): Lockfile {
  const entries = new Map<string, LockEntry>();
  const specs = new Map<string, Map<string, string>>();
  const resolved = new Map<string, Map<string, string | null>>();
  const invalid = new Set<string>();
  let overrides: Map<string, string> | undefined;
  const docs = documents(path, text);
  let locked = new Map<string, Map<string, string>>();
  for (const [index, doc] of docs.entries()) {
    // The environment document of pnpm 11 comes first; its keys are kept apart from the project's.
    const prefix = index < docs.length - 1 ? `env${index}:` : "";
    const packages = isObject(doc.packages) ? doc.packages : {};
    for (const [rawKey, raw] of Object.entries(packages)) {
      if (!isObject(raw)) {
        invalid.add(`${prefix}${stripKey(rawKey)}`);
        continue;
      }
      const id = stripKey(rawKey);
      const [name, ref] = splitId(id);
      const src = source(raw.resolution);
      // Non-registry entries (git, tarball, directory) are keyed by source and carry their version.
      const version = str(raw.version) ?? ref;
      const requires = specsIn(raw, ["dependencies", "optionalDependencies"]);
      entries.set(`${prefix}${id}`, {
        name,
        version,
        ...src,
        direct: false,
        ...(requires ? { requires } : {}),
      });
    }
    // v9 keeps an entry's edges in `snapshots` (one per peer combination): their union is followed.
    const snapshots = isObject(doc.snapshots) ? doc.snapshots : {};
    for (const [rawKey, raw] of Object.entries(snapshots)) {
      const e = entries.get(`${prefix}${stripKey(rawKey)}`);
      const requires = isObject(raw) ? specsIn(raw, ["dependencies", "optionalDependencies"]) : undefined;
      if (e && requires) e.requires = { ...e.requires, ...requires };
    }
    const catalogs = catalogsOf(doc);
    if (prefix === "") {
      locked = catalogs;
      if (isObject(doc.overrides))
        overrides = new Map(
          Object.entries(doc.overrides).filter((e): e is [string, string] => typeof e[1] === "string"),
        );
    }
    // A project without workspaces (v6) keeps its importer's sections at the top level.
    const importers = isObject(doc.importers) ? doc.importers : { ".": doc };
    for (const [dir, importer] of Object.entries(importers)) {
      if (!isObject(importer)) continue;
      const folder = dir === "." ? "" : dir;
      const own = specs.get(folder) ?? new Map<string, string>();
      const installs = resolved.get(folder) ?? new Map<string, string | null>();
      for (const section of SECTIONS) {
        const deps = importer[section];
        if (!isObject(deps)) continue;
        for (const [alias, dep] of Object.entries(deps)) {
          if (!isObject(dep)) continue;
          const specifier = str(dep.specifier) ?? "";
          if (section !== "packageManagerDependencies" && section !== "configDependencies")
            own.set(alias, resolveCatalog(alias, specifier, catalogs));
          const version = str(dep.version) ?? "";
          if (version.startsWith("link:")) {
            // A workspace sibling (or another folder): installed as a symlink, nothing fetched.
            const target = joinPath(folder, version.slice("link:".length));
            if (!prefix) installs.set(alias, `${folder || "."}>${alias}`);
            entries.set(`${prefix}${folder || "."}>${alias}`, {
              name: alias,
              version: "",
              kind: "link",
              resolved: target || ".",
              direct: true,
            });
            continue;
          }
          // A plain version names the alias's own package; an alias's is `real@version` (v6: `/real@version`).
          const id = stripKey(version);
          const key = /^\d/.test(id) ? `${alias}@${id}` : id;
          const e = entries.get(`${prefix}${key}`);
          if (e) e.direct = true;
          if (!prefix && section !== "packageManagerDependencies" && section !== "configDependencies")
            installs.set(alias, e ? key : null);
        }
      }
      specs.set(folder, own);
      if (!prefix) resolved.set(folder, installs);
    }
  }
  return {
    format: "pnpm",
    entries,
    specs,
    catalogs: locked,
    resolved,
    invalid,
    documents: docs.length,
    ...(overrides ? { overrides } : {}),
  };
}
