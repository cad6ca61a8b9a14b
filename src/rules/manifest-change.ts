import type { Rule, RuleFinding } from "../review/rule.js";
import { lineOfText } from "./lib/evidence.js";

/** Commands a package's bin must not shadow: whoever runs them would run the package instead. */
const SHADOWED = new Set([
  "node",
  "npm",
  "npx",
  "pnpm",
  "yarn",
  "bun",
  "deno",
  "corepack",
  "git",
  "ssh",
  "scp",
  "sh",
  "bash",
  "zsh",
  "curl",
  "wget",
  "python",
  "python3",
  "pip",
  "sudo",
  "ls",
  "cd",
  "cat",
  "cp",
  "mv",
  "rm",
  "env",
  "code",
  "claude",
  "cursor",
  "docker",
  "kubectl",
  "gh",
  "aws",
  "gcloud",
  "az",
  "tsc",
  "tsx",
]);

function binsOf(manifest: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const bin = manifest.bin;
  const name = typeof manifest.name === "string" ? manifest.name.replace(/^@[^/]+\//, "") : "";
  if (typeof bin === "string") out.set(name, bin);
  else if (bin && typeof bin === "object") {
    for (const [k, v] of Object.entries(bin)) if (typeof v === "string") out.set(k, v);
  }
  return out;
}

/** The files the package's root entry resolves to (main, exports["."] in any condition). */
function entriesOf(manifest: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const norm = (p: string) => p.replace(/^\.\//, "");
  if (typeof manifest.main === "string") out.add(norm(manifest.main));
  const walk = (v: unknown, depth: number) => {
    if (depth > 6) return;
    if (typeof v === "string") out.add(norm(v));
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x, depth + 1);
  };
  const exp = manifest.exports;
  if (typeof exp === "string" || Array.isArray(exp)) walk(exp, 0);
  else if (exp && typeof exp === "object") {
    const rec = exp as Record<string, unknown>;
    const subpaths = Object.keys(rec).some((k) => k.startsWith("."));
    walk(subpaths ? rec["."] : rec, 0);
  }
  return [...out].sort();
}

const escapes = (p: string) => p.startsWith("/") || /^[A-Za-z]:/.test(p) || p.split(/[\\/]/).includes("..");

export const rule: Rule = {
  id: "manifest-change",
  title: "Executables or entry point changed",
  description:
    "Flags `bin` entries that the new version adds or repoints (medium), rated high when the command " +
    "shadows node, npm, git, a shell or another common tool, or when its path leaves the package; and a " +
    'root entry point (`main`, `exports["."]`) moved to another file (medium).',
  defaultSeverity: "medium",
  incident:
    "Packages that ship a `bin` named like a system tool run in its place: npm advisories for bin-links path escapes (CVE-2019-16775/16776/16777).",
  detect(ctx) {
    const out: RuleFinding[] = [];
    const pj = ctx.b.files.get("package.json")?.text ?? "";
    const before = binsOf(ctx.a.manifest);
    for (const [cmd, path] of binsOf(ctx.b.manifest)) {
      const prev = before.get(cmd);
      if (prev === path) continue;
      const shadow = SHADOWED.has(cmd);
      const outside = escapes(path);
      const why = shadow
        ? ` shadows the common command "${cmd}"`
        : outside
          ? " points outside the package"
          : "";
      out.push({
        severity: shadow || outside ? "high" : "medium",
        file: "package.json",
        line: lineOfText(pj, `"${path}"`) ?? lineOfText(pj, '"bin"'),
        message: `${prev === undefined ? "new" : "changed"} executable "${cmd}" → ${path}${why}`,
        evidence: `"${cmd}": ${JSON.stringify(path)}${prev !== undefined ? ` (was ${JSON.stringify(prev)})` : ""}`,
      });
    }
    const was = entriesOf(ctx.a.manifest);
    const now = entriesOf(ctx.b.manifest);
    if (was.length > 0 && now.length > 0 && now.some((e) => !was.includes(e))) {
      out.push({
        severity: "medium",
        file: "package.json",
        line: lineOfText(pj, '"exports"') ?? lineOfText(pj, '"main"'),
        message: `entry point moved: ${was.join(", ")} → ${now.join(", ")}`,
        evidence: now.join(", "),
      });
    }
    return out;
  },
};
