import {
  type CapabilityUse,
  type CodeFacts,
  type PackageFile,
  pathClassOf,
  type Rule,
  type RuleContext,
  type RuleFinding,
  type Severity,
} from "../review/rule.js";
import { evidenceAt } from "./lib/evidence.js";
import { hostOfTarget, hostsOfA, isInertHost } from "./lib/hosts.js";
import { changedCode, OLD_PARSE_MAX_BYTES, textFiles } from "./lib/introduced.js";
import { isBrowserAsset, isDocPath, isUnreachedTest } from "./lib/paths.js";

/**
 * What a capability weighs when B introduces it, by what it reaches: the first row that matches.
 * One table for every family; docs/RULES.md prints it. Critical needs a flow or a known-bad
 * combination (FLOWS below), never one use on its own.
 */
export const SEVERITY: readonly { what: string; severity: Severity; match: (u: CapabilityUse) => boolean }[] =
  [
    {
      what: "writes an AI agent's configuration (known-bad: how a package installs itself into other agents)",
      severity: "critical",
      match: (u) => u.family === "write" && u.pathKind === "agent-config",
    },
    {
      what: "sets an environment variable that steers other code to a fixed value (a preload, a proxy, TLS checks off, another registry, another ssh program)",
      severity: "high",
      match: (u) => u.row.startsWith("env:") && !!u.target && !u.target.includes("…"),
    },
    {
      what: "sets an environment variable that steers other code from a run-time value",
      severity: "medium",
      match: (u) => u.row.startsWith("env:"),
    },
    {
      what: "writes a persistence location",
      severity: "high",
      match: (u) => u.family === "write" && u.pathKind === "persistence",
    },
    {
      what: "writes credentials",
      severity: "high",
      match: (u) => u.family === "write" && u.pathKind === "credentials",
    },
    {
      what: "runs a program that persists (crontab, launchctl, schtasks, git hooks)",
      severity: "high",
      match: (u) => u.program?.kind === "persistence",
    },
    {
      what: "runs a program that prints secrets",
      severity: "high",
      match: (u) => u.program?.kind === "secret",
    },
    { what: "runs a program that publishes", severity: "high", match: (u) => u.program?.kind === "publish" },
    {
      what: "reads credentials",
      severity: "high",
      match: (u) => u.family === "read" && u.pathKind === "credentials",
    },
    {
      what: "reads an AI agent's configuration",
      severity: "high",
      match: (u) => u.family === "read" && u.pathKind === "agent-config",
    },
    {
      what: "deletes the whole disk or the home folder",
      severity: "high",
      match: (u) => u.family === "delete" && u.pathKind === "whole-disk",
    },
    { what: "runs text as code", severity: "high", match: (u) => u.family === "code" && u.fromText === true },
    {
      what: "loads code past the package's modules (native code, loader internals, WebAssembly with system access)",
      severity: "high",
      match: (u) =>
        u.family === "code" &&
        /dlopen|binding|_load|_compile|module\.require|wasi|Module$|register/.test(u.row),
    },
    {
      what: "opens a debugger port",
      severity: "high",
      match: (u) => u.family === "listen" && u.row.startsWith("inspector"),
    },
    {
      what: "uses a cloud SDK's or the keychain's credentials",
      severity: "medium",
      match: (u) => u.family === "secret" && SDK_CREDENTIALS.test(u.row),
    },
    {
      what: "takes the keys out of a cloud SDK client (`client.config.credentials()`)",
      severity: "medium",
      match: (u) => u.family === "secret" && u.row.endsWith(".config.credentials"),
    },
    {
      what: "routes every request of the process through a proxy at a fixed address (it sees all traffic)",
      severity: "high",
      match: (u) => u.row.endsWith("setGlobalDispatcher") && !!u.target && !u.target.startsWith("…"),
    },
    {
      what: "routes every request of the process through a dispatcher set at run time",
      severity: "medium",
      match: (u) => u.row.endsWith("setGlobalDispatcher"),
    },
    {
      what: "observes other code's requests, or reads the page's cookies",
      severity: "high",
      match: (u) => u.family === "secret",
    },
    {
      what: "runs a fixed, ordinary program",
      severity: "medium",
      match: (u) => u.family === "exec" && ordinaryProgram(u),
    },
    { what: "runs other programs", severity: "high", match: (u) => u.family === "exec" },
    {
      what: "encodes data into DNS names it looks up",
      severity: "high",
      match: (u) => u.family === "network" && dnsData(u),
    },
    { what: "sends data off the machine", severity: "medium", match: (u) => u.family === "network" },
    { what: "accepts connections", severity: "medium", match: (u) => u.family === "listen" },
    { what: "writes files", severity: "medium", match: (u) => u.family === "write" },
    { what: "runs code", severity: "medium", match: (u) => u.family === "code" },
    { what: "reads files", severity: "none" as Severity, match: (u) => u.family === "read" },
  ];

