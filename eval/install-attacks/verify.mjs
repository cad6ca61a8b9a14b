#!/usr/bin/env node
// Re-verifies every case of a corpus (every folder beside this file)
// with the real package managers. The corpus is the folder given by --corpus (default: the current one).
//
//   node ../verify.mjs [--corpus DIR] [--tools DIR] [--case ID]... [--verbose]
//   node ../verify.mjs --try DIR --manager npm|pnpm|yarn1|berry|bun --mode plain|frozen [--keep] [--tools DIR]
//
// It starts a throwaway Verdaccio (no uplinks, storage in a temp folder, anonymous publish, 127.0.0.1 on a
// free port), publishes universe/*.tgz, and for each case copies base/ and head/ to a temp folder, rewrites
// the registry origin http://127.0.0.1:4873 to the real port, installs with the real manager (scripts off,
// throwaway HOME and caches) in plain and frozen mode, and compares what landed with case.json:
//   observed: { "base.plain": "base"|"head"|"error", "base.frozen": ..., "head.plain": ..., "head.frozen": ... }
//   "base"/"head" = the install path(s) hold exactly landed.base / landed.head; "error" = the install failed.
// The install paths are case.json "paths" (default ["node_modules/postmark-mcp"]); an entry "FROM>NAME" means
// the folder Node's require("NAME") resolves to from the real path of package folder FROM (see locate()).
// Adapted from the verify.mjs of the 2026-12-07 corpus (same flags and helpers; locate() and "benign => fooled
// is empty" are the only behavioural additions).
// Package code is never run: npm/bun --ignore-scripts, pnpm --ignore-scripts --ignore-pnpmfile, yarn 1
// --ignore-scripts --no-default-rc with YARN_IGNORE_PATH=1, berry YARN_ENABLE_SCRIPTS=false YARN_IGNORE_PATH=1.
//
// --tools DIR (or env IA_TOOLS): a folder whose node_modules holds pnpm@9, yarn@1, @yarnpkg/cli-dist@4, bun and
// verdaccio@6 (without it they are installed with `npm i --ignore-scripts` into a temp folder, removed at the end).
// Development helpers: --try DIR --manager M --mode plain|frozen [--keep] [--path P] (one install, prints what
// landed); --gen DIR --manager M -- <manager args> (runs a manager command in a copy of DIR and writes the
// resulting project files back with the origin rewritten to 4873); --record --case ID (runs the four installs
// and writes observed/landed/fooled into case.json). IA_REGISTRY_PORT=<port> reuses a running registry that
// already serves universe/ instead of starting one.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ORIGIN_PORT = "4873";
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const HERE = path.resolve(opt("--corpus") ?? process.cwd());
const optAll = (name) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));
const flag = (name) => args.includes(name);
const VERBOSE = flag("--verbose");

function sh(cmd, argv, o = {}) {
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 300_000, ...o });
  return { code: r.status ?? (r.error ? -1 : -2), out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

let autoTools = null;
function ensureTools() {
  let dir = opt("--tools") ?? process.env.IA_TOOLS;
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ib-tools-"));
    autoTools = dir;
    fs.writeFileSync(path.join(dir, "package.json"), '{"name":"ia-tools","private":true}');
    console.error(`installing managers into ${dir} ...`);
    const r = sh(
      "npm",
      [
        "i",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "pnpm@9",
        "yarn@1",
        "@yarnpkg/cli-dist@4",
        "bun",
        "verdaccio@6",
      ],
      { cwd: dir, env: { ...process.env, HOME: dir } },
    );
    if (r.code !== 0) throw new Error(r.out);
  }
  const nm = path.join(dir, "node_modules");
  const t = {
    pnpm: path.join(nm, "pnpm/bin/pnpm.cjs"),
    yarn1: path.join(nm, "yarn/bin/yarn.js"),
    berry: path.join(nm, "@yarnpkg/cli-dist/bin/yarn.js"),
    bun: path.join(nm, "@oven/bun-linux-x64/bin/bun"),
    verdaccio: path.join(nm, "verdaccio/bin/verdaccio"),
  };
  for (const [k, p] of Object.entries(t)) if (!fs.existsSync(p)) throw new Error(`missing ${k}: ${p}`);
  return t;
}

