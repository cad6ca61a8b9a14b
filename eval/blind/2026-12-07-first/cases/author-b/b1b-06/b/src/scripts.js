import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";

const SKIP = new Set(["node_modules", ".git", "dist", "build", ".next", "coverage"]);

export async function findPackages(root, depth = 3) {
  const out = [];
  async function walk(dir, d) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === "package.json")) out.push(dir);
    if (d <= 0) return;
    for (const e of entries) if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith(".")) await walk(join(dir, e.name), d - 1);
  }
  await walk(root, depth);
  return out;
}

export async function readScripts(dir) {
  const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
  return { name: pkg.name ?? "(unnamed)", scripts: pkg.scripts ?? {} };
}

export async function listAll(root) {
  const dirs = await findPackages(root);
  const res = [];
  for (const d of dirs) {
    const { name, scripts } = await readScripts(d);
    res.push({ dir: relative(root, d) || ".", name, scripts });
  }
  return res;
}

const HINTS = [
  [/\b(tsc|typescript)\b/, "compiles TypeScript"],
  [/\b(vitest|jest|mocha|node --test)\b/, "runs tests"],
  [/\beslint\b/, "lints"],
  [/\bprettier\b/, "formats code"],
  [/\b(vite|next|webpack|rollup|esbuild|tsup)\b/, "builds/bundles"],
  [/\b(nodemon|--watch|tsx watch)\b/, "watches for changes"],
  [/\b(rm -rf|rimraf|del-cli)\b/, "deletes files"],
  [/\b(npm publish|changeset publish|semantic-release)\b/, "publishes packages"],
  [/\bdocker\b/, "uses Docker"],
];

export function explain(cmd) {
  const notes = HINTS.filter(([re]) => re.test(cmd)).map(([, n]) => n);
  return notes.length ? notes.join(", ") : "custom command";
}
