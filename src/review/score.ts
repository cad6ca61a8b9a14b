/** Package risk: the highest introduced severity, or higher where signals combine in one place. */
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
/**
 * Critical means something leaves the machine, arrives to run, or takes over the agent. A combination
 * raises a high to critical only when one of its findings says so; other highs that sit together (a
 * secret read and a new tool that returns it to the model) stay high.
 */
const OUTBOUND = new Set([
  "new-endpoint",
  "hidden-recipient",
  "dangerous-command",
  "install-script",
  "obfuscation",
  "self-publish",
  "agent-config-write",
  "tool-poisoning",
]);
/**
 * A new hand plus new behaviour: a version published by a new account (or with new maintainers, or from
 * another repository, workflow or ref) that also brings an install script, an endpoint, a capability or
 * obfuscation is critical, wherever they sit.
 */
const NEW_HAND = new Set(["publisher-change", "trust-downgrade"]);
const NEW_BEHAVIOUR = new Set(["install-script", "new-endpoint", "capability-added", "obfuscation"]);
/** Two findings this close in one file are about the same code. */
const NEAR_LINES = 200;

export function score(findings: Finding[]): Assessment {
  let risk: Risk = "none";
  for (const f of findings) risk = maxRisk(risk, f.severity);
  // Signals combine when they sit together: in one tool's handler, or near each other in one file
  // (a multi-megabyte bundle is one file, but its distant parts are unrelated code).
  const strong = findings.filter(
    (f) => riskRank(f.severity) >= riskRank("medium") && !PACKAGE_LEVEL.has(f.rule),
  );
  // Each pair that sits together raises its stronger signal one level (to high at most when neither
  // is about something leaving the machine or arriving to run); the package takes the highest.
  const single = risk;
  const raised = new Map<string, { level: Severity; rules: Set<string> }>();
  for (let i = 0; i < strong.length; i++) {
    for (let j = i + 1; j < strong.length; j++) {
      const x = strong[i]!;
      const y = strong[j]!;
      if (x.rule === y.rule || (STRUCTURAL.has(x.rule) && STRUCTURAL.has(y.rule))) continue;
      const sameTool = !!x.tool && x.tool === y.tool;
      const near =
        x.file === y.file && (x.line === null || y.line === null || Math.abs(x.line - y.line) <= NEAR_LINES);
      if (!sameTool && !near) continue;
      const top = maxRisk(x.severity, y.severity) as Severity;
      if (top === "critical") continue;
      let level = SEVERITIES[SEVERITIES.indexOf(top) + 1]!;
      if (level === "critical" && !OUTBOUND.has(x.rule) && !OUTBOUND.has(y.rule)) level = "high";
      if (level === top) continue;
      risk = maxRisk(risk, level);
      const key = sameTool ? `tool ${x.tool}` : x.file;
      const entry = raised.get(key) ?? { level, rules: new Set<string>() };
      entry.level = maxRisk(entry.level, level) as Severity;
      entry.rules.add(x.rule).add(y.rule);
      raised.set(key, entry);
    }
  }
  const hand = findings.find((f) => NEW_HAND.has(f.rule))?.rule;
  const behaviour = strong.filter((f) => NEW_BEHAVIOUR.has(f.rule)).map((f) => f.rule);
  if (hand && behaviour.length && risk !== "critical") {
    risk = "critical";
    raised.set("package", { level: "critical", rules: new Set([hand, ...behaviour]) });
  }
  // Only the combinations that set the package risk explain it: a pair raised to a level some single
  // finding (or another pair) already exceeds changed nothing, and saying so would cry wolf.
  const raisedBy =
    risk === single
      ? []
      : [...raised]
          .filter(([, e]) => e.level === risk)
          .map(([where, e]) => `${where}: ${[...e.rules].sort().join(" + ")}`);
  return { risk, raisedBy: raisedBy.sort() };
}