/** A command whose program is written in the code and is not a shell, an interpreter or a downloader. */
function ordinaryProgram(u: CapabilityUse): boolean {
  const cmd = u.target?.trim() ?? "";
  const program = /^[\w./-]+/.exec(cmd)?.[0] ?? "";
  if (!program || program === "…" || cmd.startsWith("…")) return false;
  // Opening the user's browser on a URL: the URL varies, the program does not.
  if (/^(?:open|xdg-open|start|explorer(?:\.exe)?|wslview|rundll32)$/.test(program)) return true;
  if (/^cmd(?:\.exe)?\s+\/c\s+start\s/i.test(cmd)) return true;
  // A shell command line with computed parts can be made to run anything.
  if (/\.exec(?:Sync)?$/.test(u.row) && cmd.includes("…")) return false;
  return !/(?:^|\/)(?:sh|bash|zsh|dash|ksh|fish|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh|node|nodejs|deno|bun|python\d?|perl|ruby|php|osascript|curl|wget|nc|ncat|netcat|socat|ssh|scp|rsync|reg(?:\.exe)?|rundll32|mshta|certutil|bitsadmin|sudo|su|chmod|chown|dd|mkfs|rm|del|rmdir|shred|npx|npm|pnpm|yarn)$/i.test(
    program,
  );
}

/**
 * A use's identity for "did A have it": its family and the class of its target (a path class, a
 * program, text run as code). Another API of the same family reaching the same class is the same
 * capability (a rewrite from exec to spawn is not new), a new class is not (git status → gh auth token).
 */
function keyOf(u: CapabilityUse): string {
  return `${u.family}|${u.pathClass ?? u.program?.id ?? (u.row.startsWith("env:") ? u.row : u.fromText ? "text" : dnsData(u) ? "dns-data" : u.family === "exec" && ordinaryProgram(u) ? "fixed" : "")}`;
}

/** A DNS query for a name whose first labels are computed and whose zone is fixed: data leaving in the name. */
function dnsData(u: CapabilityUse): boolean {
  // "…", then labels ending in a fixed zone: `${data}.${i}.${sid}.zone.example`
  return (
    /^dns|Resolver/.test(u.row) &&
    /^….*…[^…]*\.[a-z0-9-]+\.[a-z]{2,}\.?$|^…[^…]*\.[a-z0-9-]+\.[a-z]{2,}\.?$/i.test(u.target ?? "")
  );
}

const severityOf = (u: CapabilityUse) => SEVERITY.find((s) => s.match(u)) ?? null;

/** Every capability key of A's code files (parsed where small; big bundles by their module names). */
function keysOfA(ctx: RuleContext): { keys: Set<string> } {
  return ctx.memo("a-capability-keys", () => {
    const keys = new Set<string>();
    for (const f of textFiles(ctx.a)) {
      if (f.size > OLD_PARSE_MAX_BYTES) continue;
      const facts = ctx.facts(f);
      for (const u of facts?.capabilities ?? []) {
        keys.add(keyOf(u));
      }
    }
    return { keys };
  });
}