function freePort() {
  return new Promise((res) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

async function startRegistry(tools) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ib-verdaccio-"));
  fs.writeFileSync(
    path.join(dir, "config.yaml"),
    `storage: ${dir}/storage
auth:
  htpasswd:
    file: ${dir}/htpasswd
    max_users: -1
uplinks: {}
packages:
  '@*/*': { access: $all, publish: $all, unpublish: $all }
  '**': { access: $all, publish: $all, unpublish: $all }
web: { enable: false }
log: { type: stdout, format: pretty, level: warn }
`,
  );
  const child = spawn(
    process.execPath,
    [tools.verdaccio, "-c", path.join(dir, "config.yaml"), "-l", `127.0.0.1:${port}`],
    { stdio: "ignore", detached: false },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${url}-/ping`);
      if (r.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const home = path.join(dir, "home");
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(home, ".npmrc"), `//127.0.0.1:${port}/:_authToken=anonymous\n`);
  const pub = path.join(dir, "pub");
  fs.mkdirSync(pub);
  for (const f of fs
    .readdirSync(path.join(HERE, "universe"))
    .filter((f) => f.endsWith(".tgz"))
    .sort()) {
    fs.copyFileSync(path.join(HERE, "universe", f), path.join(pub, f));
    const r = sh("npm", ["publish", path.join(pub, f), "--registry", url, "--ignore-scripts"], {
      cwd: pub,
      env: { ...process.env, HOME: home },
    });
    if (r.code !== 0) throw new Error(`publish ${f}: ${r.out}`);
  }
  return { port: String(port), url, stop: () => child.kill("SIGTERM"), dir };
}

const TEXT_EXT =
  /\.(json|ya?ml|lock|npmrc|yarnrc|toml|patch|diff|js|cjs|mjs|txt|md)$|^\.npmrc$|^\.yarnrc(\.yml)?$|^bunfig\.toml$/;
function copyRewrite(src, dst, from, to) {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isDirectory()) copyRewrite(s, d, from, to);
    else if (e.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(s), d);
    else if (TEXT_EXT.test(e.name)) {
      const buf = fs.readFileSync(s);
      // byte-level replace keeps BOMs, CRLF and any odd encoding exactly as committed
      let txt = buf.toString("latin1");
      for (const [a, b] of from.map((f, i) => [f, to[i]])) txt = txt.split(a).join(b);
      fs.writeFileSync(d, Buffer.from(txt, "latin1"));
    } else fs.copyFileSync(s, d);
  }
}

function managerCmd(tools, manager, mode, regUrl, home) {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    USERPROFILE: home,
    TMPDIR: path.join(home, "tmp"),
    npm_config_cache: path.join(home, "npm-cache"),
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
    YARN_IGNORE_PATH: "1",
    YARN_ENABLE_SCRIPTS: "false",
    YARN_ENABLE_TELEMETRY: "0",
    YARN_ENABLE_GLOBAL_CACHE: "false",
    YARN_GLOBAL_FOLDER: path.join(home, "berry-global"),
    YARN_CACHE_FOLDER: path.join(home, "yarn-cache"),
    BUN_INSTALL_CACHE_DIR: path.join(home, "bun-cache"),
    BUN_INSTALL: path.join(home, "bun"),
    DO_NOT_TRACK: "1",
    COREPACK_ENABLE_STRICT: "0",
  };
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  // fallback registry for the user level only (the project's own settings files take precedence)
  fs.writeFileSync(path.join(home, ".npmrc"), `registry=${regUrl}\n`);
  const frozen = mode === "frozen";
  switch (manager) {
    case "npm":
      return {
        env,
        cmd: "npm",
        argv: frozen
          ? ["ci", "--ignore-scripts", "--no-audit", "--no-fund"]
          : ["install", "--ignore-scripts", "--no-audit", "--no-fund"],
      };
    case "pnpm":
      return {
        env,
        cmd: process.execPath,
        argv: [
          tools.pnpm,
          "install",
          "--ignore-scripts",
          "--ignore-pnpmfile",
          frozen ? "--frozen-lockfile" : "--no-frozen-lockfile",
          "--store-dir",
          path.join(home, "pnpm-store"),
          "--config.confirmModulesPurge=false",
          "--reporter=append-only",
        ],
      };
    case "yarn1":
      env.YARN_CACHE_FOLDER = path.join(home, "yarn1-cache");
      return {
        env,
        cmd: process.execPath,
        argv: [
          tools.yarn1,
          "install",
          "--ignore-scripts",
          "--no-default-rc",
          "--registry",
          regUrl,
          "--non-interactive",
          "--cache-folder",
          path.join(home, "yarn1-cache"),
          ...(frozen ? ["--frozen-lockfile"] : []),
        ],
      };
    case "berry":
      env.YARN_ENABLE_IMMUTABLE_INSTALLS = frozen ? "true" : "false";
      return {
        env,
        cmd: process.execPath,
        argv: [tools.berry, "install", ...(frozen ? ["--immutable"] : [])],
      };
    case "bun":
      return {
        env,
        cmd: tools.bun,
        argv: ["install", "--ignore-scripts", ...(frozen ? ["--frozen-lockfile"] : [])],
      };
  }
  throw new Error(`unknown manager ${manager}`);
}

