/** Package risk: the highest introduced severity, raised one level when signals combine in one file. */
import {
  type Assessment,
  type Finding,
  maxRisk,
  type Risk,
  riskRank,
  SEVERITIES,
  type Severity,
} from "./types.js";

/** Rules that describe the package as a whole; they do not combine. */
const PACKAGE_LEVEL = new Set(["unreviewable"]);
/**
 * Structural changes (a bin moved, a dependency added, a binary) are ordinary in pairs; a combination
 * needs at least one behavioural signal (an endpoint, a secret read, an install script, …).
 */
const STRUCTURAL = new Set(["manifest-change", "new-dependency", "binary-added"]);

export function score(findings: Finding[]): Assessment {
  let risk: Risk = "none";
  for (const f of findings) risk = maxRisk(risk, f.severity);
  const byFile = new Map<string, Set<string>>();
  for (const f of findings) {
    if (riskRank(f.severity) < riskRank("medium") || PACKAGE_LEVEL.has(f.rule)) continue;
    const key = f.tool ? `tool ${f.tool}` : f.file;
    byFile.set(key, (byFile.get(key) ?? new Set()).add(f.rule));
  }
  const raisedBy: string[] = [];
  for (const [where, rules] of byFile) {
    if (rules.size >= 2 && [...rules].some((r) => !STRUCTURAL.has(r))) {
      raisedBy.push(`${where}: ${[...rules].sort().join(" + ")}`);
    }
  }
  if (raisedBy.length > 0 && risk !== "none" && risk !== "critical") {
    risk = SEVERITIES[SEVERITIES.indexOf(risk as Severity) + 1]!;
  }
  return { risk, raisedBy: raisedBy.sort() };
}
