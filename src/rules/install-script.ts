import type { Rule, RuleFinding } from "../review/rule.js";
import { lineOfText } from "./lib/evidence.js";

const INSTALL_HOOKS = ["preinstall", "install", "postinstall", "prepare"] as const;

/**
 * npm runs `prepare` only when a package is installed from git or a folder, never from a registry
 * tarball: many packages add `"prepare": "npm run build"`. It is reported, one level lower.
 */
const RUNS_FROM_REGISTRY = new Set(["preinstall", "install", "postinstall"]);

function scriptsOf(manifest: Record<string, unknown>): Record<string, string> {
  const s = manifest.scripts;
  if (!s || typeof s !== "object") return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) if (typeof v === "string") out[k] = v;
  return out;
}

/**
 * The commands native addons install with, and nothing else: node-gyp (rebuild), node-gyp-build,
 * prebuild-install (falling back to node-gyp), cmake-js. They compile the package's own sources
 * (binding.gyp can still run commands: high, as a new binding.gyp is).
 */
const NATIVE_BUILD =
  /^(?:(?:node-gyp(?:-build)?(?: rebuild)?|prebuild-install(?: --?[\w-]+(?:[ =][\w.-]+)?)*|cmake-js (?:compile|rebuild|build))(?: \|\| | && |$))+$/;

/** Package files a script command names (`node scripts/setup.js`, `sh ./x.sh`). */
function filesRun(cmd: string): string[] {
  return [...cmd.matchAll(/(?:^|\s)(?:\.\/)?([\w./-]+\.(?:c?js|mjs|sh|py|ts))\b/g)].map((m) =>
    m[1]!.replace(/^\.\//, ""),
  );
}

export const rule: Rule = {
  id: "install-script",
  title: "Install-time script added or changed",
  description:
    "Flags a preinstall, install or postinstall script that the new version adds (critical; high when it " +
    "only builds the package's native code: node-gyp, node-gyp-build, prebuild-install, cmake-js) or changes " +
    "(high), a change to the file such a script runs (high), and a new binding.gyp without an install " +
    "script, which makes npm run node-gyp at install time (high). A prepare script runs only for git and " +
    "folder installs: added is medium, changed is low.",
  defaultSeverity: "high",
  incident:
    "The eslint-config-prettier compromise (July 2025) and the Shai-Hulud worm (September 2025) ran their payloads from install scripts.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    const before = scriptsOf(ctx.a.manifest);
    const after = scriptsOf(ctx.b.manifest);
    const pj = ctx.b.files.get("package.json")?.text ?? "";
    const lineOf = (hook: string) => lineOfText(pj, `"${hook}"`);
    const changedPaths = new Set(ctx.changed.map((c) => c.file.path));
    const reported = new Set<string>();
    for (const hook of INSTALL_HOOKS) {
      const cmd = after[hook];
      if (cmd === undefined) continue;
      const prev = before[hook];
      const always = RUNS_FROM_REGISTRY.has(hook);
      const when = always ? "runs on every install" : "runs when installed from git or a folder";
      if (prev === undefined) {
        // Building the package's own native code (what a new binding.gyp makes npm do) is high; any
        // other command at install is critical.
        const native = NATIVE_BUILD.test(cmd.trim());
        out.push({
          severity: always ? (native ? "high" : "critical") : "medium",
          file: "package.json",
          line: lineOf(hook),
          message: `new ${hook} script ${when}${native ? " (a native build of the package's own sources)" : ""}`,
          evidence: `"${hook}": ${JSON.stringify(cmd)}`,
        });
      } else if (prev !== cmd) {
        out.push({
          severity: always ? "high" : "low",
          file: "package.json",
          line: lineOf(hook),
          message: `${hook} script changed (was ${JSON.stringify(prev)}); it ${when}`,
          evidence: `"${hook}": ${JSON.stringify(cmd)}`,
        });
      }
      // Same command, new code: the script's file changed underneath an unchanged hook.
      if (prev === cmd) {
        for (const f of filesRun(cmd)) {
          if (!changedPaths.has(f) || reported.has(f)) continue;
          reported.add(f);
          out.push({
            severity: "high",
            file: f,
            line: null,
            message: `${f}, run by the ${hook} script at install time, changed`,
            evidence: `"${hook}": ${JSON.stringify(cmd)}`,
          });
        }
      }
    }
    const hasInstall = after.install !== undefined || after.preinstall !== undefined;
    if (ctx.b.files.has("binding.gyp") && !ctx.a.files.has("binding.gyp") && !hasInstall) {
      out.push({
        severity: "high",
        file: "binding.gyp",
        line: 1,
        message: "new binding.gyp: npm runs `node-gyp rebuild` at install time",
        evidence: "binding.gyp",
      });
    }
    return out;
  },
};
