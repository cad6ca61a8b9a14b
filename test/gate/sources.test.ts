/**
 * Lockfile sources (docs/LOCKFILE-SOURCES.md): every changed entry must install what the registry
 * serves for its name and version. Each row is a tampering that npm ci was seen to install.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  changeSetFingerprint,
  findChanges,
  lockedPackages,
  type VersionChange,
} from "../../src/gate/changes.js";
import { sourceKind, sourceProblem } from "../../src/gate/sources.js";

const REG = "http://127.0.0.1:4873";
const SHA512 = `sha512-${Buffer.alloc(64, 1).toString("base64")}`;
const EVIL512 = `sha512-${Buffer.alloc(64, 2).toString("base64")}`;
const SHASUM = "0101010101010101010101010101010101010101";
const meta = {
  name: "a",
  version: "1.0.1",
  dist: { tarball: `${REG}/a/-/a-1.0.1.tgz`, integrity: SHA512, shasum: SHASUM },
};

function entry(over: Partial<VersionChange>): VersionChange {
  const resolved = "resolved" in over ? over.resolved : `${REG}/a/-/a-1.0.1.tgz`;
  return {
    dir: "",
    name: "a",
    from: "1.0.0",
    to: "1.0.1",
    direct: true,
    integrity: SHA512,
    key: "node_modules/a",
    lockfile: "package-lock.json",
    source: "lockfile",
    ...over,
    ...(resolved === undefined ? {} : { resolved }),
    kind: over.kind ?? sourceKind(resolved, false),
  };
}

describe("sourceProblem", () => {
  it("accepts what npm writes against the registry, with or without resolved or integrity", () => {
    assert.equal(sourceProblem(entry({}), meta), null);
    assert.equal(
      sourceProblem(entry({ resolved: undefined }), meta),
      null,
      "omit-lockfile-registry-resolved",
    );
    assert.equal(sourceProblem(entry({ integrity: undefined }), meta), null, "the registry's own bytes");
    // npm rewrites registry.npmjs.org tarball URLs to the configured registry.
    assert.equal(
      sourceProblem(entry({ resolved: "https://registry.npmjs.org/a/-/a-1.0.1.tgz" }), meta),
      null,
    );
    const sha1 = `sha1-${Buffer.from(SHASUM, "hex").toString("base64")}`;
    assert.equal(sourceProblem(entry({ integrity: sha1 }), meta), null, "an old lockfile's sha1");
  });

  const tampered: [string, Partial<VersionChange>, RegExp][] = [
    [
      "another package's tarball on the same registry",
      { resolved: `${REG}/evil/-/evil-1.0.0.tgz` },
      /not the registry's tarball/,
    ],
    [
      "the same path on another host",
      { resolved: "http://127.0.0.1:9999/a/-/a-1.0.1.tgz" },
      /not the registry's tarball/,
    ],
    ["another integrity (a warm cache would serve it)", { integrity: EVIL512 }, /not the registry's sha512/],
    [
      "another integrity with no resolved",
      { resolved: undefined, integrity: EVIL512 },
      /not the registry's sha512/,
    ],
    [
      "a git URL",
      { resolved: "git+https://example.com/evil.git#abc" },
      /installs from .*not from the registry/,
    ],
    ["a file: tarball", { resolved: "file:../evil.tgz" }, /not from the registry/],
    ["a bare path", { resolved: "../../evil.tgz" }, /not from the registry/],
    ["an alias in resolved", { resolved: "npm:evil@1.0.0" }, /not from the registry/],
    ["a version in resolved", { resolved: "1.0.0" }, /not from the registry/],
    ["no version", { to: "" }, /has no version/],
    ["a link out of the repository", { resolved: "../../elsewhere", kind: "link" }, /outside the repository/],
    ["an absolute link", { resolved: "/srv/elsewhere", kind: "link" }, /outside the repository/],
  ];
  for (const [label, over, reason] of tampered) {
    it(`refuses ${label}`, () => {
      assert.match(sourceProblem(entry(over), meta) ?? "", reason);
    });
  }

  it("a sha1 that is not the registry's shasum is refused; a registry with no sha512 cannot vouch for one", () => {
    assert.match(
      sourceProblem(entry({ integrity: `sha1-${Buffer.alloc(20, 9).toString("base64")}` }), meta) ?? "",
      /not the registry's sha1/,
    );
    const noHash = { ...meta, dist: { tarball: meta.dist.tarball } };
    assert.match(sourceProblem(entry({}), noHash) ?? "", /lists no sha512/);
    assert.match(sourceProblem(entry({}), null) ?? "", /has no a@1.0.1/);
  });

  it("a workspace link inside the repository is not a registry package and is accepted", () => {
    assert.equal(sourceProblem(entry({ from: null, resolved: "packages/shared", kind: "link" }), meta), null);
    assert.equal(
      sourceProblem(
        entry({ from: null, dir: "apps/web", resolved: "../../packages/shared", kind: "link" }),
        meta,
      ),
      null,
    );
  });

  it("a registry package replaced by a link to a repository folder is refused: that code is not reviewed", () => {
    assert.match(
      sourceProblem(entry({ from: "1.0.0", resolved: "packages/shared", kind: "link" }), meta) ?? "",
      /was a@1\.0\.0 from the registry and now links the repository folder "packages\/shared"/,
    );
  });
});

describe("lockfile entries as changes", () => {
  const lock = (a: Record<string, unknown>) =>
    new Map([
      [
        "package-lock.json",
        JSON.stringify({ lockfileVersion: 3, packages: { "": {}, "node_modules/a": a } }),
      ],
    ]);
  const good = { version: "1.0.1", resolved: `${REG}/a/-/a-1.0.1.tgz`, integrity: SHA512 };

  it("a new resolved or integrity with the same version is a change, and voids the fingerprint", () => {
    const swapped = { ...good, resolved: `${REG}/evil/-/evil-1.0.0.tgz`, integrity: EVIL512 };
    const changes = findChanges(lock(good), lock(swapped));
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.resolved, swapped.resolved);
    const same = findChanges(lock({ ...good, version: "1.0.0" }), lock(good));
    const other = findChanges(
      lock({ ...good, version: "1.0.0" }),
      lock({ ...good, resolved: swapped.resolved }),
    );
    assert.notEqual(changeSetFingerprint(same), changeSetFingerprint(other));
  });

  it("an entry without a version, or turned into a link, is a change (never skipped as unchanged)", () => {
    assert.equal(findChanges(lock(good), lock({ resolved: good.resolved, integrity: SHA512 }))[0]?.to, "");
    const link = findChanges(lock(good), lock({ resolved: "../../evil", link: true }));
    assert.equal(link[0]?.kind, "link");
  });

  it("a v1 alias is read under the real name", () => {
    const v1 = JSON.stringify({ lockfileVersion: 1, dependencies: { x: { version: "npm:real-mcp@2.0.0" } } });
    assert.deepEqual(
      [...lockedPackages("package-lock.json", v1).values()].map((p) => [p.name, p.version]),
      [["real-mcp", "2.0.0"]],
    );
  });
});
