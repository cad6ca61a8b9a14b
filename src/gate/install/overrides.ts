/** The overrides a workspace root declares, and which dependency edge each applies to. Pure. */
import * as yaml from "js-yaml";
import semver from "semver";
import { type Commit, pathIn } from "../commit.js";
import { PNPM_WORKSPACE } from "../lockfiles/index.js";
import { isObject } from "../lockfiles/types.js";
import { INSTALLED_FIELDS } from "./fields.js";

/** One override a root declares. */
export interface Override {
  /** The package overridden, and the version selector it applies to ("" for any). */
  name: string;
  selector: string;
  /** The package whose dependency it overrides (nested npm overrides, `a>b`, `a/b`), or "" for everywhere. */
  parent: string;
  spec: string;
  from: string;
}

/** `@scope/name@range` or `name@range` → [name, range]. */
const splitSelector = (key: string): [string, string] => {
  const at = key.indexOf("@", 1);
  return at < 0 ? [key, ""] : [key.slice(0, at), key.slice(at + 1)];
};

/** The package names of a path selector (`a/@s/b`, `**\/b`, `a>b`), outermost first. */
function selectorPath(key: string): string[] {
  const parts = key.includes(">") ? key.split(">") : key.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "**" || p === "") continue;
    if (out.length && out.at(-1)!.startsWith("@") && !out.at(-1)!.includes("/") && !key.includes(">"))
      out[out.length - 1] += `/${p}`;
    else out.push(p);
  }
  return out;
}

/**
 * Overrides the root declares: npm `overrides` (nested objects apply under their parent, `.` is the
 * parent itself, `$name` references a direct dependency's spec), pnpm's `pnpm.overrides` and
 * pnpm-workspace.yaml `overrides` (`a>b`), yarn's and bun's `resolutions` (`a/b`, `**\/b`), bun's
 * `overrides`.
 */
export function declaredOverrides(c: Commit, root: string): Override[] {
  const m = c.manifest(root);
  const out: Override[] = [];
  const deps = new Map<string, string>();
  for (const f of INSTALLED_FIELDS)
    if (isObject(m?.[f]))
      for (const [k, v] of Object.entries(m[f] as object)) if (typeof v === "string") deps.set(k, v);
  const add = (path: string[], spec: unknown, from: string) => {
    if (typeof spec !== "string" || !path.length) return;
    const [name, selector] = splitSelector(path.at(-1)!);
    const parent = path.length > 1 ? splitSelector(path.at(-2)!)[0] : "";
    const resolved = spec.startsWith("$") ? (deps.get(spec.slice(1)) ?? spec) : spec;
    out.push({ name, selector, parent, spec: resolved, from });
  };
  const npmWalk = (obj: Record<string, unknown>, path: string[]) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === ".") continue;
      if (typeof v === "string") add([...path, k], v, "package.json overrides");
      else if (isObject(v)) {
        if (typeof v["."] === "string") add([...path, k], v["."], "package.json overrides");
        npmWalk(v, [...path, k]);
      }
    }
  };
  if (isObject(m?.overrides)) npmWalk(m.overrides, []);
  const flat = (obj: unknown, from: string) => {
    if (isObject(obj)) for (const [k, v] of Object.entries(obj)) add(selectorPath(k), v, from);
  };
  flat(m?.resolutions, "package.json resolutions");
  if (isObject(m?.pnpm)) flat(m.pnpm.overrides, "package.json pnpm.overrides");
  const ws = c.text(pathIn(root, PNPM_WORKSPACE));
  if (ws !== undefined) {
    try {
      const doc = yaml.load(ws);
      if (isObject(doc)) flat(doc.overrides, `${PNPM_WORKSPACE} overrides`);
    } catch {
      /* read (and refused) where its catalogs are read */
    }
  }
  return out;
}

/** The override that applies to `parent`'s dependency on `dep` at `version` (a nested one first), if any. */
export function overrideFor(
  overrides: readonly Override[],
  parent: string | null,
  dep: string,
  version: string,
) {
  const applies = (o: Override) =>
    o.name === dep &&
    (!o.selector ||
      !version ||
      !semver.validRange(o.selector) ||
      semver.satisfies(version, o.selector, { loose: true }));
  return (
    (parent !== null ? overrides.find((o) => o.parent === parent && applies(o)) : undefined) ??
    overrides.find((o) => o.parent === "" && applies(o))
  );
}
