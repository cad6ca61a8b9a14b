/**
 * The real package managers, installed from the npm registry into a tools folder, and run against a
 * throwaway registry (test/helpers/verdaccio.ts) in a throwaway sandbox (HOME, caches, config files),
 * never running repository code. Used by scripts/build-lockfiles.ts (which writes the lockfile
 * fixtures) and by the install differential (scripts/differential-install.ts and
 * test/gate/install-differential.test.ts).
 *
 * Tools folder: `MCP_GUARD_PM_TOOLS` when set, else `<os.tmpdir()>/mcp-guard-pm-tools`, kept between
 * runs. Each tool is installed once into its own subfolder (`npm install --ignore-scripts`), in a
 * scratch folder renamed into place when complete, so two processes installing at once never see
 * half a tool.
 *
 * How repository code is kept from running (the generated projects contain none, but every command is
 * written as if they did):
 * - npm: `--ignore-scripts` (no lifecycle scripts of the project or its dependencies), and
 *   `npm_config_ignore_scripts=true` in the environment; `--userconfig` and `--globalconfig` point at
 *   empty files in the sandbox, so only a project `.npmrc` could add settings, and the command-line
 *   flags win over it.
 * - pnpm 9: `--ignore-scripts` and `--config.ignore-scripts=true`; `--ignore-pnpmfile` (a
 *   `.pnpmfile.cjs` is code pnpm would load); store, cache and config under the sandbox.
 * - yarn 1: `--ignore-scripts`; `--no-default-rc` (no `.yarnrc`/`.npmrc` read, so no `yarn-path`);
 *   `YARN_IGNORE_PATH=1` (a `yarn-path` setting is never followed even if one were read).
 * - yarn berry: `YARN_ENABLE_SCRIPTS=false` (no lifecycle scripts, no postinstall of dependencies);
 *   `YARN_IGNORE_PATH=1` (no `yarnPath` binary); `YARN_RC_FILENAME` names a file the generated projects
 *   never contain, so no `.yarnrc.yml` is read at all: no `yarnPath`, no `plugins` (plugins are code).
 *   Settings come from the environment only.
 * - bun: `--ignore-scripts` (bun runs no dependency scripts unless trusted; this stops the project's
 *   own too); `--config` names an empty bunfig in the sandbox instead of the project's `bunfig.toml`.
 * - All: `HOME`, the XDG folders and every cache point into the sandbox; `CI`, `GITHUB_*` and every
 *   `npm_*`, `PNPM_*`, `YARN_*`, `BUN_*`, `COREPACK_*` variable of the caller is dropped, so plain and
 *   frozen modes are exactly the flags given here (pnpm and yarn berry turn frozen installs on by
 *   themselves under `CI`).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type ManagerId = "npm" | "pnpm" | "yarn1" | "berry" | "bun";
export const MANAGER_IDS: readonly ManagerId[] = ["npm", "pnpm", "yarn1", "berry", "bun"];
/** plain: `install` as a developer runs it; frozen: the CI mode that must not change the lockfile. */
export type InstallMode = "plain" | "frozen";

/** The tools folder: `MCP_GUARD_PM_TOOLS`, else a stable folder under the system's temporary folder. */
export function toolsFolder(): string {
  return process.env.MCP_GUARD_PM_TOOLS || join(tmpdir(), "mcp-guard-pm-tools");
}

/** The caller's environment without package-manager settings and CI markers. */
export function cleanEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined &&
        !/^(npm_|pnpm_|yarn_|bun_|corepack_|github_|node_options$|node_test_context$|ci$|continuous_integration$)/i.test(
          e[0],
        ),
    ),
  );
}

export interface RunResult {
  ok: boolean;
  code: number | string | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command (asynchronously: the registry may answer from this same process); never throws. */
export function runCommand(
  cwd: string,
  cmd: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<RunResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd, env, encoding: "utf8", timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number | string; killed?: boolean }) | null;
        resolve({
          ok: !e,
          code: e ? (e.killed ? "timeout" : (e.code ?? "error")) : 0,
          stdout: String(stdout ?? ""),
          stderr: String(stderr ?? "") || (e && !stdout ? e.message : ""),
          ms: Date.now() - t0,
        });
      },
    );
  });
}

/**
 * Installs `spec` from the npm registry (the machine's own npm settings) into `<folder>/<name>`, once:
 * returns that folder's node_modules. `ignore-scripts`: the tools ship their binaries in the package.
 */