// A path is either a plain install path ("node_modules/postmark-mcp") or "FROM>NAME": the folder Node's
// require("NAME") finds when called from the real path of package folder FROM (symlinks followed, then
// FROM/node_modules/NAME and the node_modules of every parent folder), which is where that package really
// loads postmark-mcp from in pnpm's symlinked layout. landed.path is then the folder found, relative to the project.
function locate(root, p) {
  if (!p.includes(">")) return path.join(root, p);
  const [from, name] = p.split(">");
  let real;
  let top;
  try {
    real = fs.realpathSync(path.join(root, from));
    top = fs.realpathSync(root);
  } catch {
    return null;
  }
  for (let d = real; d.startsWith(top); d = path.dirname(d)) {
    if (path.basename(d) === "node_modules") continue;
    const c = path.join(d, "node_modules", name);
    if (fs.existsSync(path.join(c, "package.json"))) return path.join(root, path.relative(top, c));
    if (d === top) break;
  }
  return null;
}

function inspect(root, p) {
  const dir = locate(root, p);
  if (!dir) return null;
  p = path.relative(root, dir).split(path.sep).join("/");
  let pj;
  try {
    pj = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  } catch {
    return null;
  }
  let sha256 = null;
  try {
    sha256 = createHash("sha256")
      .update(fs.readFileSync(path.join(dir, "index.js")))
      .digest("hex");
  } catch {}
  return { path: p, name: pj.name, version: pj.version, sha256 };
}

