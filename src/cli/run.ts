/**
 * The CLI as a function tests can call: argv in, text on the given streams, exit code out.
 * 0 = risk below --fail-on, 1 = at or above, 2 = the analysis could not be completed.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { isMcpGuardError, McpGuardError } from "../common/errors.js";
import { type Limits, withLimits } from "../common/limits.js";
import { parseConfig, parseConfigText } from "../gate/config.js";
import { looksLikeMcp } from "../gate/guard.js";
import { withTimeout } from "../npm/deadline.js";
import type { AdvisoryPolicy } from "../npm/evidence.js";
import { classifySpec, expandNewSpec, loadPackage } from "../npm/load.js";
import { advisorySources } from "../npm/osv.js";
import type { TransitiveOptions } from "../npm/transitive.js";
import { renderJson } from "../render/json.js";
import { renderMarkdown } from "../render/markdown.js";
import { renderSarif } from "../render/sarif.js";
import { renderTerminal } from "../render/terminal.js";
import { renderToolsJson, renderToolsMarkdown } from "../render/tools.js";
import { withDependencies } from "../review/dependencies.js";
import { reviewPackage } from "../review/engine.js";
import { toolList } from "../review/mcp/tool-list.js";
import {
  type PackageReview,
  type PackageSnapshot,
  riskRank,
  SEVERITIES,
  type Severity,
} from "../review/types.js";
import { RULES } from "../rules/index.js";
import { reclaimer } from "../runtime/reclaim.js";

export const VERSION = "0.1.0";

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env?: Record<string, string | undefined>;
  /** Caps, for tests that need them low. */
  limits?: Partial<Limits>;
}

const USAGE = `Usage:
  mcp-guard diff <old> <new> [--format text|markdown|json|sarif] [--fail-on low|medium|high|critical]
                             [--config <file>] [--registry <url>]
  mcp-guard tools <spec> [--format json|markdown] [--registry <url>]
  mcp-guard --version

<old>, <new>: name@version (registry), a .tgz file, or an unpacked package folder.
<new> may be a bare version: mcp-guard diff postmark-mcp@1.0.15 1.0.16

Exit codes: 0 risk below --fail-on (default high), 1 at or above, 2 analysis incomplete or failed.
`;

const FORMATS = ["text", "markdown", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

/** A one-line spinner on a terminal's stderr; silent elsewhere so logs stay clean. */
function progress(stderr: CliIo["stderr"]) {
  if (!stderr.isTTY) return { step: (_: string) => {}, done: () => {} };
  const frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
  let i = 0;
  let label = "";
  const draw = () => stderr.write(`\r\x1b[2K${frames[i++ % frames.length]} ${label}`);
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    step(next: string) {
      label = next;
      draw();
    },
    done() {
      clearInterval(timer);
      stderr.write("\r\x1b[2K");
    },
  };
}

async function loadConfig(path: string | undefined) {
  if (!path) return parseConfig(null).config;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new McpGuardError("E_MCPGUARD_CONFIG", `${path}: cannot read config (${(e as Error).message})`);
  }
  const parsed = parseConfigText(text, path);
  if (parsed.problems.length) {
    throw new McpGuardError("E_MCPGUARD_CONFIG", `invalid config:\n  ${parsed.problems.join("\n  ")}`);
  }
  return parsed.config;
}

/**
 * Publishing evidence and advisories of B, by the name and version its package.json gives (a tarball
 * or a folder too). An input that is not in the registry has no publishing history: said, not blocking.
 */
async function cliEvidence(
  a: PackageSnapshot,
  b: PackageSnapshot,
  o: {
    limits: Limits;
    registry?: string;
    cache?: string;
    advisories: AdvisoryPolicy;
    env: CliIo["env"] & {};
    fromRegistry: boolean;
  },
) {
  const { gatherEvidence } = await import("../npm/evidence.js");
  const named = typeof b.manifest.name === "string" && typeof b.manifest.version === "string";
  const from = a.files.size ? a.version : null;
  // A local input's registry history is one look, not retried: it describes, the bytes are local.
  const limits = o.fromRegistry ? o.limits : { ...o.limits, requestRetries: 0 };
  return gatherEvidence(
    { name: b.name, from, to: b.version },
    {
      limits,
      ...(o.registry ? { registry: o.registry } : {}),
      ...(o.cache ? { cache: o.cache } : {}),
      osv: advisorySources(o.env),
      advisories: o.advisories,
      publishing: named,
      publishingRequired: o.fromRegistry,
    },
  );
}

/** The review with every package B's manifest adds or changes in the install, resolved against the registry. */
async function reviewWithDependencies(
  own: PackageReview,
  a: PackageSnapshot,
  b: PackageSnapshot,
  opts: TransitiveOptions,
): Promise<PackageReview> {
  const { resolveDependencyChanges, reviewDependencyChanges } = await import("../npm/transitive.js");
  const { changes, problems } = await resolveDependencyChanges(a, b, opts);
  const merged = withDependencies(own, await reviewDependencyChanges(changes, opts));
  if (!problems.length) return merged;
  const incomplete = [...merged.incomplete, ...problems.map((p) => `dependencies: ${p}`)];
  return { ...merged, complete: false, incomplete };
}