export async function installTool(folder: string, name: string, spec: string): Promise<string> {
  const dir = join(folder, name);
  const ready = join(dir, ".mcp-guard-ready");
  if (existsSync(ready)) return join(dir, "node_modules");
  mkdirSync(folder, { recursive: true });
  const scratch = join(folder, `.${name}.partial-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(scratch, { recursive: true });
  writeFileSync(join(scratch, "package.json"), "{}\n");
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !/^npm_/i.test(e[0]),
    ),
  );
  const r = await runCommand(
    scratch,
    "npm",
    ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-update-notifier", spec],
    env,
    600_000,
  );
  if (!r.ok) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`installing ${spec} into ${dir} failed (${r.code}):\n${r.stderr.slice(-3000)}`);
  }
  writeFileSync(join(scratch, ".mcp-guard-ready"), `${spec}\n`);
  try {
    renameSync(scratch, dir);
  } catch (e) {
    // Another process won the race (or an incomplete folder without the marker is in the way).
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(ready)) {
      throw new Error(`${dir} exists but is not a complete install: remove it and retry (${String(e)})`);
    }
  }
  return join(dir, "node_modules");
}

/** Paths of the five managers' entry points (npm is the machine's own). */
export interface ToolPaths {
  folder: string;
  pnpm9: string;
  yarn1: string;
  berry: string;
  bun: string;
}

/** The tool specs of the install differential, by subfolder name. */
export const DIFFERENTIAL_TOOLS: Record<Exclude<keyof ToolPaths, "folder">, string> = {
  pnpm9: "pnpm@9",
  yarn1: "yarn@1",
  berry: "@yarnpkg/cli-dist@4",
  bun: "bun",
};

/** bun's binary: the x64 build, or the baseline build on a processor without AVX2. */
export async function bunBinary(nm: string): Promise<string> {
  const arch = process.arch === "arm64" ? "aarch64" : "x64";
  const candidates = [`bun-linux-${arch}`, `bun-linux-${arch}-baseline`].map((p) =>
    join(nm, "@oven", p, "bin", "bun"),
  );
  for (const bin of candidates) {
    if (!existsSync(bin)) continue;
    const r = await runCommand(tmpdir(), bin, ["--version"], cleanEnv(), 30_000);
    if (r.ok) return bin;
  }
  throw new Error(`no working bun binary in ${nm} (tried ${candidates.join(", ")})`);
}

/** Installs (once) and returns the differential's tools; throws loudly when one cannot be installed. */
export async function setUpTools(folder = toolsFolder()): Promise<ToolPaths> {
  const nm = (name: keyof typeof DIFFERENTIAL_TOOLS) => installTool(folder, name, DIFFERENTIAL_TOOLS[name]);
  const [pnpm, yarn1, berry, bun] = await Promise.all([nm("pnpm9"), nm("yarn1"), nm("berry"), nm("bun")]);
  return {
    folder,
    pnpm9: join(pnpm, "pnpm", "bin", "pnpm.cjs"),
    yarn1: join(yarn1, "yarn", "bin", "yarn.js"),
    berry: join(berry, "@yarnpkg", "cli-dist", "bin", "yarn.js"),
    bun: await bunBinary(bun),
  };
}

/** A throwaway HOME, caches and empty config files for one command (or a few in sequence). */
export interface Sandbox {
  dir: string;
  env: Record<string, string>;
  emptyNpmrc: string;
  /** A second empty file: npm refuses one file as both user and global config. */
  emptyGlobalNpmrc: string;
  emptyBunfig: string;
}

export function makeSandbox(dir: string, registry: string): Sandbox {
  for (const d of ["home", "xdg-config", "xdg-cache", "xdg-data", "xdg-state", "tmp"]) {
    mkdirSync(join(dir, d), { recursive: true });
  }
  const emptyNpmrc = join(dir, "empty-npmrc");
  const emptyGlobalNpmrc = join(dir, "empty-global-npmrc");
  const emptyBunfig = join(dir, "empty-bunfig.toml");
  writeFileSync(emptyNpmrc, "");
  writeFileSync(emptyGlobalNpmrc, "");
  writeFileSync(emptyBunfig, "");
  const env = {
    ...cleanEnv(),
    HOME: join(dir, "home"),
    USERPROFILE: join(dir, "home"),
    XDG_CONFIG_HOME: join(dir, "xdg-config"),
    XDG_CACHE_HOME: join(dir, "xdg-cache"),
    XDG_DATA_HOME: join(dir, "xdg-data"),
    XDG_STATE_HOME: join(dir, "xdg-state"),
    npm_config_userconfig: emptyNpmrc,
    npm_config_globalconfig: emptyGlobalNpmrc,
    npm_config_cache: join(dir, "npm-cache"),
    npm_config_registry: `${registry}/`,
    npm_config_ignore_scripts: "true",
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
    DO_NOT_TRACK: "1",
    BUN_INSTALL_CACHE_DIR: join(dir, "bun-cache"),
    BUN_INSTALL: join(dir, "bun-home"),
  };
  return { dir, env, emptyNpmrc, emptyGlobalNpmrc, emptyBunfig };
}

/** One package manager, as the differential drives it. */
export interface Manager {
  id: ManagerId;
  /** The lockfile it reads and writes at the workspace root. */
  lockfile: string;
  /** How a workspace depends on a sibling. */
  workspaceSpec: string;
  /** Installs node_modules from the project in `cwd`. */
  install(cwd: string, mode: InstallMode, registry: string, sandbox: Sandbox): Promise<RunResult>;
  /** Writes or updates the lockfile after a package.json change, as a developer or bot would. */
  lock(cwd: string, registry: string, sandbox: Sandbox): Promise<RunResult>;
  /** The tool's own version. */
  version(): Promise<string>;
}

const berryEnv = (registry: string, sandbox: Sandbox, immutable: boolean) => ({
  ...sandbox.env,
  // No .yarnrc.yml is read (no yarnPath, no plugins): the generated projects never contain this name.
  YARN_RC_FILENAME: ".mcp-guard-differential-never.yml",
  YARN_IGNORE_PATH: "1",
  YARN_ENABLE_SCRIPTS: "false",
  YARN_NPM_REGISTRY_SERVER: registry,
  YARN_UNSAFE_HTTP_WHITELIST: "127.0.0.1",
  YARN_ENABLE_GLOBAL_CACHE: "false",
  YARN_CACHE_FOLDER: join(sandbox.dir, "berry-cache"),
  YARN_GLOBAL_FOLDER: join(sandbox.dir, "berry-global"),
  YARN_ENABLE_IMMUTABLE_INSTALLS: immutable ? "true" : "false",
  YARN_NPM_MINIMAL_AGE_GATE: "0",
  YARN_ENABLE_TELEMETRY: "0",
  YARN_ENABLE_PROGRESS_BARS: "false",
  YARN_ENABLE_INLINE_BUILDS: "false",
  YARN_NODE_LINKER: "node-modules",
});

/** The five managers, driven with scripts, pnpmfiles, yarnPath and plugins off (see the file comment). */
export function managers(tools: ToolPaths): Record<ManagerId, Manager> {
  const npmArgs = (registry: string, sandbox: Sandbox) => [
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    "--no-update-notifier",
    `--registry=${registry}/`,
    `--userconfig=${sandbox.emptyNpmrc}`,
    `--globalconfig=${sandbox.emptyGlobalNpmrc}`,
    `--cache=${join(sandbox.dir, "npm-cache")}`,
    "--loglevel=warn",
    // A refused fetch (a forged integrity) fails the same way on every try: one quick retry, not npm's
    // minute of backoff.
    "--fetch-retries=1",
    "--fetch-retry-mintimeout=100",
    "--fetch-retry-maxtimeout=500",
  ];
  const pnpmArgs = (registry: string, sandbox: Sandbox) => [
    tools.pnpm9,
    "install",
    "--ignore-scripts",
    "--config.ignore-scripts=true",
    "--ignore-pnpmfile",
    `--registry=${registry}/`,
    `--store-dir=${join(sandbox.dir, "pnpm-store")}`,
    `--cache-dir=${join(sandbox.dir, "pnpm-cache")}`,
    `--config.state-dir=${join(sandbox.dir, "pnpm-state")}`,
    "--reporter=append-only",
    "--config.update-notifier=false",
    "--config.fetch-retries=1",
    "--config.fetch-retry-mintimeout=100",
    "--config.fetch-retry-maxtimeout=500",
  ];
  const yarn1Args = (registry: string, sandbox: Sandbox) => [
    tools.yarn1,
    "install",
    "--ignore-scripts",
    "--no-default-rc",
    "--non-interactive",
    "--no-progress",
    "--registry",
    `${registry}/`,
    "--cache-folder",
    join(sandbox.dir, "yarn-cache"),
  ];
  const yarn1Env = (sandbox: Sandbox) => ({
    ...sandbox.env,
    YARN_IGNORE_PATH: "1",
    YARN_DISABLE_SELF_UPDATE_CHECK: "true",
  });
  const bunArgs = (registry: string, sandbox: Sandbox) => [
    "install",
    "--ignore-scripts",
    `--config=${sandbox.emptyBunfig}`,
    `--registry=${registry}/`,
    `--cache-dir=${join(sandbox.dir, "bun-cache")}`,
    "--no-env-file",
    "--no-progress",
    "--no-summary",
  ];
  const versionOf = (cmd: string, args: string[]) => async () =>
    (await runCommand(tmpdir(), cmd, args, { ...cleanEnv(), YARN_IGNORE_PATH: "1" }, 60_000)).stdout.trim();
  return {
    npm: {
      id: "npm",
      lockfile: "package-lock.json",
      workspaceSpec: "*",
      install: (cwd, mode, registry, sb) =>
        runCommand(cwd, "npm", [mode === "frozen" ? "ci" : "install", ...npmArgs(registry, sb)], sb.env),
      lock: (cwd, registry, sb) =>
        runCommand(cwd, "npm", ["install", "--package-lock-only", ...npmArgs(registry, sb)], sb.env),
      version: versionOf("npm", ["--version"]),
    },
    pnpm: {
      id: "pnpm",
      lockfile: "pnpm-lock.yaml",
      workspaceSpec: "workspace:*",
      install: (cwd, mode, registry, sb) =>
        runCommand(
          cwd,
          process.execPath,
          [...pnpmArgs(registry, sb), mode === "frozen" ? "--frozen-lockfile" : "--no-frozen-lockfile"],
          sb.env,
        ),
      lock: (cwd, registry, sb) =>
        runCommand(
          cwd,
          process.execPath,
          [...pnpmArgs(registry, sb), "--lockfile-only", "--no-frozen-lockfile"],
          sb.env,
        ),
      version: versionOf(process.execPath, [tools.pnpm9, "--version"]),
    },
    yarn1: {
      id: "yarn1",
      lockfile: "yarn.lock",
      workspaceSpec: "*",
      install: (cwd, mode, registry, sb) =>
        runCommand(
          cwd,
          process.execPath,
          [...yarn1Args(registry, sb), ...(mode === "frozen" ? ["--frozen-lockfile"] : [])],
          yarn1Env(sb),
        ),
      // yarn 1 has no lockfile-only mode: a full install (scripts off) writes the lockfile.
      lock: (cwd, registry, sb) => runCommand(cwd, process.execPath, yarn1Args(registry, sb), yarn1Env(sb)),
      version: versionOf(process.execPath, [tools.yarn1, "--version"]),
    },
    berry: {
      id: "berry",
      lockfile: "yarn.lock",
      workspaceSpec: "workspace:*",
      install: (cwd, mode, registry, sb) =>
        runCommand(
          cwd,
          process.execPath,
          [tools.berry, "install", ...(mode === "frozen" ? ["--immutable"] : [])],
          berryEnv(registry, sb, mode === "frozen"),
        ),
      lock: (cwd, registry, sb) =>
        runCommand(
          cwd,
          process.execPath,
          [tools.berry, "install", "--mode=update-lockfile"],
          berryEnv(registry, sb, false),
        ),
      version: versionOf(process.execPath, [tools.berry, "--version"]),
    },
    bun: {
      id: "bun",
      lockfile: "bun.lock",
      workspaceSpec: "workspace:*",
      install: (cwd, mode, registry, sb) =>
        runCommand(
          cwd,
          tools.bun,
          [...bunArgs(registry, sb), ...(mode === "frozen" ? ["--frozen-lockfile"] : [])],
          sb.env,
        ),
      lock: (cwd, registry, sb) =>
        runCommand(cwd, tools.bun, [...bunArgs(registry, sb), "--lockfile-only"], sb.env),
      version: versionOf(tools.bun, ["--version"]),
    },
  };
}

/** Reads a JSON file, or null. */
export function readJson(path: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
