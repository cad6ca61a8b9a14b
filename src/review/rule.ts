/**
 * The contract between the engine and the rules in src/rules/, and the only file of review/ that rules
 * import: what they read of the review (facts, surfaces, snapshots, values) is re-exported here.
 */
import type { CodeFacts } from "./facts/types.js";
import type { RegistryEvidence } from "./intel/types.js";
import type { McpSurface, SurfaceDiff } from "./mcp/surface.js";
import type { FileChange, Finding, PackageDiff, PackageFile, PackageSnapshot, Severity } from "./types.js";

export type { StaticValue } from "./eval/value.js";
export type { CapabilityUse } from "./facts/capabilities.js";
export type { Family, PathClass } from "./facts/catalogue.js";
export { pathClassOf, WELL_KNOWN_TOOLS } from "./facts/catalogue.js";
export type { Gate } from "./facts/gates.js";
export type { CodeFacts, KeyedValue, Located, Request, Sink } from "./facts/types.js";
export type { AdvisoryMatch } from "./intel/osv.js";
export { provenanceOf, verifySignatures } from "./intel/provenance.js";
export {
  PUBLISHER_HISTORY,
  publisherChange,
  RANK_NAMES,
  type TrustVerdict,
  trustVerdict,
} from "./intel/trust.js";
export type { PublishingEvidence, RegistryEvidence, VersionPublishing } from "./intel/types.js";
export { localModule } from "./js/modules.js";
export { reachableModules } from "./js/reach.js";
export type {
  HandlerRange,
  McpSurface,
  PromptDef,
  ResourceDef,
  SurfaceDiff,
  ToolDef,
} from "./mcp/surface.js";
export { inHandler } from "./mcp/surface.js";
export type {
  BinaryKind,
  FileChange,
  Finding,
  PackageDiff,
  PackageFile,
  PackageSnapshot,
  Severity,
} from "./types.js";

export interface RuleMeta {
  /** Equals the rule's file name in src/rules/. */
  id: string;
  title: string;
  description: string;
  defaultSeverity: Severity;
  /** The real incident or attack that motivates the rule. */
  incident: string;
}

/** A file whose new version differs from the old one (added, modified or renamed with changes). */
export interface ChangedFile {
  change: FileChange;
  file: PackageFile;
  /** The old version's counterpart (same path or the rename source), if any. */
  old?: PackageFile;
}

export interface RuleContext {
  a: PackageSnapshot;
  b: PackageSnapshot;
  diff: PackageDiff;
  /** Changed text files of B, in path order. */
  changed: ChangedFile[];
  /** Parsed facts of a code file (null for non-code); cached, parsed once per file version. */
  facts(file: PackageFile): CodeFacts | null;
  /** MCP surfaces of the changed files of A and B, and their diff. */
  surface: { a: McpSurface; b: McpSurface; diff: SurfaceDiff };
  /** What the registry and malware intelligence say of the change ({} when nothing was gathered). */
  evidence: RegistryEvidence;
  /** Rule options from config (e.g. allow_domains). */
  options: Record<string, unknown>;
  /** Memoised per-review values shared between rules (e.g. all hosts of A). */
  memo<T>(key: string, compute: () => T): T;
}

export type RuleFinding = Omit<Finding, "rule">;

export interface Rule extends RuleMeta {
  detect(ctx: RuleContext): RuleFinding[];
}
