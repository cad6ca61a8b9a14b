/**
 * `.github/mcp-guard.yml`, validated against CONFIG_SCHEMA (DESIGN §10). Pure: the caller reads the
 * file; this turns its text into settings or a list of every problem, each naming the file, the key
 * and what is wrong. The app and the CLI both parse through parseConfigText.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { load as loadYaml } from "js-yaml";
import type { RuleSetting } from "../review/engine.js";
import type { Risk, Severity } from "../review/types.js";
import { CONFIG_SCHEMA } from "./config-schema.js";
import { type Cooldown, parseDuration } from "./release-age.js";

export interface GuardConfig {
  reviewers: { users: string[]; teams: string[] };
  requiredApprovals: number;
  packages: { detectMcp: boolean; include: string[]; exclude: string[]; all: boolean };
  requireApprovalFrom: Risk;
  allowApprovalOfIncomplete: boolean;
  rules: Record<string, RuleSetting>;
  registry?: string;
  /**
   * A malware-intelligence source that cannot be asked: `required` (default) makes the analysis
   * incomplete; `best-effort` notes it without blocking.
   */
  advisories: "required" | "best-effort";
  /** `min_release_age`: versions younger than this are held (absent: the repository's own cooldown). */
  minReleaseAge?: Cooldown;
  /** False when no file was found and these are the defaults. */
  fromFile: boolean;
}

export interface ParsedConfig {
  config: GuardConfig;
  problems: string[];
}

/** Safe defaults: every guarded change needs one approval from someone with admin permission. */
export const CONFIG_PATH = ".github/mcp-guard.yml";
/** Where a repository's config may be: the documented name and its `.yaml` twin (both: refused). */
export const CONFIG_PATHS = [CONFIG_PATH, ".github/mcp-guard.yaml"] as const;

export const DEFAULT_CONFIG: GuardConfig = {
  reviewers: { users: [], teams: [] },
  requiredApprovals: 1,
  packages: { detectMcp: true, include: [], exclude: [], all: false },
  requireApprovalFrom: "none",
  allowApprovalOfIncomplete: false,
  rules: {},
  advisories: "required",
  fromFile: false,
};

let validator: ValidateFunction | undefined;
function validate(doc: unknown): ErrorObject[] {
  validator ??= new Ajv2020({ allErrors: true, strict: false, verbose: true }).compile(CONFIG_SCHEMA);
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}

function describe(e: ErrorObject): string {
  const key = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(top level)";
  if (/^\/rules\/[^/]+$/.test(e.instancePath) && e.keyword === "type")
    return `${key}: must be "off" or a mapping of settings`;
  switch (e.keyword) {
    case "additionalProperties":
      return `${key === "(top level)" ? "" : `${key}.`}${String(e.params.additionalProperty)}: unknown key`;
    case "propertyNames":
      return `${key}.${String(e.params.propertyName)}: unknown rule`;
    case "enum":
      return `${key}: must be one of ${(e.params.allowedValues as unknown[]).map(String).join(", ")}`;
    case "pattern":
      return `${key}: ${JSON.stringify(e.data)} is not valid here`;
    default:
      return `${key}: ${e.message ?? "invalid"}`;
  }
}

/**
 * Parses the text of a config file; `null` (no file) gives the defaults. An empty or comment-only file
 * is a file with no settings: the defaults, marked as configured.
 */
export function parseConfigText(text: string | null, file = CONFIG_PATH): ParsedConfig {
  if (text === null) return parseConfig(undefined);
  // js-yaml refuses a document with nothing in it ("expected a document"): a file of comments is a
  // config that sets nothing, not a broken one.
  if (text.split(/\r?\n/).every((l) => /^\s*(?:#.*)?$|^(?:---|\.\.\.)\s*$/.test(l)))
    return parseConfig({}, file);
  let doc: unknown;
  try {
    doc = loadYaml(text);
  } catch (e) {
    const problem = `${file}: invalid YAML (${(e as Error).message.split("\n")[0]})`;
    return { config: DEFAULT_CONFIG, problems: [problem] };
  }
  return parseConfig(doc ?? {}, file);
}

/** Parses a YAML-decoded document; `null`/`undefined` (no file) gives the defaults. */
export function parseConfig(doc: unknown, file = ".github/mcp-guard.yml"): ParsedConfig {
  if (doc === null || doc === undefined) return { config: DEFAULT_CONFIG, problems: [] };
  const errors = validate(doc);
  if (errors.length) {
    // oneOf failures repeat each branch's complaint; keep one line per key and message.
    // Fold the schema's sub-errors: a propertyNames failure also reports the enum it failed, and a
    // rule setting's oneOf reports each branch ("off", false, a mapping).
    const relevant = errors.filter(
      (e) => e.keyword !== "oneOf" && e.keyword !== "const" && e.propertyName === undefined,
    );
    const lines = [...new Set(relevant.map(describe))];
    return { config: DEFAULT_CONFIG, problems: lines.map((l) => `${file}: ${l}`) };
  }
  const d = doc as {
    reviewers?: { users?: string[]; teams?: string[] };
    required_approvals?: number;
    packages?: { detect_mcp?: boolean; include?: string[]; exclude?: string[]; all?: boolean };
    require_approval_from?: Risk;
    allow_approval_of_incomplete?: boolean;
    rules?: Record<string, "off" | false | ({ severity?: Severity } & Record<string, unknown>)>;
    registry?: string;
    advisories?: "required" | "best-effort";
    min_release_age?: string;
  };
  const rules: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(d.rules ?? {})) {
    if (v === "off" || v === false) rules[id] = { off: true };
    else {
      const { severity, ...options } = v;
      rules[id] = { ...(severity ? { severity } : {}), options };
    }
  }
  return {
    problems: [],
    config: {
      reviewers: { users: d.reviewers?.users ?? [], teams: d.reviewers?.teams ?? [] },
      requiredApprovals: d.required_approvals ?? 1,
      packages: {
        detectMcp: d.packages?.detect_mcp ?? true,
        include: d.packages?.include ?? [],
        exclude: d.packages?.exclude ?? [],
        all: d.packages?.all ?? false,
      },
      requireApprovalFrom: d.require_approval_from ?? "none",
      allowApprovalOfIncomplete: d.allow_approval_of_incomplete ?? false,
      rules,
      ...(d.registry ? { registry: d.registry } : {}),
      advisories: d.advisories ?? "required",
      ...(d.min_release_age !== undefined
        ? { minReleaseAge: { ms: parseDuration(d.min_release_age)!, from: `${file} min_release_age` } }
        : {}),
      fromFile: true,
    },
  };
}