function runOne(tools, reg, srcDir, manager, mode, paths, keep) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ib-case-"));
  const proj = path.join(work, "project");
  const home = path.join(work, "home");
  fs.mkdirSync(home);
  copyRewrite(
    srcDir,
    proj,
    [`127.0.0.1:${ORIGIN_PORT}`, `127.0.0.1%3A${ORIGIN_PORT}`],
    [`127.0.0.1:${reg.port}`, `127.0.0.1%3A${reg.port}`],
  );
  const { env, cmd, argv } = managerCmd(tools, manager, mode, reg.url, home);
  const r = sh(cmd, argv, { cwd: proj, env });
  const landed = r.code === 0 ? paths.map((p) => inspect(proj, p)).filter(Boolean) : null;
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
  return { code: r.code, out: r.out, landed, work: proj };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function main() {
  const tools = ensureTools();
  // IA_REGISTRY_PORT: reuse a running registry that already serves universe/ (for development)
  const reg = process.env.IA_REGISTRY_PORT
    ? {
        port: process.env.IA_REGISTRY_PORT,
        url: `http://127.0.0.1:${process.env.IA_REGISTRY_PORT}/`,
        stop() {},
        dir: null,
      }
    : await startRegistry(tools);
  let failures = 0;
  try {
    if (opt("--gen")) {
      // development helper: run `<manager> <args after -->` in a copy of DIR and write the resulting project
      // files (not node_modules or caches) back into DIR with the registry origin rewritten to 4873
      const src = path.resolve(opt("--gen"));
      const manager = opt("--manager");
      const extra = args.slice(args.indexOf("--") + 1);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "ib-gen-"));
      const proj = path.join(work, "project");
      const home = path.join(work, "home");
      fs.mkdirSync(home);
      copyRewrite(
        src,
        proj,
        [`127.0.0.1:${ORIGIN_PORT}`, `127.0.0.1%3A${ORIGIN_PORT}`],
        [`127.0.0.1:${reg.port}`, `127.0.0.1%3A${reg.port}`],
      );
      const { env, cmd, argv } = managerCmd(tools, manager, "plain", reg.url, home);
      const base = manager === "npm" || manager === "bun" ? [] : argv.slice(0, 1);
      const full = manager === "npm" ? extra : manager === "bun" ? extra : [...base, ...extra];
      const r = sh(cmd, full, { cwd: proj, env });
      console.log(r.out);
      const skip = new Set(["node_modules", ".pnp.cjs", ".pnp.loader.mjs", ".yarn"]);
      const back = (s2, d2) => {
        for (const e of fs.readdirSync(s2, { withFileTypes: true })) {
          if (skip.has(e.name)) continue;
          if (e.isDirectory()) back(path.join(s2, e.name), path.join(d2, e.name));
          else if (e.isFile()) {
            fs.mkdirSync(d2, { recursive: true });
            copyRewrite2(path.join(s2, e.name), path.join(d2, e.name));
          }
        }
      };
      const copyRewrite2 = (a, b) => {
        if (TEXT_EXT.test(path.basename(a))) {
          const t = fs
            .readFileSync(a)
            .toString("latin1")
            .split(`127.0.0.1:${reg.port}`)
            .join(`127.0.0.1:${ORIGIN_PORT}`)
            .split(`127.0.0.1%3A${reg.port}`)
            .join(`127.0.0.1%3A${ORIGIN_PORT}`);
          fs.writeFileSync(b, Buffer.from(t, "latin1"));
        } else fs.copyFileSync(a, b);
      };
      if (r.code === 0 || flag("--force")) back(proj, src);
      console.log(JSON.stringify({ exit: r.code, landed: [inspect(proj, "node_modules/postmark-mcp")] }));
      fs.rmSync(work, { recursive: true, force: true });
      return;
    }
    if (opt("--try")) {
      const paths = optAll("--path").length ? optAll("--path") : ["node_modules/postmark-mcp"];
      const r = runOne(
        tools,
        reg,
        path.resolve(opt("--try")),
        opt("--manager"),
        opt("--mode") ?? "plain",
        paths,
        flag("--keep"),
      );
      console.log(VERBOSE || r.code !== 0 ? r.out : "");
      console.log(
        JSON.stringify(
          { exit: r.code, landed: r.landed, work: flag("--keep") ? r.work : undefined, port: reg.port },
          null,
          1,
        ),
      );
      return;
    }
    if (flag("--record")) {
      // development helper: run the four installs of the given cases and write observed/landed/fooled
      for (const id of optAll("--case")) {
        const file = path.join(HERE, "cases", id, "case.json");
        const c = JSON.parse(fs.readFileSync(file, "utf8"));
        const paths = c.paths ?? ["node_modules/postmark-mcp"];
        const res = {};
        for (const key of ["base.plain", "base.frozen", "head.plain", "head.frozen"]) {
          const [side, mode] = key.split(".");
          const r = runOne(tools, reg, path.join(HERE, "cases", id, side), c.manager, mode, paths, false);
          res[key] = r;
          console.log(`${id} ${key}: exit ${r.code} ${JSON.stringify(r.landed)}`);
          if (r.code !== 0 || VERBOSE) console.log(r.out.split("\n").slice(-15).join("\n"));
        }
        const landed = { base: res["base.plain"].landed ?? [], head: [] };
        const classify = (r) => {
          if (r.code !== 0) return "error";
          if (same(r.landed, landed.base)) return "base";
          if (!landed.head.length) landed.head = r.landed;
          if (same(r.landed, landed.head)) return "head";
          landed.headFrozen = r.landed;
          return "headFrozen";
        };
        c.observed = Object.fromEntries(Object.entries(res).map(([k, r]) => [k, classify(r)]));
        // benign controls: nothing to be fooled about (observed still shows whether postmark-mcp changed)
        c.fooled =
          c.kind === "benign"
            ? []
            : ["plain", "frozen"].filter((m) => c.observed[`head.${m}`].startsWith("head"));
        c.landed = landed;
        fs.writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`);
        console.log(`${id}: observed ${JSON.stringify(c.observed)} fooled ${JSON.stringify(c.fooled)}`);
      }
      return;
    }
    const only = optAll("--case");
    const ids = fs
      .readdirSync(path.join(HERE, "cases"))
      .filter((d) => !only.length || only.includes(d))
      .sort();
    for (const id of ids) {
      const c = JSON.parse(fs.readFileSync(path.join(HERE, "cases", id, "case.json"), "utf8"));
      const paths = c.paths ?? ["node_modules/postmark-mcp"];
      const problems = [];
      for (const [key, want] of Object.entries(c.observed)) {
        const [side, mode] = key.split(".");
        const r = runOne(tools, reg, path.join(HERE, "cases", id, side), c.manager, mode, paths, false);
        const got =
          r.code !== 0
            ? "error"
            : same(r.landed, c.landed.base)
              ? "base"
              : same(r.landed, c.landed.head)
                ? "head"
                : c.landed.headFrozen && same(r.landed, c.landed.headFrozen)
                  ? "headFrozen"
                  : JSON.stringify(r.landed);
        if (got !== want) problems.push(`${key}: want ${want}, got ${got}${VERBOSE ? `\n${r.out}` : ""}`);
      }
      if (problems.length) failures++;
      console.log(
        `${problems.length ? "FAIL" : "ok  "} ${id} (${c.manager}, ${c.kind})${problems.map((p) => `\n     ${p}`).join("")}`,
      );
    }
    console.log(`${ids.length - failures} passed, ${failures} failed`);
  } finally {
    reg.stop();
    if (reg.dir) fs.rmSync(reg.dir, { recursive: true, force: true });
    if (autoTools) fs.rmSync(autoTools, { recursive: true, force: true });
  }
  process.exitCode = failures ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
