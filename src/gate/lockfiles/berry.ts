/**
 * `yarn.lock` of yarn 2 and later (berry): YAML with `__metadata`. Each entry is keyed by the
 * descriptors it satisfies (`name@npm:^1.0.0, name@npm:1.0.1`) and says what it installs in
 * `resolution` (`name@npm:1.0.1`, `name@workspace:packages/a`, `name@patch:…`). Its `checksum` is
 * yarn's hash of its own zip archive, not npm's integrity: the registry's integrity binds the bytes.
 */
import * as yaml from "js-yaml";
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

const SECTIONS = ["dependencies", "peerDependencies", "optionalDependencies"];

/**
 * A patch yarn ships itself (`optional!builtin<compat/…>`, for typescript, fsevents and resolve)
 * changes nothing a reviewer could read; any other patch is a file of the repository.
 */
const BUILTIN_PATCH = /^(?:optional!)?builtin<[^>]+>$/;

/** What a berry resolution installs. */
function source(resolution: string): Pick<LockEntry, "name" | "kind" | "resolved"> & { version?: string } {
  const [name, ref] = splitId(resolution);
  const protocol = /^([a-z]+):/.exec(ref)?.[1] ?? "";
  if (protocol === "npm") {
    // `npm:1.0.0`, or an alias's `npm:real@1.0.0`.
    const inner = ref.slice(4);
    const alias = /^((?:@[^/@]+\/)?[^@]+)@(.+)$/.exec(inner);
    return alias
      ? { name: alias[1]!, version: alias[2]!, kind: "registry", resolved: resolution }
      : { name, version: inner, kind: "registry", resolved: resolution };
  }
  if (protocol === "workspace") return { name, kind: "workspace", resolved: ref.slice(10) || "." };
  if (protocol === "patch") {
    // `patch:name@npm%3A1.0.0#<patch>::version=1.0.0&hash=…&locator=…`
    const body = ref.slice(6).split("::")[0]!;
    const hash = body.indexOf("#");
    const inner = decodeURIComponent(hash < 0 ? body : body.slice(0, hash));
    const patch = hash < 0 ? "" : decodeURIComponent(body.slice(hash + 1));
    if (BUILTIN_PATCH.test(patch)) {
      const base = source(inner);
      if (base.kind === "registry") return { ...base, resolved: resolution };
    }
    return { name, kind: "other", resolved: resolution };
  }
  if (protocol === "link" || protocol === "portal") {
    return { name, kind: "link", resolved: ref.slice(protocol.length + 1).split("::")[0]! };
  }
  if (protocol === "file") return { name, kind: "file", resolved: ref };
  if (/^(?:git\+|git:|github:|https?:\/\/[^#]*\.git)/.test(ref) || ref.includes("#commit=")) {
    return { name, kind: "git", resolved: ref };
  }
  if (/^https?:\/\//.test(ref)) return { name, kind: "url", resolved: ref };
  return { name, kind: "other", resolved: resolution };
}

export function readBerry(path: string, text: string): Lockfile {
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (e) {
    throw unreadable(path, `not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  if (!isObject(doc) || !isObject(doc.__metadata)) throw unreadable(path, "not a yarn 2+ lockfile");
  const entries = new Map<string, LockEntry>();
  const byDescriptor = new Map<string, LockEntry>();
  const keyOf = new Map<string, string>();
  const invalid = new Set<string>();
  const specs = new Map<string, Map<string, string>>();
  const workspaces: [string, Record<string, unknown>][] = [];
  for (const [key, raw] of Object.entries(doc)) {
    if (key === "__metadata") continue;
    if (!isObject(raw)) {
      invalid.add(key);
      continue;
    }
    const resolution = str(raw.resolution) ?? "";
    const { version, ...src } = source(resolution);
    const e: LockEntry = { ...src, version: version ?? str(raw.version) ?? "", direct: false };
    const requires =
      src.kind === "workspace" ? undefined : specsIn(raw, ["dependencies", "optionalDependencies"]);
    if (requires) e.requires = requires;
    if (str(raw.checksum)) e.checksum = str(raw.checksum);
    // The lockfile's `version` is what yarn installs under; a resolution naming another is a lie.
    if (version !== undefined && str(raw.version) !== version) e.version = "";
    entries.set(key, e);
    for (const d of key.split(",")) {
      byDescriptor.set(d.trim(), e);
      keyOf.set(d.trim(), key);
    }
    if (e.kind === "workspace") workspaces.push([e.resolved === "." ? "" : e.resolved!, raw]);
  }
  for (const [folder, raw] of workspaces) {
    const own = new Map<string, string>();
    for (const section of SECTIONS) {
      const deps = raw[section];
      if (!isObject(deps)) continue;
      for (const [name, range] of Object.entries(deps)) {
        if (!str(range)) continue;
        own.set(name, range as string);
        const target = byDescriptor.get(`${name}@${range}`);
        if (target) target.direct = true;
      }
    }
    specs.set(folder, own);
  }
  // A link or portal is relative to the workspace that declared it; the root's is the lockfile's folder.
  for (const e of entries.values()) if (e.kind === "link") e.resolved = joinPath("", e.resolved ?? "");
  return { format: "berry", entries, specs, byDescriptor: keyOf, invalid };
}
