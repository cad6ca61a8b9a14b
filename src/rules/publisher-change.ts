import { PUBLISHER_HISTORY, publisherChange, type Rule, type RuleFinding } from "../review/rule.js";

export const rule: Rule = {
  id: "publisher-change",
  title: "Published by a new account, or maintainers changed",
  description:
    `The new version was published by an account that published none of the last ${PUBLISHER_HISTORY} ` +
    "versions before it, or the maintainers recorded with it differ from the old version's: medium. " +
    "Together with a new install script, endpoint, capability or obfuscation the package risk is " +
    "critical (the engine's combination of a new hand with new behaviour). Needs `_npmUser` and " +
    "`maintainers` from the registry; when the registry strips them there is nothing to compare.",
  defaultSeverity: "medium",
  incident:
    "event-stream 3.3.6 (2018) was published by a new maintainer the author had handed the package to; ua-parser-js 0.7.29 (2021) by a hijacked account.",
  detect(ctx) {
    const p = ctx.evidence.publishing;
    if (!p || p.problem) return [];
    const change = publisherChange(p);
    const out: RuleFinding[] = [];
    if (change.newPublisher) {
      const { publisher, history } = change.newPublisher;
      out.push({
        severity: "medium",
        file: "package.json",
        line: null,
        message: `${p.name}@${p.to} was published by ${publisher}, who published none of the ${PUBLISHER_HISTORY} versions before it (${history.join(", ")})`,
        evidence: `publisher ${publisher}; before: ${history.join(", ")}`,
      });
    }
    if (change.maintainers) {
      const { added, removed } = change.maintainers;
      const parts = [
        ...(added.length ? [`added ${added.join(", ")}`] : []),
        ...(removed.length ? [`removed ${removed.join(", ")}`] : []),
      ];
      out.push({
        severity: "medium",
        file: "package.json",
        line: null,
        message: `the maintainers of ${p.name} changed between ${p.from} and ${p.to}: ${parts.join("; ")}`,
        evidence: parts.join("; "),
      });
    }
    return out;
  },
};