/** Did A have this use in the old counterpart of the file (or, for a big bundle, its text)? */
function oldHadUse(
  old: { size: number; text?: string } | undefined,
  facts: CodeFacts | null,
  u: CapabilityUse,
): boolean {
  if (!old) return false;
  if (old.size > OLD_PARSE_MAX_BYTES) {
    const name = u.row.replace(/^.*[.#:]/, "");
    return !!name && old.text!.includes(name);
  }
  return !!facts?.capabilities.some((x) => keyOf(x) === keyOf(u));
}

/**
 * Flows and known-bad combinations inside one file, the source new in B: what makes a finding critical.
 * The sending end is any request of the file to a host the old version never used (or, when the request
 * is new, to a host the code does not fix).
 */
function flows(
  ctx: RuleContext,
  introduced: CapabilityUse[],
  facts: CodeFacts,
): { use: CapabilityUse; why: string }[] {
  const out: { use: CapabilityUse; why: string }[] = [];
  const { hosts } = hostsOfA(ctx);
  const isNew = new Set(introduced);
  const send = facts.capabilities.filter((u) => {
    if (u.family !== "network" || u.row.startsWith("module:")) return false;
    const host = u.target && u.target !== "…" ? hostOf(u.target) : null;
    // A host the code fixes: new and not the local machine; one it does not fix: only on a new request.
    return host ? !hosts.has(host) && !isInertHost(host) : isNew.has(u) && (u.target ?? "…").startsWith("…");
  });
  const first = send[0];
  if (!first) return out;
  const at = `on line ${first.line} (${first.label}${first.target && first.target !== "…" ? `: ${first.target.slice(0, 60)}` : ""})`;
  const secret = introduced.find(
    (u) =>
      (u.family === "read" && u.pathKind === "credentials") ||
      u.program?.kind === "secret" ||
      (u.family === "secret" && !runTimeDispatcher(u)),
  );
  if (secret) out.push({ use: secret, why: `and sends data to a host the old version never used ${at}` });
  const persist = introduced.find(
    (u) => (u.family === "write" && u.pathKind === "persistence") || u.program?.kind === "persistence",
  );
  if (persist) out.push({ use: persist, why: `in a file that fetches from a new host ${at}` });
  const run = introduced.find(
    (u) =>
      (u.family === "code" && (u.fromText || LOADER.test(u.row))) ||
      (u.family === "exec" && INTERPRETER.test(u.target ?? "")) ||
      u.program?.kind === "install",
  );
  if (run && facts.remoteCode.length === 0)
    out.push({ use: run, why: `in a file that fetches from a new host ${at}: downloaded code can be run` });
  return out;
}

/**
 * Text naming a persistence location (written or built: `Library/LaunchAgents`, `.git/hooks`,
 * `core.hooksPath`, `.vscode/tasks.json` with a folder-open trigger) that B introduces: the path often
 * reaches the write through helpers and tables the collector cannot follow, so the name is the signal;
 * high when the file also writes files or runs programs, medium when it only names it.
 */
function persistenceNamed(
  ctx: RuleContext,
  file: PackageFile,
  old: PackageFile | undefined,
  facts: CodeFacts,
  shown: Set<string>,
): RuleFinding[] {
  const out: RuleFinding[] = [];
  // The write is often in another file (a scaffold's writeTree, a git helper): any code of B that writes or runs.
  const acts =
    facts.capabilities.some((u) => u.family === "write" || u.family === "exec") ||
    ctx.memo("b-writes-or-runs", () =>
      textFiles(ctx.b).some(
        (f) =>
          /\.[mc]?[jt]sx?$/.test(f.path) &&
          /\b(?:writeFile|appendFile|createWriteStream|execFile|spawn|execSync|addConfig)\b/.test(f.text!),
      ),
    );
  const oldFacts = old && old.size <= OLD_PARSE_MAX_BYTES ? ctx.facts(old) : null;
  for (const s of facts.strings) {
    const c = pathClassOf(s.value);
    if (c?.class !== "persistence" || shown.has(`write|${c.id}`) || shown.has(`named|${c.id}`)) continue;
    if (c.id === "editor-tasks" && !/folderOpen/.test(file.text ?? "")) continue;
    if (
      oldFacts?.strings.some((x) => pathClassOf(x.value)?.id === c.id) ||
      (old && !oldFacts && c.re.test(old.text ?? ""))
    )
      continue;
    shown.add(`named|${c.id}`);
    out.push({
      severity: acts ? "high" : "medium",
      file: file.path,
      line: s.line,
      message: `names ${c.label} ("${s.value.slice(0, 80)}")${acts ? " in a file that writes files or runs programs" : ""}`,
      evidence: evidenceAt(file, s.line, s.value.slice(0, 40)),
    });
  }
  return out;
}

/** A dispatcher whose proxy comes from the environment (proxy support): not a source by itself. */
const runTimeDispatcher = (u: CapabilityUse) =>
  u.row.endsWith("setGlobalDispatcher") && (!u.target || u.target.startsWith("…"));

/** Credentials read from files, programs that print them, or other code's traffic. */
function isSecretSource(u: CapabilityUse): boolean {
  return (
    (u.family === "read" && u.pathKind === "credentials") ||
    u.program?.kind === "secret" ||
    (u.family === "secret" && !SDK_CREDENTIALS.test(u.row) && !runTimeDispatcher(u))
  );
}

/** Credentials a cloud SDK resolves for its own client: a server for that cloud needs them. */
const SDK_CREDENTIALS = /credential-provider|google-auth|keytar/;

/** Rows that load code past the package's own modules. */
const LOADER = /dlopen|binding|_load|_compile|module\.require|wasi|global:import/;
/** Programs that run the code they are given. */
const INTERPRETER =
  /^(?:\S*\/)?(?:node|nodejs|deno|bun|sh|bash|zsh|dash|python\d?|perl|ruby|php|powershell|pwsh|osascript)\b/;

const hostOf = hostOfTarget;

export const rule: Rule = {
  id: "capability-added",
  title: "Code gains a capability",
  description:
    "Compares what the code of each version can do, from the capability catalogue (src/review/facts/catalogue.ts): " +
    "every way code sends data out, runs code or programs, writes, deletes or persists, reads secrets, with the " +
    "target of each use resolved where the code fixes it (a path's class, a program's name). A use is new when " +
    "no file of the old version had the same family, reach and target class. Rated by the severity table below; " +
    "low when the old version had it in another file or in a test or browser asset. Critical only for a flow or a " +
    "known-bad combination in one file, both ends new: credentials read (files, programs that print them, other " +
    "code's requests) and data sent to a host the old version never used; a persistence location written with " +
    "something fetched; text run as code in a file that newly fetches; an AI agent's configuration written; code " +
    "it downloads, run. A secret read in one file and a new host in another is the same flow (critical). A " +
    "platform CLI's own token (`gh auth token`, a cloud CLI's) is medium when nothing in the new version sends " +
    "to a new host: servers for that platform ask for it to call the platform's API.",
  defaultSeverity: "high",
  incident:
    "The nx build-tool compromise (August 2025) added child_process calls that ran AI CLIs to hunt for secrets; node-ipc 10.1.1 wrote over every file it could reach.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    const a = keysOfA(ctx);
    const { hosts } = hostsOfA(ctx);
    // Across files: a new secret source here and a request to a new host there is the same flow.
    const sources: RuleFinding[] = [];
    const sends: string[] = [];
    const platform: RuleFinding[] = [];
    for (const { file, old, facts } of changedCode(ctx)) {
      if (isDocPath(file.path)) continue;
      const remote = facts.remoteCode[0];
      if (remote && !(old && ctx.facts(old)?.remoteCode.length)) {
        out.push({
          severity: isUnreachedTest(ctx, file.path) ? "low" : "critical",
          file: file.path,
          line: remote.line,
          message: `runs code it downloads: ${remote.value}(…) of a network response`,
          evidence: evidenceAt(file, remote.line, remote.value),
        });
      }
      const oldFacts = old && old.size <= OLD_PARSE_MAX_BYTES ? ctx.facts(old) : null;
      const introduced = facts.capabilities.filter((u) => severityOf(u) && !oldHadUse(old, oldFacts, u));
      const lowered = isUnreachedTest(ctx, file.path) || isBrowserAsset(file.path);
      const critical = new Map(lowered ? [] : flows(ctx, introduced, facts).map((f) => [f.use, f.why]));
      const shown = new Set<string>();
      // A resolved use says more than loading its module: "loads child_process" only when nothing is called.
      const resolved = new Set(
        facts.capabilities.filter((u) => !u.row.startsWith("module:")).map((u) => u.family),
      );
      for (const u of introduced) {
        if (u.row.startsWith("module:") && resolved.has(u.family)) continue;
        const s = severityOf(u)!;
        if (s.severity === ("none" as Severity) && !critical.has(u)) continue;
        const key = keyOf(u);
        if (shown.has(key)) continue;
        shown.add(key);
        const inA = a.keys.has(key);
        const why = critical.get(u);
        const severity: Severity = why ? "critical" : lowered || inA ? "low" : s.severity;
        const target = u.target && u.target !== "…" ? `: ${u.target.slice(0, 100)}` : "";
        const host = u.family === "network" && u.target ? hostOf(u.target) : null;
        if (host && !hosts.has(host) && !isInertHost(host) && !lowered)
          sends.push(`${host} (${file.path}:${u.line})`);
        out.push({
          severity,
          file: file.path,
          line: u.line,
          message: `${old ? "now" : "new file"} ${s.what}${target} (${u.label}, ${u.row})${why ? ` ${why}` : ""}${inA ? " (the old version did this in another file)" : lowered ? " (a test or browser asset)" : ""}`,
          evidence: evidenceAt(file, u.line, u.row.replace(/^.*[.#:]/, "")),
        });
        if (severity === "high" && isSecretSource(u)) sources.push(out[out.length - 1]!);
        if (severity === "high" && u.program?.platform) platform.push(out[out.length - 1]!);
      }
      if (!lowered) out.push(...persistenceNamed(ctx, file, old, facts, shown));
    }
    if (sends.length)
      for (const f of sources) {
        f.severity = "critical";
        f.message += `; the new version also sends to a host the old one never used: ${sends[0]}`;
      }
    else
      for (const f of platform) {
        // `gh auth token` for GitHub's own API: the platform's token, and no new host anywhere to take it.
        f.severity = "medium";
        f.message +=
          "; a platform CLI's own token, and nothing in the new version sends to a host the old one never used";
      }
    return out;
  },
};
