/** Reading a package.json as data. Pure. */

export type DependencyField =
  | "dependencies"
  | "devDependencies"
  | "optionalDependencies"
  | "peerDependencies";

/** What npm installs with a package (optional dependencies are installed when they can be). */
export const INSTALLED: readonly DependencyField[] = ["dependencies", "optionalDependencies"];
/** What a package declares it runs with: installed ones and the peers its host must provide. */
export const RUNTIME: readonly DependencyField[] = [
  "dependencies",
  "optionalDependencies",
  "peerDependencies",
];
/** Everything a project manifest declares, dev tools included. */
export const ALL: readonly DependencyField[] = [
  "dependencies",
  "devDependencies",
  "optionalDependencies",
  "peerDependencies",
];

/**
 * name → spec of the dependencies listed in `fields`, the first field listing a name winning.
 * Non-string specs are ignored (npm would refuse the manifest).
 */
export function dependenciesOf(
  manifest: Record<string, unknown> | null | undefined,
  fields: readonly DependencyField[] = ALL,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of fields) {
    const deps = manifest?.[field];
    if (!deps || typeof deps !== "object") continue;
    for (const [k, v] of Object.entries(deps)) if (typeof v === "string" && !out.has(k)) out.set(k, v);
  }
  return out;
}
