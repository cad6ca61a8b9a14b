/** One change of what a pull request installs, as the gate decides and the app reviews it. Plain data. */
import type { DependencyChange } from "../review/dependencies.js";
import type { SourceKind } from "./lockfiles/index.js";

export interface VersionChange {
  /** Folder of the manifest/lockfile, "" for the repository root. */
  dir: string;
  name: string;
  /** null when the package is new in this directory (reviewed against an empty A). */
  from: string | null;
  to: string;
  /** Listed in the folder's package.json (not only transitive). */
  direct: boolean;
  /** The integrity the head lockfile pins, or (`integrityFrom: "registry"`) the registry's for it. */
  integrity?: string;
  integrityFrom?: "lockfile" | "registry";
  /** berry's checksum of its zip of the package (bound by the approval like the integrity). */
  checksum?: string;
  /** Where npm fetches it from (`resolved`); absent: name@version from the configured registry. */
  resolved?: string;
  /** The kind of that source (lockfile changes only). */
  kind?: SourceKind;
  /** Install path in the lockfile (node_modules/a/node_modules/b) and the lockfile's name. */
  key?: string;
  lockfile?: string;
  /**
   * "lockfile": exact versions; "manifest": a spec of package.json that no lockfile pins (or that the
   * manager would resolve afresh); "settings": a package-manager settings file (./settings.ts).
   */
  source: "lockfile" | "manifest" | "settings" | "removal";
  /** A manifest change whose folder has this lockfile, not updated for the new spec. */
  staleLockfile?: string;
  /** Why the manager would resolve it afresh (the install model's words: package, spec, entry). */
  why?: string;
  /** The name it is installed under, when that is not its real name (an alias: `x: npm:other@1`). */
  alias?: string;
  /** Guarded packages the new version bundles in its own tarball (set by the guard, from the registry). */
  bundles?: string[];
  /** What was installed there before, when that was another package (detection reads its manifest). */
  was?: { name: string; version: string };
  /** A settings change: the file, both texts, and the packages the lockfiles it applies to install. */
  settings?: { file: string; before: string | null; after: string | null };
  /**
   * A change to a whole project (a settings file, a lockfile the manager no longer reads): every
   * package its lockfiles install, and its direct dependencies (`name@version`), which decide whether
   * it touches MCP packages.
   */
  project?: { installed: string[]; direct: string[] };
  /**
   * The other changes of its lockfile this change installs with it (its dependency edges reach them):
   * reviewed with it and bound by its approval (./pulled-in.ts).
   */
  pulls?: DependencyChange[];
}
