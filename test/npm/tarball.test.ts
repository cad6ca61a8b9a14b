import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { McpGuardError } from "../../src/common/errors.js";
import { withLimits } from "../../src/common/limits.js";
import { readTarball } from "../../src/npm/tarball.js";
import { review } from "../helpers/fixtures.js";
import { makeTgz, packageTgz, tarEntries } from "../helpers/tarball.js";

const limits = withLimits();
const pj = { path: "package/package.json", body: JSON.stringify({ name: "x", version: "1.0.0" }) };

async function rejectsWith(p: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof McpGuardError, `expected McpGuardError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

describe("readTarball", () => {
  it("reads regular files under package/ as text, with sizes and hashes", async () => {
    const snap = await readTarball(
      "t.tgz",
      packageTgz("x", "1.0.0", { "index.js": "export default 1;\n" }),
      limits,
    );
    assert.equal(snap.name, "x");
    assert.equal(snap.version, "1.0.0");
    assert.deepEqual([...snap.files.keys()].sort(), ["index.js", "package.json"]);
    const f = snap.files.get("index.js")!;
    assert.equal(f.kind, "text");
    assert.equal(f.text, "export default 1;\n");
    assert.equal(f.size, 18);
    assert.match(f.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(snap.anomalies, []);
  });

  it("strips whatever top folder the tarball uses (not only package/)", async () => {
    const tgz = makeTgz([
      { path: "node/package.json", body: '{"name":"y","version":"2.0.0"}' },
      { path: "node/lib/a.js", body: "1" },
    ]);
    const snap = await readTarball("t.tgz", tgz, limits);
    assert.deepEqual([...snap.files.keys()].sort(), ["lib/a.js", "package.json"]);
  });

  it("sniffs binaries by content, not extension", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]);
    const tgz = makeTgz([
      pj,
      { path: "package/readme.txt", body: elf },
      { path: "package/lib.node", body: "not binary" },
    ]);
    const snap = await readTarball("t.tgz", tgz, limits);
    assert.equal(snap.files.get("readme.txt")!.kind, "binary");
    assert.equal(snap.files.get("readme.txt")!.binaryKind, "elf");
    assert.equal(snap.files.get("lib.node")!.kind, "text");
  });

  for (const [label, entry, kind] of [
    ["a symlink", { path: "package/link.js", type: "SymbolicLink", linkpath: "/etc/passwd" }, "symlink"],
    ["a hardlink", { path: "package/hard.js", type: "Link", linkpath: "package/package.json" }, "hardlink"],
    ["a device", { path: "package/dev", type: "CharacterDevice" }, "device"],
    ["a FIFO", { path: "package/fifo", type: "FIFO" }, "fifo"],
    ["an absolute path", { path: "/etc/cron.d/evil", body: "x" }, "absolute-path"],
    ["a .. path", { path: "package/../../.bashrc", body: "x" }, "path-traversal"],
  ] as const) {
    it(`reports ${label} as an anomaly, never follows or reads it, and marks the review incomplete`, async () => {
      const tgz = makeTgz([pj, { path: "package/index.js", body: "1" }, entry]);
      const snap = await readTarball("t.tgz", tgz, limits);
      assert.equal(snap.anomalies.length, 1);
      assert.equal(snap.anomalies[0]!.kind, kind);
      assert.deepEqual([...snap.files.keys()].sort(), ["index.js", "package.json"]);
      const base = await readTarball("t.tgz", packageTgz("x", "0.9.0", { "index.js": "1" }), limits);
      const r = review(base, snap, { limits });
      assert.equal(r.complete, false);
      assert.ok(r.findings.some((f) => f.rule === "unreviewable" && f.evidence === "analysis incomplete"));
      assert.match(r.incomplete.join("\n"), new RegExp(kind));
    });
  }

  describe("PAX header tricks (read by node-tar, the parser npm installs with, so we see what npm would)", () => {
    for (const [label, path, kind] of [
      ["a PAX path climbing out with ..", "package/../../../.ssh/authorized_keys", "path-traversal"],
      ["an absolute PAX path", "/etc/passwd", "absolute-path"],
    ] as const) {
      it(`${label} overrides the harmless ustar name and is reported, not read`, async () => {
        const snap = await readTarball(
          "t.tgz",
          makeTgz([pj, { path: "package/ok.js", body: "1", pax: { path } }]),
          limits,
        );
        assert.deepEqual(
          snap.anomalies.map((a) => [a.kind, a.path]),
          [[kind, path]],
        );
        assert.deepEqual([...snap.files.keys()], ["package.json"], "neither name is kept as a file");
      });
    }

    it("a global PAX header naming a path does not rename the entries after it", async () => {
      const snap = await readTarball(
        "t.tgz",
        makeTgz([
          pj,
          { path: "g", type: "GlobalExtendedHeader", pax: { path: "package/index.js" } },
          { path: "package/a.js", body: "A" },
          { path: "package/b.js", body: "B" },
        ]),
        limits,
      );
      assert.deepEqual([...snap.files.keys()].sort(), ["a.js", "b.js", "package.json"]);
      assert.deepEqual(snap.anomalies, []);
    });

    it("a PAX size that lies (larger or zero) is a corrupt tarball, never a silently hidden entry", async () => {
      for (const size of ["100000", "0"]) {
        const tgz = makeTgz([
          pj,
          { path: "package/a.js", body: "A".repeat(600), pax: { size } },
          { path: "package/evil.js", body: "fetch('https://evil.example')" },
        ]);
        await rejectsWith(readTarball("t.tgz", tgz, limits), "E_MCPGUARD_CORRUPT", /corrupt tarball/);
      }
    });

    it("a PAX size that swallows the next entry exactly makes it file data, as npm would install it", async () => {
      const evil = tarEntries([{ path: "package/evil.js", body: "fetch('https://evil.example')" }]).subarray(
        0,
        1024,
      );
      const tgz = makeTgz([
        pj,
        // a.js's data is its 10 bytes, padding, then evil.js's header and body: 1536 bytes in all.
        {
          path: "package/a.js",
          body: Buffer.concat([Buffer.from("A".repeat(10)), Buffer.alloc(502), evil]),
          pax: { size: "1536" },
        },
        { path: "package/c.js", body: "C" },
      ]);
      const snap = await readTarball("t.tgz", tgz, limits);
      assert.deepEqual([...snap.files.keys()].sort(), ["a.js", "c.js", "package.json"]);
      assert.equal(snap.files.get("a.js")!.size, 1536);
      assert.equal(snap.files.has("evil.js"), false);
    });

    it("a NUL in a PAX path ends the name there, as node-tar reads it", async () => {
      const snap = await readTarball(
        "t.tgz",
        makeTgz([pj, { path: "package/ok.js", body: "1", pax: { path: "package/index.js\u0000.png" } }]),
        limits,
      );
      assert.deepEqual([...snap.files.keys()].sort(), ["index.js", "package.json"]);
    });
  });

  it("reports a path deeper than the cap", async () => {
    const deep = `package/${"d/".repeat(10)}f.js`;
    const snap = await readTarball(
      "t.tgz",
      makeTgz([pj, { path: deep, body: "1" }]),
      withLimits({ maxPathDepth: 5 }),
    );
    assert.equal(snap.anomalies[0]!.kind, "path-too-deep");
    assert.equal(snap.files.has(deep.slice(8)), false);
  });

  it("reports a path that appears twice", async () => {
    const tgz = makeTgz([
      pj,
      { path: "package/a.js", body: "first" },
      { path: "package/a.js", body: "second" },
    ]);
    const snap = await readTarball("t.tgz", tgz, limits);
    assert.equal(snap.anomalies[0]!.kind, "duplicate-entry");
    assert.equal(snap.files.get("a.js")!.text, "second");
  });

  it("keeps only size and hash of a file over the text cap", async () => {
    const tgz = makeTgz([pj, { path: "package/big.js", body: "a".repeat(2000) }]);
    const snap = await readTarball("t.tgz", tgz, withLimits({ maxTextFileBytes: 1000 }));
    const f = snap.files.get("big.js")!;
    assert.equal(f.kind, "too-large");
    assert.equal(f.text, undefined);
    assert.equal(f.size, 2000);
  });

  it("refuses data that is not gzip", async () => {
    await rejectsWith(readTarball("t.tgz", Buffer.from("hello"), limits), "E_MCPGUARD_CORRUPT", /not a gzip/);
  });

  it("refuses a truncated tarball", async () => {
    const whole = packageTgz("x", "1.0.0", { "index.js": "x".repeat(5000) });
    await rejectsWith(
      readTarball("t.tgz", whole.subarray(0, whole.length / 2), limits),
      "E_MCPGUARD_CORRUPT",
      /corrupt|truncated/,
    );
  });

  it("refuses corrupt gzip data", async () => {
    const bad = Buffer.from(packageTgz("x", "1.0.0", { "index.js": "x".repeat(5000) }));
    for (let i = 20; i < 60; i++) bad[i] = bad[i]! ^ 0xff;
    await rejectsWith(readTarball("t.tgz", bad, limits), "E_MCPGUARD_CORRUPT", /corrupt/);
  });

  it("refuses a tar stream cut inside an entry", async () => {
    const raw = tarEntries([pj, { path: "package/index.js", body: "y".repeat(3000) }]);
    const cut = gzipSync(raw.subarray(0, 512 * 3 + 100));
    await rejectsWith(readTarball("t.tgz", cut, limits), "E_MCPGUARD_CORRUPT", /corrupt tarball/);
  });

  it("refuses a tarball over the compressed cap", async () => {
    const tgz = packageTgz("x", "1.0.0", { "a.js": "1" });
    await rejectsWith(
      readTarball("t.tgz", tgz, withLimits({ maxTarballBytes: 50 })),
      "E_MCPGUARD_LIMIT",
      /over the 50-byte limit/,
    );
  });

  it("refuses a gzip bomb over the unpacked cap", async () => {
    const tgz = makeTgz([pj, { path: "package/zeros.txt", body: Buffer.alloc(5_000_000, 0x20) }]);
    assert.ok(tgz.length < 20_000, "the bomb is small when compressed");
    await rejectsWith(
      readTarball("t.tgz", tgz, withLimits({ maxUnpackedBytes: 1_000_000, maxEntries: 10 })),
      "E_MCPGUARD_LIMIT",
      /unpack/,
    );
  });

  it("refuses more entries than the cap", async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ path: `package/f${i}.js`, body: "1" }));
    await rejectsWith(
      readTarball("t.tgz", makeTgz([pj, ...many]), withLimits({ maxEntries: 10 })),
      "E_MCPGUARD_LIMIT",
      /more than 10 entries/,
    );
  });

  it("refuses a tarball without package.json", async () => {
    await rejectsWith(
      readTarball("t.tgz", makeTgz([{ path: "package/a.js", body: "1" }]), limits),
      "E_MCPGUARD_CORRUPT",
      /package\.json/,
    );
  });
});
