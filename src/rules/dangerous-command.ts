import type { Rule, RuleFinding, Sink } from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { changedCode, oldHad } from "./lib/introduced.js";
import { isDocPath, isTestPath } from "./lib/paths.js";

/** A command that runs what it downloads: `curl … | sh`, `wget -O- … | bash`, `iwr … | iex`. */
const PIPE_TO_SHELL =
  /\b(?:curl|wget|fetch|iwr|Invoke-WebRequest|irm|Invoke-RestMethod)\b[^|;&]*\|\s*(?:sudo\s+)?(?:sh|bash|zsh|dash|ksh|node|python3?|perl|iex|Invoke-Expression|powershell)\b|\b(?:sh|bash|zsh)\s+-c\s+["']?\$\((?:curl|wget)\b/i;

/** Paths that are the user's, not the package's: the home folder itself, the root, system folders. */
const USER_TREES =
  /^(?:~\/?|\/|~\/(?:\.ssh|\.aws|\.config|\.gnupg|Documents|Desktop|Library|\.\w+)\/?|\/(?:etc|usr|home|Users|var|opt)\/?|[A-Za-z]:\\?\\?)$/;

function problem(s: Sink): string | null {
  if (s.kind === "exec" && PIPE_TO_SHELL.test(s.text))
    return `runs a program downloaded at run time: \`${s.text.slice(0, 120)}\``;
  if (s.kind === "delete" && USER_TREES.test(s.text.trim()))
    return `deletes ${s.text.trim().startsWith("~") ? "the user's" : "a system"} folder \`${s.text.trim()}\`${s.recursive ? " recursively" : ""}`;
  return null;
}

export const rule: Rule = {
  id: "dangerous-command",
  title: "Runs downloaded code or deletes the user's files",
  description:
    "Flags a command the new version runs that pipes something downloaded into a shell or interpreter " +
    "(`curl … | sh`), and a delete of a folder that is the user's or the system's rather than the package's " +
    "(the home folder, `~/.ssh`, `/`, `/etc`), with the command or path as far as it is known before run time " +
    "(constants folded, `~` for the home folder, `…` for what is computed).",
  defaultSeverity: "high",
  incident:
    "node-ipc 10.1.1 (March 2022) overwrote files across the disk; install scripts of many 2024–2025 npm attacks ran `curl … | sh`.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const { file, old, facts } of changedCode(ctx)) {
      for (const s of facts.sinks) {
        const why = problem(s);
        if (!why) continue;
        const same = (f: { sinks: Sink[] }) => f.sinks.some((x) => x.kind === s.kind && x.text === s.text);
        if (oldHad(ctx, old, same, /(?!)/)) continue;
        const lowered = isDocPath(file.path) || isTestPath(file.path);
        out.push({
          severity: lowered ? "low" : "high",
          file: file.path,
          line: s.line,
          message: why,
          evidence: evidenceAt(file, s.line),
        });
      }
    }
    return out;
  },
};
