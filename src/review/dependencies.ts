/**
 * Everything the bump installs is part of the change: the reviews of the packages it adds or changes
 * (by the same engine) folded into the guarded package's review, each finding attributed ("via
 * flatmap-stream 0.1.1, new in event-stream 3.3.6") and placed where it lands (`node_modules/<name>/`).
 * Pure.
 */
import { score } from "./score.js";
import { type Finding, type PackageReview, riskRank, type Severity } from "./types.js";

export interface DependencyChange {
  name: string;
  /** null: new in the install (reviewed as all-new code). */
  from: string | null;
  to: string;
  /** The packages from the guarded one down to this one's parent (`["event-stream"]`). */
  via: string[];
  /** The integrity the lockfile pins for `to` (the bytes reviewed must be these). */
  integrity?: string;
}

export interface DependencyReview {
  change: DependencyChange;
  review: PackageReview;
}

/**
 * A package new in the install is all-new code: everything a library can do (send requests, spawn,
 * compile schemas) is new, and ordinary. What it does is shown (at most low), except what no ordinary
 * library does, which keeps its severity when that is high or above: known malware, a trust downgrade,
 * hidden payloads, secrets sent, hidden recipients, dangerous commands, install scripts that run at
 * install, self-publishing, agent configs written.
 */
export const KEPT_IN_NEW_CODE = new Map<string, Severity>([
  ["known-malicious", "high"],
  ["trust-downgrade", "high"],
  ["obfuscation", "high"],
  ["secret-sent", "high"],
  ["hidden-recipient", "high"],
  ["dangerous-command", "high"],
  // A native addon's build (node-gyp and its kin: high for the rule) is what native libraries do; any
  // other command at install (critical for the rule) is said at high: many libraries do it too
  // (ssh2's `node install.js`), and it is where a payload runs.
  ["install-script", "critical"],
  ["self-publish", "high"],
  ["agent-config-write", "high"],
]);

/**
 * What a dependency's review is reused by: the same package, versions, bytes and rule settings give
 * the same review, whichever change pulls it in.
 */
export function reuseKey(c: DependencyChange, settings: unknown): string {
  return JSON.stringify([c.name, c.from, c.to, c.integrity ?? "", settings ?? {}]);
}

/** A dependency's review as folding needs it (its findings and gaps), without the diff: cheap to keep. */
export function compactReview(r: PackageReview): PackageReview {
  return {
    package: r.package,
    risk: r.risk,
    raisedBy: r.raisedBy,
    complete: r.complete,
    incomplete: r.incomplete,
    findings: r.findings,
    files: r.files,
    tools: r.tools,
    diff: { files: [], notes: [] },
  };
}

/** "flatmap-stream 0.1.1, new in event-stream 3.3.6" / "zod 3.25.0 → 3.25.1, via a → b". */
export function viaLabel(c: DependencyChange, guarded: { name: string; to: string }): string {
  const what = c.from ? `${c.name} ${c.from} → ${c.to}` : `${c.name} ${c.to}`;
  const chain = c.via.length > 1 ? ` (through ${c.via.slice(1).join(" → ")})` : "";
  return `${what}, ${c.from ? "changed" : "new"} in ${guarded.name} ${guarded.to}${chain}`;
}

/**
 * Rules that are critical on a token (a name the code mentions), not a flow: in a dependency the bump
 * changes, at most high (a browser-automation bundle names `.claude` and Chrome's `Local State`). Flows
 * (`capability-added`: an agent's configuration written, a credential read and sent) keep critical.
 */
const TOKEN_CRITICAL = new Set(["agent-config-write", "secret-access"]);

function lowered(f: Finding, isNew: boolean): Severity {
  if (!isNew) return TOKEN_CRITICAL.has(f.rule) && f.severity === "critical" ? "high" : f.severity;
  // What no library does, said at high or above (a medium install-script is a `prepare`, which a registry
  // install never runs; a medium obfuscation is a minified file): kept. Everything else is context.
  const kept = KEPT_IN_NEW_CODE.get(f.rule);
  if (kept && riskRank(f.severity) >= riskRank(kept))
    return f.rule === "install-script" ? "high" : f.severity;
  return riskRank(f.severity) > riskRank("low") ? "low" : f.severity;
}

/** The guarded review with its dependencies' findings, notes and risk folded in. */
export function withDependencies(main: PackageReview, deps: readonly DependencyReview[]): PackageReview {
  if (!deps.length) return main;
  const guarded = { name: main.package.name, to: main.package.to };
  const findings: Finding[] = [...main.findings];
  const incomplete = [...main.incomplete];
  const summary: NonNullable<PackageReview["dependencies"]> = [];
  for (const { change, review } of deps) {
    const isNew = change.from === null;
    // The package the guarded one depends on directly (the chain's first step): the one its code imports.
    const first = change.via[1] ?? change.name;
    const tools = Object.entries(main.toolPackages ?? {})
      .filter(([, pkgs]) => pkgs.includes(first))
      .map(([tool]) => tool)
      .sort();
    const via = `${viaLabel(change, guarded)}${tools.length ? `; reached from tool ${tools.join(", ")}` : ""}`;
    const own = review.findings.map((f) => ({
      ...f,
      severity: lowered(f, isNew),
      file: `node_modules/${change.name}/${f.file}`,
      // Named in `via`, not as the finding's own tool: a tool's own findings combine, these are its dependency's.
      via,
    }));
    findings.push(...own);
    for (const why of review.incomplete) incomplete.push(`via ${change.name} ${change.to}: ${why}`);
    summary.push({
      name: change.name,
      from: change.from,
      to: change.to,
      via,
      risk: score(own).risk,
      findings: own.length,
      complete: review.complete,
    });
  }
  // The guarded package's own findings first, then by severity: the review's order stays readable.
  findings.sort((x, y) => riskRank(y.severity) - riskRank(x.severity) || Number(!!x.via) - Number(!!y.via));
  const assessment = score(findings);
  return {
    ...main,
    risk: assessment.risk,
    raisedBy: assessment.raisedBy,
    complete: incomplete.length === 0,
    incomplete,
    findings,
    dependencies: summary,
  };
}
