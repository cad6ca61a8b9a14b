/** Which changes are guarded: config, the new version's manifest, and the old one's. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findChanges, type VersionChange } from "../../src/gate/changes.js";
import { DEFAULT_CONFIG } from "../../src/gate/config.js";
import { guardedChanges, newSpecs, oldSpecs } from "../../src/gate/guard.js";

const packages = DEFAULT_CONFIG.packages;
const change = (over: Partial<VersionChange>): VersionChange => ({
  dir: "",
  name: "x",
  from: "1.0.0",
  to: "1.1.0",
  direct: true,
  kind: "registry",
  source: "lockfile",
  ...over,
});
const MCP = { name: "x", keywords: ["mcp"] };
const PLAIN = { name: "x" };

describe("guardedChanges", () => {
  it("a package that was MCP stays guarded when the new version drops its markers", () => {
    const c = change({});
    const manifests = new Map([["x@1.1.0", PLAIN]]);
    assert.deepEqual(oldSpecs([c], packages, manifests), ["x@1.0.0"]);
    assert.deepEqual(guardedChanges([c], packages, new Map([...manifests, ["x@1.0.0", MCP]])), [c]);
    assert.deepEqual(guardedChanges([c], packages, new Map([...manifests, ["x@1.0.0", PLAIN]])), []);
  });

  it("an old version the registry no longer answers for is unknown, so guarded", () => {
    const c = change({});
    assert.deepEqual(
      guardedChanges(
        [c],
        packages,
        new Map([
          ["x@1.1.0", PLAIN],
          ["x@1.0.0", null],
        ]),
      ),
      [c],
    );
  });

  it("package.json-only changes are detected through the registry; a spec it cannot answer is guarded", () => {
    const range = change({ source: "manifest", to: "^1.1.0", from: "^1.0.0", kind: undefined });
    assert.deepEqual(newSpecs([range], packages), ["x@^1.1.0"]);
    assert.deepEqual(guardedChanges([range], packages, new Map([["x@^1.1.0", MCP]])), [range]);
    const git = change({ source: "manifest", to: "github:evil/x", from: null, kind: undefined });
    assert.deepEqual(newSpecs([git], packages), []);
    assert.deepEqual(guardedChanges([git], packages, new Map()), [git]);
  });

  it("every registry lockfile entry is read for its source check, MCP or not", () => {
    assert.deepEqual(newSpecs([change({ name: "zod", to: "3.25.0" })], { ...packages, detectMcp: false }), [
      "zod@3.25.0",
    ]);
  });
});

describe("findChanges in workspaces", () => {
  const pj = (deps: Record<string, string>) => JSON.stringify({ name: "w", dependencies: deps });
  const lock = JSON.stringify({ lockfileVersion: 3, packages: { "": {} } });

  it("a workspace under a lockfile is pinned by it once the lockfile records the new spec", () => {
    const locked = JSON.stringify({
      lockfileVersion: 3,
      packages: { "": {}, "packages/a": { dependencies: { "x-mcp": "^1.0.0" } } },
    });
    const base = new Map([
      ["packages/a/package.json", pj({})],
      ["package-lock.json", lock],
    ]);
    const head = new Map([
      ["packages/a/package.json", pj({ "x-mcp": "^1.0.0" })],
      ["package-lock.json", locked],
    ]);
    assert.deepEqual(
      findChanges(base, head).filter((c) => c.source === "manifest"),
      [],
    );
  });

  it("a package.json change its lockfile was not updated for is a stale change; without any lockfile, unpinned", () => {
    const base = new Map([
      ["packages/a/package.json", pj({})],
      ["package-lock.json", lock],
    ]);
    const head = new Map([
      ["packages/a/package.json", pj({ "x-mcp": "^1.0.0" })],
      ["package-lock.json", lock],
    ]);
    assert.deepEqual(
      findChanges(base, head).map((c) => [c.dir, c.name, c.to, c.source, c.staleLockfile]),
      [["packages/a", "x-mcp", "^1.0.0", "manifest", "package-lock.json"]],
    );
    head.delete("package-lock.json");
    assert.deepEqual(
      findChanges(base, head).map((c) => [c.dir, c.name, c.to, c.source, c.staleLockfile]),
      [["packages/a", "x-mcp", "^1.0.0", "manifest", undefined]],
    );
  });
});
