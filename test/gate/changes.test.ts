import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { McpGuardError } from "../../src/common/errors.js";
import { changeSetFingerprint, findChanges, lockedPackages } from "../../src/gate/changes.js";

const json = (v: unknown) => JSON.stringify(v, null, 2);
const files = (entries: Record<string, unknown>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, typeof v === "string" ? v : json(v)]));

function lockV3(pkgs: Record<string, { version: string; integrity?: string }>) {
  return {
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": { name: "app" },
      ...Object.fromEntries(
        Object.entries(pkgs).map(([k, v]) => [k, { ...v, resolved: `https://r/${k}.tgz` }]),
      ),
    },
  };
}

describe("lockedPackages", () => {
  it("reads v2/v3 install paths, including nested and scoped packages", () => {
    const m = lockedPackages(
      "package-lock.json",
      json(
        lockV3({
          "node_modules/a": { version: "1.0.0" },
          "node_modules/a/node_modules/@s/b": { version: "2.0.0", integrity: "sha512-x" },
        }),
      ),
    );
    assert.deepEqual(
      [...m.entries()],
      [
        [
          "node_modules/a",
          { name: "a", version: "1.0.0", resolved: "https://r/node_modules/a.tgz", kind: "url" },
        ],
        [
          "node_modules/a/node_modules/@s/b",
          {
            name: "@s/b",
            version: "2.0.0",
            integrity: "sha512-x",
            resolved: "https://r/node_modules/a/node_modules/@s/b.tgz",
            kind: "url",
            direct: false,
          },
        ],
      ],
    );
  });

  it("reads v1 nested dependency trees", () => {
    const v1 = {
      lockfileVersion: 1,
      dependencies: {
        a: { version: "1.0.0", integrity: "sha512-a", dependencies: { b: { version: "3.1.0" } } },
      },
    };
    const m = lockedPackages("package-lock.json", json(v1));
    assert.deepEqual(
      [...m.entries()].map(([k, v]) => [k, v.version]),
      [
        ["node_modules/a", "1.0.0"],
        ["node_modules/a/node_modules/b", "3.1.0"],
      ],
    );
  });

  it("refuses a lockfile that is not JSON, with the file named", () => {
    assert.throws(
      () => lockedPackages("sub/package-lock.json", "{ not json"),
      (e: unknown) => e instanceof McpGuardError && /sub\/package-lock\.json: not valid JSON/.test(e.message),
    );
  });
});

describe("findChanges", () => {
  const pj = (deps: Record<string, string>) => ({ name: "app", version: "1.0.0", dependencies: deps });

  it("lists direct and transitive version changes and additions from the lockfile", () => {
    const base = files({
      "package.json": pj({ "postmark-mcp": "^1.0.15" }),
      "package-lock.json": lockV3({
        "node_modules/postmark-mcp": { version: "1.0.15" },
        "node_modules/zod": { version: "3.24.0" },
      }),
    });
    const head = files({
      "package.json": pj({ "postmark-mcp": "^1.0.15" }),
      "package-lock.json": lockV3({
        "node_modules/postmark-mcp": { version: "1.0.16", integrity: "sha512-new" },
        "node_modules/zod": { version: "3.25.0" },
        "node_modules/helper-mcp": { version: "0.1.0" },
      }),
    });
    const at = (key: string) => ({
      resolved: `https://r/${key}.tgz`,
      kind: "url",
      key,
      lockfile: "package-lock.json",
      source: "lockfile",
    });
    assert.deepEqual(findChanges(base, head), [
      {
        dir: "",
        name: "helper-mcp",
        from: null,
        to: "0.1.0",
        direct: false,
        ...at("node_modules/helper-mcp"),
      },
      {
        dir: "",
        name: "postmark-mcp",
        from: "1.0.15",
        to: "1.0.16",
        direct: true,
        integrity: "sha512-new",
        ...at("node_modules/postmark-mcp"),
      },
      { dir: "", name: "zod", from: "3.24.0", to: "3.25.0", direct: false, ...at("node_modules/zod") },
    ]);
  });

  it("reads every directory of a monorepo, and package.json alone where there is no lockfile", () => {
    const base = files({
      "apps/a/package.json": pj({ "x-mcp": "1.0.0" }),
      "apps/b/package.json": pj({ "y-mcp": "2.0.0" }),
    });
    const head = files({
      "apps/a/package.json": pj({ "x-mcp": "1.1.0" }),
      "apps/b/package.json": pj({ "y-mcp": "2.0.0", "z-mcp": "^0.3.0" }),
    });
    assert.deepEqual(findChanges(base, head), [
      { dir: "apps/a", name: "x-mcp", from: "1.0.0", to: "1.1.0", direct: true, source: "manifest" },
      { dir: "apps/b", name: "z-mcp", from: null, to: "^0.3.0", direct: true, source: "manifest" },
    ]);
  });

  it("prefers npm-shrinkwrap.json; unchanged packages are no change, a package no longer installed is a removal", () => {
    const base = files({
      "npm-shrinkwrap.json": lockV3({
        "node_modules/a": { version: "1.0.0" },
        "node_modules/gone": { version: "1.0.0" },
      }),
    });
    const head = files({ "npm-shrinkwrap.json": lockV3({ "node_modules/a": { version: "1.0.0" } }) });
    assert.deepEqual(
      findChanges(base, head).map((c) => [c.source, c.name, c.from, c.to]),
      [["removal", "gone", "1.0.0", "removed"]],
    );
  });
});

describe("changeSetFingerprint", () => {
  const c = (name: string, to: string, integrity?: string) => ({
    dir: "",
    name,
    from: "1.0.0",
    to,
    direct: true,
    integrity,
    source: "lockfile" as const,
  });
  it("does not depend on order (a rebase keeps it) and changes with any version or integrity", () => {
    const one = changeSetFingerprint([c("a", "2.0.0", "sha512-a"), c("b", "1.1.0")]);
    assert.equal(one, changeSetFingerprint([c("b", "1.1.0"), c("a", "2.0.0", "sha512-a")]));
    assert.notEqual(one, changeSetFingerprint([c("a", "2.0.1", "sha512-a"), c("b", "1.1.0")]));
    assert.notEqual(one, changeSetFingerprint([c("a", "2.0.0", "sha512-b"), c("b", "1.1.0")]));
    assert.match(one, /^v2:[0-9a-f]{64}$/);
  });
});