async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "fail-on": { type: "string", default: "high" },
      config: { type: "string" },
      registry: { type: "string" },
    },
  });
  if (positionals.length !== 2) {
    throw new McpGuardError(
      "E_MCPGUARD_USAGE",
      `diff needs <old> and <new>, got ${positionals.length} argument(s)\n\n${USAGE}`,
    );
  }
  const format = (values.format ?? (io.stdout.isTTY ? "text" : "markdown")) as Format;
  if (!FORMATS.includes(format))
    throw new McpGuardError("E_MCPGUARD_USAGE", `--format must be one of ${FORMATS.join(", ")}`);
  const failOn = values["fail-on"] as Severity;
  if (!SEVERITIES.includes(failOn))
    throw new McpGuardError("E_MCPGUARD_USAGE", `--fail-on must be one of ${SEVERITIES.join(", ")}`);

  const config = await loadConfig(values.config);
  const limits = withLimits(io.limits);
  const registry = values.registry ?? config.registry ?? io.env?.MCP_GUARD_REGISTRY;
  const cache = io.env?.npm_config_cache;
  const [oldInput, newInput] = positionals as [string, string];
  const newSpec = expandNewSpec(oldInput, newInput, await classifySpec(oldInput));

  const bar = progress(io.stderr);
  try {
    bar.step(`fetching ${oldInput} and ${newSpec}…`);
    const opts = { limits, registry, cache };
    const [a, b] = await withTimeout(
      Promise.all([loadPackage(oldInput, opts), loadPackage(newSpec, opts)]),
      limits.analysisTimeoutMs,
      "fetching both versions",
    );
    bar.step(`asking the registry and malware intelligence about ${b.name}@${b.version}…`);
    const evidence = await withTimeout(
      cliEvidence(a, b, {
        limits,
        registry,
        cache,
        advisories: config.advisories,
        env: io.env ?? {},
        fromRegistry: (await classifySpec(newSpec)).kind === "registry",
      }),
      limits.analysisTimeoutMs,
      "reading publishing evidence and advisories",
    );
    bar.step(`diffing ${a.files.size} → ${b.files.size} files…`);
    const engine = { rules: RULES, settings: config.rules, reclaim: reclaimer() };
    const own = reviewPackage(a, b, { limits, ...engine, evidence });
    bar.step(`following the dependencies ${b.name}@${b.version} adds or changes…`);
    const result = await withTimeout(
      reviewWithDependencies(own, a, b, {
        limits,
        ...(registry ? { registry } : {}),
        ...(cache ? { cache } : {}),
        osv: advisorySources(io.env ?? {}),
        advisories: config.advisories,
        engine,
      }),
      limits.analysisTimeoutMs,
      "reviewing the dependencies the bump adds or changes",
    );
    bar.done();

    if (format === "json") io.stdout.write(renderJson(result));
    else if (format === "sarif") io.stdout.write(renderSarif(result, RULES, VERSION));
    else if (format === "markdown") io.stdout.write(renderMarkdown(result, { now: Date.now() }));
    else
      io.stdout.write(
        renderTerminal(result, { color: !!io.stdout.isTTY && !io.env?.NO_COLOR, now: Date.now() }),
      );

    if (!result.complete) {
      io.stderr.write(`mcp-guard: analysis incomplete:\n  ${result.incomplete.join("\n  ")}\n`);
      return 2;
    }
    return riskRank(result.risk) >= riskRank(failOn) ? 1 : 0;
  } finally {
    bar.done();
  }
}

async function toolsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "json" }, registry: { type: "string" } },
  });
  if (positionals.length !== 1)
    throw new McpGuardError("E_MCPGUARD_USAGE", `tools needs one <spec>\n\n${USAGE}`);
  if (values.format !== "json" && values.format !== "markdown")
    throw new McpGuardError("E_MCPGUARD_USAGE", "--format must be json or markdown");
  const limits = withLimits(io.limits);
  const registry = values.registry ?? io.env?.MCP_GUARD_REGISTRY;
  const load = (spec: string, what: string) =>
    withTimeout(
      loadPackage(spec, { limits, registry, cache: io.env?.npm_config_cache }),
      limits.analysisTimeoutMs,
      what,
    );
  const snapshot = await load(positionals[0]!, "fetching the package");
  const pkg = { name: snapshot.name, version: snapshot.version };
  const { surface, gaps, wraps } = await toolList(snapshot, looksLikeMcp(snapshot.manifest), (name, range) =>
    load(`${name}@${range}`, "fetching the wrapped dependency"),
  );
  if (gaps.length) io.stderr.write(`mcp-guard: tool list incomplete:\n  ${gaps.join("\n  ")}\n`);
  io.stdout.write(
    values.format === "json"
      ? renderToolsJson(pkg, surface, gaps, wraps)
      : renderToolsMarkdown(pkg, surface, gaps, wraps),
  );
  // Exit 2: the list is partial (as for an incomplete review), never a list that looks complete.
  return gaps.length ? 2 : 0;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "--version" || command === "-v") {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "diff") return await diffCommand(rest, io);
    if (command === "tools") return await toolsCommand(rest, io);
    throw new McpGuardError("E_MCPGUARD_USAGE", `unknown command "${command}"\n\n${USAGE}`);
  } catch (e) {
    if (isMcpGuardError(e)) {
      io.stderr.write(`mcp-guard: ${e.message} [${e.code}]\n`);
    } else if ((e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr.write(`mcp-guard: ${(e as Error).message}\n\n${USAGE}`);
    } else {
      io.stderr.write(`mcp-guard: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    }
    return 2;
  }
}
