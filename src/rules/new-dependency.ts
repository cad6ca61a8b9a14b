import npa from "npm-package-arg";
import { dependenciesOf, RUNTIME } from "../common/manifest.js";
import type { Rule, RuleFinding, Severity } from "../review/rule.js";
import { lineOfText } from "./lib/evidence.js";

/** Widely used names that typosquats imitate. */
const POPULAR = [
  "@modelcontextprotocol/sdk",
  "express",
  "react",
  "react-dom",
  "lodash",
  "axios",
  "chalk",
  "commander",
  "debug",
  "zod",
  "dotenv",
  "node-fetch",
  "ws",
  "uuid",
  "yargs",
  "typescript",
  "moment",
  "request",
  "underscore",
  "async",
  "bluebird",
  "colors",
  "minimist",
  "glob",
  "rimraf",
  "mkdirp",
  "semver",
  "inquirer",
  "body-parser",
  "cors",
  "jsonwebtoken",
  "mongoose",
  "puppeteer",
  "playwright",
  "undici",
  "nodemailer",
  "postmark",
  "openai",
  "eventsource",
  "cross-spawn",
  "execa",
  "esbuild",
  "webpack",
  "vite",
  "prettier",
  "eslint",
  "jest",
  "mocha",
  "socket.io",
  "redis",
  "pg",
  "mysql",
  "sqlite3",
  "sharp",
  "cheerio",
  "jquery",
  "ethers",
  "web3",
  "crypto-js",
  "form-data",
  "qs",
  "fs-extra",
  "yaml",
  "js-yaml",
  "ajv",
  "zod-to-json-schema",
];

/** Optimal string alignment distance: edits plus adjacent transpositions (axios → axois is 1). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

export function lookalikeOf(name: string): string | null {
  const bare = name.replace(/^@[^/]+\//, "");
  for (const p of POPULAR) {
    if (p === name) return null;
    const pb = p.replace(/^@[^/]+\//, "");
    if (name.length >= 4 && distance(name, p) <= (p.length > 6 ? 2 : 1)) return p;
    if (bare === pb && name !== p && p.startsWith("@")) return p;
  }
  return null;
}

/** How a spec fetches: "registry" for plain versions/ranges/tags, else git, remote, file, directory, alias. */
export function specKind(name: string, spec: string): string {
  try {
    const parsed = npa.resolve(name, spec, "/");
    if (parsed.type === "alias") return "alias";
    return ["version", "range", "tag"].includes(parsed.type) ? "registry" : parsed.type;
  } catch {
    return "invalid";
  }
}

export const rule: Rule = {
  id: "new-dependency",
  title: "New dependency",
  description:
    "Flags a dependency (including optional and peer) that the new version adds (medium), rated high when " +
    "it is fetched from git, a URL, a file or an alias, or when its name is one edit away from a popular " +
    "package. An existing dependency moved from the registry to git/URL is high too.",
  defaultSeverity: "medium",
  incident:
    "event-stream 3.3.6 (2018) added the dependency flatmap-stream, which carried a wallet-stealing payload; crossenv (2017) typosquatted cross-env.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    const before = dependenciesOf(ctx.a.manifest, RUNTIME);
    const pj = ctx.b.files.get("package.json")?.text ?? "";
    for (const [name, spec] of dependenciesOf(ctx.b.manifest, RUNTIME)) {
      const prev = before.get(name);
      const kind = specKind(name, spec);
      const line = lineOfText(pj, `"${name}"`);
      const evidence = `"${name}": ${JSON.stringify(spec)}`;
      if (prev === undefined) {
        const look = lookalikeOf(name);
        const severity: Severity = kind !== "registry" || look ? "high" : "medium";
        const why = kind !== "registry" ? ` fetched from ${kind}` : look ? `, a name close to "${look}"` : "";
        out.push({ severity, file: "package.json", line, message: `new dependency ${name}${why}`, evidence });
      } else if (prev !== spec && kind !== "registry" && specKind(name, prev) === "registry") {
        out.push({
          severity: "high",
          file: "package.json",
          line,
          message: `dependency ${name} now fetched from ${kind} instead of the registry`,
          evidence,
        });
      }
    }
    return out;
  },
};
