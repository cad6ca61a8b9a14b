/** One commit's dependency files as the gate reads them: parsed once, on demand. Pure. */
import { McpGuardError } from "../common/errors.js";
import { dependenciesOf } from "../common/manifest.js";
import {
  declaredCatalogs,
  LOCKFILE_NAMES,
  type Lockfile,
  PNPM_WORKSPACE,
  readLockfile,
  resolveSpec,
} from "./lockfiles/index.js";
import { repeatedKey } from "./lockfiles/keys.js";

/** Files of one commit: path → text (only manifests, lockfiles and package-manager settings are needed). */
export type CommitFiles = Map<string, string>;

/** The folders above `dir`, nearest first, ending with the repository root (""). */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; d !== ""; ) {
    d = folderOf(d);
    out.push(d);
  }
  return out;
}

/** The folder of a path ("" for the repository root). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** `dir/file`, or `file` at the repository root. */
export const pathIn = (dir: string, file: string) => (dir ? `${dir}/${file}` : file);

/**
 * The text every package manager reads: npm, pnpm, yarn and bun all drop a leading UTF-8 byte-order
 * mark before parsing, and read CRLF line ends as LF (JSON and YAML do; yarn 1's parser too).
 */
export const managerText = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function parseJson(path: string, text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    /* reported below */
  }
  if (!v || typeof v !== "object" || Array.isArray(v))
    throw new McpGuardError(
      "E_MCPGUARD_BAD_SPEC",
      `${path}: not valid JSON; cannot tell which packages changed`,
    );
  // npm reads the last of a repeated key, bun the first: which spec is installed depends on the manager.
  const repeated = repeatedKey(text, 2);
  if (repeated !== null) {
    throw new McpGuardError(
      "E_MCPGUARD_BAD_SPEC",
      `${path}: the key ${JSON.stringify(repeated)} appears twice, and package managers disagree on which one they read; cannot tell which packages will be installed`,
    );
  }
  return v as Record<string, unknown>;
}

export class Commit {
  private readonly locks = new Map<string, Lockfile | null>();
  private readonly manifests = new Map<string, Record<string, unknown> | null>();
  constructor(readonly files: CommitFiles) {}
  text = (path: string) => {
    const t = this.files.get(path);
    return t === undefined ? undefined : managerText(t);
  };
  has = (dir: string, f: string) => this.files.has(pathIn(dir, f));
  manifest(dir: string): Record<string, unknown> | null {
    const path = pathIn(dir, "package.json");
    if (!this.manifests.has(path)) {
      const text = this.text(path);
      this.manifests.set(path, text === undefined ? null : parseJson(path, text));
    }
    return this.manifests.get(path)!;
  }
  lockfile(dir: string, name: string): Lockfile | null {
    const path = pathIn(dir, name);
    if (!this.locks.has(path)) {
      const text = this.text(path);
      this.locks.set(path, text === undefined ? null : readLockfile(path, text));
    }
    return this.locks.get(path)!;
  }
  lockNames = (dir: string) => LOCKFILE_NAMES.filter((f) => this.has(dir, f));
  /** The nearest folder at or above `dir` with a lockfile. */
  cover(dir: string): string | null {
    return [dir, ...ancestors(dir)].find((d) => this.lockNames(d).length > 0) ?? null;
  }
  /** The catalogs a workspace root declares (pnpm-workspace.yaml, bun's root package.json). */
  catalogs(root: string) {
    return declaredCatalogs(this.text(pathIn(root, PNPM_WORKSPACE)), this.manifest(root));
  }
  /** A folder's direct dependency specs, `catalog:` resolved through the workspace root's catalogs. */
  specs(dir: string, root: string | null): Map<string, string> {
    const own = dependenciesOf(this.manifest(dir));
    if (![...own.values()].some((s) => s.startsWith("catalog:"))) return own;
    const catalogs = this.catalogs(root ?? dir);
    return new Map([...own].map(([n, s]) => [n, resolveSpec(n, s, catalogs)]));
  }
}
