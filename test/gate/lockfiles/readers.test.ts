/**
 * The readers on the forms the generated fixtures do not show (peer suffixes, aliases, git, folders,
 * patches, the default registry's empty URL) and on bad input: each fails closed with a clear error.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { McpGuardError } from "../../../src/common/errors.js";
import { findChanges } from "../../../src/gate/changes.js";
import { type LockEntry, readLockfile, recordsSpec } from "../../../src/gate/lockfiles/index.js";

const entries = (path: string, text: string) => Object.fromEntries(readLockfile(path, text).entries);
const rejects = (path: string, text: string, code: string, message: RegExp) =>
  assert.throws(
    () => readLockfile(path, text),
    (e) => {
      assert.equal((e as McpGuardError).code, code);
      assert.match((e as Error).message, message);
      return true;
    },
  );

describe("pnpm-lock.yaml", () => {
  const v9 = `lockfileVersion: '9.0'
catalogs:
  default:
    zod: {specifier: ^3.25.0, version: 3.25.1}
importers:
  .:
    dependencies:
      react-dom: {specifier: ^18.0.0, version: 18.2.0(react@18.2.0)}
      my-zod: {specifier: 'npm:zod@3.25.1', version: zod@3.25.1}
      zod: {specifier: 'catalog:', version: 3.25.1}
      shared: {specifier: workspace:*, version: link:packages/shared}
  packages/app:
    dependencies:
      shared: {specifier: workspace:*, version: link:../shared}
packages:
  react-dom@18.2.0:
    resolution: {integrity: sha512-a}
  zod@3.25.1:
    resolution: {integrity: sha512-z}
  gitdep@https://codeload.github.com/o/r/tar.gz/abc:
    resolution: {tarball: https://codeload.github.com/o/r/tar.gz/abc}
    version: 1.0.0
  local@file:../local:
    resolution: {directory: ../local, type: directory}
    version: 0.1.0
  repo@git+https://github.com/o/repo.git#abc:
    resolution: {type: git, repo: https://github.com/o/repo.git, commit: abc}
    version: 2.0.0
snapshots:
  react-dom@18.2.0(react@18.2.0): {}
`;

  it("reads keys without peer suffixes, aliases by their real name, and each kind of source", () => {
    const e = entries("pnpm-lock.yaml", v9);
    const pick = (k: string) => {
      const { name, version, kind, direct } = e[k] as LockEntry;
      return { name, version, kind, direct };
    };
    assert.deepEqual(pick("react-dom@18.2.0"), {
      name: "react-dom",
      version: "18.2.0",
      kind: "registry",
      direct: true,
    });
    assert.deepEqual(pick("zod@3.25.1"), { name: "zod", version: "3.25.1", kind: "registry", direct: true });
    assert.equal(e["gitdep@https://codeload.github.com/o/r/tar.gz/abc"]!.kind, "url");
    assert.equal(e["local@file:../local"]!.kind, "file");
    assert.deepEqual(pick("repo@git+https://github.com/o/repo.git#abc"), {
      name: "repo",
      version: "2.0.0",
      kind: "git",
      direct: false,
    });
    // Workspace links, relative to the lockfile's folder.
    assert.equal(e[".>shared"]!.resolved, "packages/shared");
    assert.equal(e["packages/app>shared"]!.resolved, "packages/shared");
  });

  it("records the specs each importer was locked from, catalog: resolved", () => {
    const lock = readLockfile("pnpm-lock.yaml", v9);
    assert.equal(recordsSpec(lock, "", "zod", "^3.25.0"), true);
    assert.equal(recordsSpec(lock, "", "zod", "^3.26.0"), false);
    assert.equal(recordsSpec(lock, "", "react-dom", "^18.0.0"), true);
    // A workspace folder the lockfile does not know is not pinned by it, whatever else changed.
    assert.equal(recordsSpec(lock, "packages/new", "zod", "^3.25.0"), false);
  });

  it("fails closed on lockfile versions it does not read, and on what is not YAML", () => {
    rejects(
      "pnpm-lock.yaml",
      "lockfileVersion: 5.4\n",
      "E_MCPGUARD_UNSUPPORTED",
      /lockfileVersion "5\.4" is not read/,
    );
    rejects(
      "pnpm-lock.yaml",
      "lockfileVersion: '9.0'\npackages: [\n",
      "E_MCPGUARD_BAD_SPEC",
      /not valid YAML/,
    );
    rejects("pnpm-lock.yaml", "- a\n- b\n", "E_MCPGUARD_BAD_SPEC", /not a pnpm lockfile/);
  });
});

describe("yarn.lock (yarn 1)", () => {
  const lock = `# yarn lockfile v1

"my-zod@npm:zod@3.25.1":
  version "3.25.1"
  resolved "https://registry.yarnpkg.com/zod/-/zod-3.25.1.tgz#0123456789abcdef0123456789abcdef01234567"

left-pad@^1.0.0, left-pad@^1.3.0:
  version "1.3.0"
  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#5b8a3a7765dfe001261dde915589e782f8c94d1e"
  integrity sha512-left

"local@file:../local":
  version "0.1.0"
`;

  it("reads aliases by their real name, one entry per descriptor list, the sha1 of the URL when no integrity", () => {
    const e = entries("yarn.lock", lock);
    assert.equal(e["my-zod@npm:zod@3.25.1"]!.name, "zod");
    assert.equal(e["my-zod@npm:zod@3.25.1"]!.integrity, "sha1-ASNFZ4mrze8BI0VniavN7wEjRWc=");
    assert.equal(e["left-pad@^1.0.0, left-pad@^1.3.0"]!.integrity, "sha512-left");
    assert.deepEqual(
      { kind: e["local@file:../local"]!.kind, resolved: e["local@file:../local"]!.resolved },
      { kind: "file", resolved: "../local" },
    );
    assert.equal(recordsSpec(readLockfile("yarn.lock", lock), "", "left-pad", "^1.3.0"), true);
    assert.equal(recordsSpec(readLockfile("yarn.lock", lock), "", "left-pad", "^2.0.0"), false);
  });

  it("fails closed on an unterminated string (in a merge conflict or not) and on what is not a lockfile", () => {
    const resolvable = `# yarn lockfile v1\n\n<<<<<<< HEAD\na@^1:\n  version "1.0.0"\n=======\na@^1:\n  version "1.0.1"\n>>>>>>> b\n`;
    rejects(
      "yarn.lock",
      resolvable.replace('version "1.0.1"', 'version "1.0.1'),
      "E_MCPGUARD_BAD_SPEC",
      /line 8 has an unterminated string/,
    );
    rejects("yarn.lock", "a@^1:\n  version 1.0.0 2.0.0 }\n", "E_MCPGUARD_BAD_SPEC", /not a yarn lockfile/);
    // An unterminated string would make yarn's parser read on to the end of memory: refused unparsed.
    rejects(
      "yarn.lock",
      `a@^1:\n  version "1.0.0\n${"x".repeat(10_000)}`,
      "E_MCPGUARD_BAD_SPEC",
      /line 2 has an unterminated string/,
    );
  });
});

describe("yarn.lock (berry)", () => {
  const lock = (resolution: string, version = "5.0.4") => `__metadata:
  version: 8
"typescript@patch:typescript@npm%3A^5.0.0#optional!builtin<compat/typescript>":
  version: ${version}
  resolution: "${resolution}"
  checksum: 10c0/abc
"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    typescript: "patch:typescript@npm%3A^5.0.0#optional!builtin<compat/typescript>"
`;
  const builtin =
    "typescript@patch:typescript@npm%3A5.0.4#optional!builtin<compat/typescript>::version=5.0.4&hash=b45daf";

  it("reads yarn's own compatibility patches as the registry package, and no checksum as integrity", () => {
    const e = Object.values(entries("yarn.lock", lock(builtin)));
    const ts = e.find((x) => x.name === "typescript")!;
    assert.deepEqual(
      { kind: ts.kind, version: ts.version, integrity: ts.integrity, direct: ts.direct },
      { kind: "registry", version: "5.0.4", integrity: undefined, direct: true },
    );
    assert.equal(e.find((x) => x.name === "app")!.kind, "workspace");
  });

  it("a patch from the repository, a portal, or a version its resolution does not name is not the registry's", () => {
    const kind = (text: string) =>
      Object.values(entries("yarn.lock", text)).find((x) => x.name === "typescript")!;
    assert.equal(
      kind(lock(builtin.replace("optional!builtin<compat/typescript>", "~/.yarn/patches/ts.patch"))).kind,
      "other",
    );
    assert.equal(kind(lock("typescript@portal:../ts::locator=app%40workspace%3A.")).kind, "link");
    assert.equal(kind(lock(builtin, "5.0.3")).version, "");
  });

  it("fails closed on YAML without __metadata", () => {
    rejects("yarn.lock", "__metadata: 1\n", "E_MCPGUARD_BAD_SPEC", /not a yarn 2\+ lockfile/);
  });
});

describe("bun.lock", () => {
  const lock = (packages: string, version = 1) => `{
  // bun writes JSON with trailing commas
  "lockfileVersion": ${version},
  "workspaces": { "": { "name": "app", "dependencies": { "zod": "^3.25.0", "my-zod": "npm:zod@3.25.1" } } },
  "packages": { ${packages} },
}`;

  it("reads the default registry's empty URL, a registry URL, aliases and git", () => {
    const e = entries(
      "bun.lock",
      lock(`"zod": ["zod@3.25.1", "", {}, "sha512-z"],
        "my-zod": ["zod@3.25.1", "https://registry.npmjs.org/zod/-/zod-3.25.1.tgz", {}, "sha512-z"],
        "gitdep": ["gitdep@github:o/r#abc", {}, "abc"],`),
    );
    assert.deepEqual(
      { kind: e.zod!.kind, integrity: e.zod!.integrity, direct: e.zod!.direct },
      { kind: "registry", integrity: "sha512-z", direct: true },
    );
    assert.deepEqual({ name: e["my-zod"]!.name, kind: e["my-zod"]!.kind }, { name: "zod", kind: "url" });
    assert.equal(e.gitdep!.kind, "git");
  });

  it("fails closed on versions it does not read, on what is not JSONC, and on an entry that is not a tuple", () => {
    rejects("bun.lock", lock("", 9), "E_MCPGUARD_UNSUPPORTED", /lockfileVersion 9 is not read/);
    rejects("bun.lock", "{ nope", "E_MCPGUARD_BAD_SPEC", /not valid JSONC/);
    rejects(
      "bun.lock",
      lock(`"zod": { "version": "3.25.1" },`),
      "E_MCPGUARD_BAD_SPEC",
      /not a \[name@version/,
    );
  });
});

describe("changes in formats keyed by version", () => {
  it("a bump is read from the version it replaces, and a package that only moved is no change", () => {
    const pnpm = (zod: string) =>
      `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      zod: {specifier: ${zod}, version: ${zod}}\npackages:\n  zod@${zod}:\n    resolution: {integrity: sha512-${zod}}\n  left-pad@1.3.0:\n    resolution: {integrity: sha512-l}\n`;
    const at = (zod: string) => new Map([["pnpm-lock.yaml", pnpm(zod)]]);
    const changes = findChanges(at("3.25.0"), at("3.25.1"));
    assert.deepEqual(
      changes.map((c) => [c.name, c.from, c.to, c.kind, c.direct]),
      [["zod", "3.25.0", "3.25.1", "registry", true]],
    );
  });
});
