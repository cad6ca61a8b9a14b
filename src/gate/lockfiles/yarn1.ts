/**
 * `yarn.lock` of yarn 1, read with yarn's own parser (@yarnpkg/lockfile). Each entry is keyed by the
 * `name@spec` descriptors it satisfies; yarn fetches `resolved` (its `#fragment` is the tarball's sha1)
 * and checks `integrity` when present. Workspace packages are not in it (they are symlinked).
 */
import lockfile from "@yarnpkg/lockfile";
import {
  isObject,
  type LockEntry,
  type Lockfile,
  sourceKind,
  specsIn,
  splitId,
  str,
  unreadable,
} from "./types.js";

/** The sha1 of a `#<40 hex>` fragment, as an SRI string. */
function fragmentSha1(resolved: string | undefined): string | undefined {
  const m = /#([0-9a-f]{40})$/i.exec(resolved ?? "");
  return m ? `sha1-${Buffer.from(m[1]!, "hex").toString("base64")}` : undefined;
}

/** The package a descriptor installs: `alias@npm:real@1.0.0` names `real`. */
function realName(descriptor: string): [string, string] {
  const [name, spec] = splitId(descriptor);
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@(.*)$/.exec(spec);
  return alias ? [alias[1]!, alias[2]!] : [name, spec];
}

/**
 * yarn writes every string on one line. The parser reads an unterminated string on to the end of
 * memory (seconds of CPU and a gigabyte for a few bytes of input), so a line with an odd number of
 * unescaped quotes is refused before it is parsed.
 */
function unbalancedLine(text: string): number {
  const lines = text.split("\n");
  const odd = lines.findIndex((l) => (l.replace(/\\./g, "").match(/"/g)?.length ?? 0) % 2 === 1);
  return odd + 1;
}

export function readYarn1(path: string, text: string): Lockfile {
  const odd = unbalancedLine(text);
  if (odd > 0) throw unreadable(path, `not a yarn lockfile (line ${odd} has an unterminated string)`);
  let parsed: ReturnType<typeof lockfile.parse>;
  try {
    parsed = lockfile.parse(text);
  } catch (e) {
    throw unreadable(path, `not a yarn lockfile (${(e as Error).message.split("\n")[0]})`);
  }
  // "merge": yarn resolved merge-conflict markers itself; "conflict": it could not.
  if (parsed.type === "conflict") throw unreadable(path, "it has unresolved merge conflicts");
  const entries = new Map<string, LockEntry>();
  const descriptors = new Set<string>();
  const byDescriptor = new Map<string, string>();
  const invalid = new Set<string>();
  // One entry answers several descriptors: the parser gives each descriptor the same object.
  const byObject = new Map<object, string[]>();
  for (const [descriptor, raw] of Object.entries(parsed.object as Record<string, unknown>)) {
    descriptors.add(descriptor);
    if (!isObject(raw)) {
      invalid.add(descriptor);
      continue;
    }
    byObject.set(raw, [...(byObject.get(raw) ?? []), descriptor]);
  }
  for (const [raw, list] of byObject) {
    const r = raw as Record<string, unknown>;
    const [name, spec] = realName(list[0]!);
    const resolved = str(r.resolved);
    // Without `resolved`, the descriptor's spec is the source (a `file:` or `link:` folder, say).
    const kind = resolved
      ? sourceKind(resolved, false)
      : spec.startsWith("link:")
        ? "link"
        : spec.startsWith("file:")
          ? "file"
          : "other";
    const integrity = str(r.integrity) ?? fragmentSha1(resolved);
    const key = list.sort().join(", ");
    for (const d of list) byDescriptor.set(d, key);
    const requires = specsIn(r, ["dependencies", "optionalDependencies"]);
    entries.set(key, {
      ...(requires ? { requires } : {}),
      name,
      version: str(r.version) ?? "",
      ...(integrity ? { integrity } : {}),
      resolved: resolved ?? spec.replace(/^(?:link|file):/, ""),
      kind,
    });
  }
  return { format: "yarn1", entries, descriptors, byDescriptor, invalid };
}
