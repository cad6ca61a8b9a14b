/** Shared data shapes of the review engine. Everything here is plain data. */
import type { RegistryEvidence } from "./intel/types.js";
import type { SurfaceDiff } from "./mcp/surface.js";

export type Severity = "low" | "medium" | "high" | "critical";
export type Risk = "none" | Severity;

export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];
export const RISKS: readonly Risk[] = ["none", ...SEVERITIES];

export function riskRank(r: Risk): number {
  return RISKS.indexOf(r);
}

export function maxRisk(a: Risk, b: Risk): Risk {
  return riskRank(a) >= riskRank(b) ? a : b;
}

export type BinaryKind = "elf" | "macho" | "pe" | "wasm" | "other";

/** One regular file of a package, read as data. */
export interface PackageFile {
  path: string;
  size: number;
  mode: number;
  sha256: string;
  kind: "text" | "binary" | "too-large";
  /** Present when kind is "text". */
  text?: string;
  /** Present when kind is "binary": what the content sniffing found. */
  binaryKind?: BinaryKind;
  /** Code with invalid UTF-8 or NUL bytes, read as Node reads it (replacement characters, NULs kept). */
  lossy?: boolean;
}

export type AnomalyKind =
  | "symlink"
  | "hardlink"
  | "device"
  | "fifo"
  | "absolute-path"
  | "path-traversal"
  | "path-too-deep"
  | "duplicate-entry"
  | "unknown-entry"
  /** The registry's metadata and the tarball's package.json disagree on what npm would install. */
  | "manifest-mismatch"
  /** The old version is no longer in the registry: everything in the new one is compared with nothing. */
  | "unpublished";

/** A tarball entry that is not a plain file inside the package: reported, never followed. */
export interface Anomaly {
  path: string;
  kind: AnomalyKind;
  detail: string;
}

/** One version of a package, as read from the registry, a .tgz or a folder. */
export interface PackageSnapshot {
  name: string;
  version: string;
  /** What was asked for: `name@version`, a .tgz path or a folder path. */
  source: string;
  /** sha512 SRI of the tarball, when it came from one. */
  integrity?: string;
  /** package.json inside the package ({} when absent or unparseable). */
  manifest: Record<string, unknown>;
  files: Map<string, PackageFile>;
  anomalies: Anomaly[];
}

export type FileStatus = "added" | "removed" | "modified" | "renamed" | "binary" | "too-large";

export interface HunkLine {
  op: "+" | "-" | " ";
  text: string;
  /** Line in the old file's original text (before minified-line splitting). */
  oldLine?: number;
  /** Line in the new file's original text. */
  newLine?: number;
}

export interface Hunk {
  lines: HunkLine[];
}

export interface FileChange {
  path: string;
  /** For renames: the path in the old version. */
  oldPath?: string;
  status: FileStatus;
  /** For renames: content similarity 0..1. */
  similarity?: number;
  old?: PackageFile;
  new?: PackageFile;
  hunks: Hunk[];
  added: number;
  removed: number;
  /** Set when the text diff could not be computed within its bounds. */
  unreviewable?: string;
  /** Not read at all: past the package's changed-text budget (no facts, no rules, review incomplete). */
  skipped?: true;
}

/** Why part of a package could not be analysed; becomes an `unreviewable` finding. */
export interface UnreviewableNote {
  file: string;
  line?: number;
  reason: string;
  /** True when this gap makes the whole analysis incomplete (exit 2, failing check). */
  blocking: boolean;
}

export interface PackageDiff {
  files: FileChange[];
  notes: UnreviewableNote[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number | null;
  message: string;
  evidence: string;
  /** MCP tool the finding belongs to, when known. */
  tool?: string;
  /** Hosts named in message/evidence, so renderers can defang them (not part of the JSON contract). */
  hosts?: string[];
  /** In a package the bump installs, not the guarded one: "flatmap-stream 0.1.1, new in event-stream 3.3.6". */
  via?: string;
}

export interface FileCounts {
  added: number;
  removed: number;
  modified: number;
  renamed: number;
  binary: number;
}

export interface ToolChanges {
  added: { name: string; description: string | null }[];
  removed: { name: string }[];
  changed: { name: string; changes: string[]; renamedFrom?: string }[];
}

export interface Assessment {
  risk: Risk;
  /** Why the risk is above the highest single finding, if it is. */
  raisedBy: string[];
}

/** The complete result of reviewing one version change. */
export interface PackageReview {
  package: { name: string; from: string; to: string };
  risk: Risk;
  raisedBy: string[];
  complete: boolean;
  /** Reasons the analysis is incomplete (empty when complete). */
  incomplete: string[];
  findings: Finding[];
  files: FileCounts;
  tools: ToolChanges;
  diff: PackageDiff;
  /** The tool-surface diff behind `tools`, for renderers. */
  surface?: SurfaceDiff;
  /** The packages the bump adds or changes in the install, each reviewed (src/review/dependencies.ts). */
  dependencies?: {
    name: string;
    from: string | null;
    to: string;
    via: string;
    risk: Risk;
    findings: number;
    complete: boolean;
  }[];
  /** What the registry and malware intelligence said (shown in the review's Publishing section). */
  evidence?: RegistryEvidence;
  /** Tool → the packages its handler's file imports (a dependency's findings are tied to those tools). */
  toolPackages?: Record<string, string[]>;
}
