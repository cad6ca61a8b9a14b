/**
 * `bun.lock`: JSON with comments and trailing commas. `workspaces` records what each folder
 * depends on; `packages` maps install paths to tuples whose first item is `name@ref` (a version, or
 * `workspace:`, `link:`, `file:`, `github:`… and a URL), then for registry packages the tarball URL
 * ("" for the default registry), the package's metadata and npm's integrity. The binary `bun.lockb`
 * is not read (see ./index.ts).
 */
import { type ParseError, parse } from "jsonc-parser";
import { McpGuardError } from "../../common/errors.js";
import { repeatedKey } from "./keys.js";
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

const SECTIONS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

/** The catalogs a bun.lock records (`catalog`, `catalogs`). */
function catalogsOf(doc: Record<string, unknown>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const add = (name: string, pkgs: unknown) => {
    if (!isObject(pkgs)) return;
    out.set(
      name,
      new Map(Object.entries(pkgs).filter((e): e is [string, string] => typeof e[1] === "string")),
    );
  };
  add("default", doc.catalog);
  if (isObject(doc.catalogs)) for (const [n, pkgs] of Object.entries(doc.catalogs)) add(n, pkgs);
  return out;
}

function source(id: string, tuple: unknown[], path: string): LockEntry {
  const [name, ref] = splitId(id);
  const integrity = tuple.find((v): v is string => typeof v === "string" && /^sha(?:1|256|384|512)-/.test(v));
  const withIntegrity = integrity ? { integrity } : {};
  if (ref.startsWith("workspace:"))
    return { name, version: "", kind: "workspace", resolved: ref.slice(10) || "." };
  if (ref.startsWith("link:"))
    return { name, version: "", kind: "link", resolved: joinPath("", ref.slice(5)) };
  if (ref.startsWith("file:") || ref.startsWith("./") || ref.startsWith("../") || ref.startsWith("/"))
    return { name, version: "", kind: "file", resolved: ref };
  if (/^(?:git\+|git:|github:|gitlab:|bitbucket:)/.test(ref))
    return { name, version: "", kind: "git", resolved: ref };
  if (/^https?:\/\//.test(ref)) return { name, version: "", kind: "url", resolved: ref, ...withIntegrity };
  if (!/^\d/.test(ref)) return { name, version: ref, kind: "other", resolved: ref };
  // A registry version: the second item is the tarball URL, "" for the default registry.
  const url = tuple[1];
  if (typeof url !== "string") throw unreadable(path, `entry ${JSON.stringify(id)} has no registry item`);
  return url === ""
    ? { name, version: ref, kind: "registry", ...withIntegrity }
    : { name, version: ref, kind: "url", resolved: url, ...withIntegrity };
}

export function readBun(path: string, text: string): Lockfile {
  const errors: ParseError[] = [];
  const doc: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !isObject(doc)) throw unreadable(path, "not valid JSONC");
  const dup = repeatedKey(text);
  if (dup !== null)
    throw unreadable(
      path,
      `the key ${JSON.stringify(dup)} appears twice (bun refuses the lockfile and resolves every dependency afresh)`,
    );
  const version = doc.lockfileVersion;
  if (version !== 0 && version !== 1 && version !== 2) {
    throw new McpGuardError(
      "E_MCPGUARD_UNSUPPORTED",
      `${path}: lockfileVersion ${JSON.stringify(version)} is not read (0 to 2 are); regenerate it with a current bun`,
    );
  }
  const catalogs = catalogsOf(doc);
  const specs = new Map<string, Map<string, string>>();
  const direct = new Set<string>();
  for (const [folder, ws] of Object.entries(isObject(doc.workspaces) ? doc.workspaces : {})) {
    if (!isObject(ws)) continue;
    const own = new Map<string, string>();
    for (const section of SECTIONS) {
      const deps = ws[section];
      if (!isObject(deps)) continue;
      for (const [name, spec] of Object.entries(deps)) {
        if (typeof spec !== "string") continue;
        const catalog = spec.startsWith("catalog:") ? spec.slice(8) || "default" : null;
        own.set(name, catalog === null ? spec : (catalogs.get(catalog)?.get(name) ?? spec));
        direct.add(name);
        if (str(ws.name)) direct.add(`${ws.name}/${name}`);
      }
    }
    specs.set(folder, own);
  }
  const entries = new Map<string, LockEntry>();
  for (const [key, tuple] of Object.entries(isObject(doc.packages) ? doc.packages : {})) {
    if (!Array.isArray(tuple) || typeof tuple[0] !== "string") {
      throw unreadable(path, `entry ${JSON.stringify(key)} is not a [name@version, …] tuple`);
    }
    const e = source(tuple[0], tuple, path);
    e.direct = direct.has(key);
    // A registry entry's third item is its metadata: the edges bun follows.
    const meta = tuple.find((v, i) => i > 0 && isObject(v));
    const requires = isObject(meta) ? specsIn(meta, ["dependencies", "optionalDependencies"]) : undefined;
    if (requires && e.kind !== "workspace") e.requires = requires;
    entries.set(key, e);
  }
  return { format: "bun", entries, specs, catalogs };
}
