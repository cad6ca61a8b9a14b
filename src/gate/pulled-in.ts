/**
 * What a guarded change installs with it: the other changes of the same lockfile that its entry's
 * dependency edges reach at the head (event-stream 3.3.6 → flatmap-stream 0.1.1, new). They are part
 * of the change: reviewed with it, attributed to it, and bound by the approval. Pure.
 */
import type { DependencyChange } from "../review/dependencies.js";
import { Commit, type CommitFiles } from "./commit.js";
import { dependencyClosure } from "./install/index.js";
import type { VersionChange } from "./version-change.js";

/** Sources whose bytes are the registry's (the other kinds are refused by the gate's source checks). */
const FETCHED = new Set(["registry", "url"]);

export function pulledIn(
  guarded: VersionChange,
  all: readonly VersionChange[],
  head: CommitFiles,
): DependencyChange[] {
  if (guarded.source !== "lockfile" || !guarded.key || !guarded.lockfile) return [];
  const lock = new Commit(head).lockfile(guarded.dir, guarded.lockfile);
  if (!lock?.entries.has(guarded.key)) return [];
  const closure = dependencyClosure(lock, guarded.key);
  const nameAt = (key: string) => lock.entries.get(key)?.name ?? key;
  const chain = (key: string) => {
    const out: string[] = [];
    for (let k = closure.get(key); k !== undefined; k = closure.get(k)) out.unshift(nameAt(k));
    return out;
  };
  return all
    .filter(
      (x) =>
        x !== guarded &&
        x.source === "lockfile" &&
        x.dir === guarded.dir &&
        x.lockfile === guarded.lockfile &&
        !!x.key &&
        closure.has(x.key) &&
        FETCHED.has(x.kind ?? "registry"),
    )
    .map((x) => ({
      name: x.name,
      from: x.from,
      to: x.to,
      via: chain(x.key!),
      ...(x.integrity ? { integrity: x.integrity } : {}),
    }));
}
