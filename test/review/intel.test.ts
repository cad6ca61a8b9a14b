/**
 * Malware records and publishing evidence as data: OSV's affected-version algorithm on the real records
 * of fixtures/intel (ossf/malicious-packages), and pnpm's trust rank on real and modelled packuments.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { withLimits } from "../../src/common/limits.js";
import { publishingLines } from "../../src/render/publishing.js";
import { affects, asRecord, isMalicious, type OsvRecord } from "../../src/review/intel/osv.js";
import { provenanceOf, registryKeys, verifySignatures } from "../../src/review/intel/provenance.js";
import { publisherChange, publishingOf, trustVerdict } from "../../src/review/intel/trust.js";
import { INTEL, readJson, review, snap } from "../helpers/fixtures.js";

const record = (path: string) => asRecord(readJson(join(INTEL, "osv", path)))!;
const packument = (path: string) => readJson<Record<string, unknown>>(join(INTEL, "packuments", path));

describe("OSV records: which versions a record names", () => {
  it("an open range from 1.0.16 (postmark-mcp)", () => {
    const r = record("malicious/npm/postmark-mcp/MAL-2025-47604.json");
    assert.equal(affects(r, "postmark-mcp", "1.0.16"), true);
    assert.equal(affects(r, "postmark-mcp", "1.0.17"), true);
    assert.equal(affects(r, "postmark-mcp", "1.0.15"), false);
    assert.equal(affects(r, "other-mcp", "1.0.16"), false, "another package");
    assert.equal(isMalicious(r), true);
  });
  it("an explicit version list (chalk 5.6.1 only)", () => {
    const r = record("malicious/npm/chalk/MAL-2025-46969.json");
    assert.deepEqual(
      ["5.6.0", "5.6.1", "5.6.2"].map((v) => affects(r, "chalk", v)),
      [false, true, false],
    );
  });
  it("every version, and a bounded range with last_affected (@ctrl/tinycolor)", () => {
    const r = record("malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json");
    assert.equal(affects(r, "@ctrl/tinycolor", "1.0.0"), true);
    assert.equal(affects(r, "@ctrl/tinycolor", "4.1.2"), true);
  });
  it("a withdrawn record names nothing", () => {
    const r = record("withdrawn/npm/@ctrl/plex/MAL-2026-4377.json");
    assert.equal(affects(r, "@ctrl/plex", "6.0.0"), false);
  });
  it("a vulnerability is not malware; CWE-506 or a MAL- alias is", () => {
    const base: OsvRecord = { id: "GHSA-xxxx-yyyy-zzzz", affected: [] };
    assert.equal(isMalicious(base), false);
    assert.equal(isMalicious({ ...base, aliases: ["MAL-2025-1"] }), true);
    assert.equal(isMalicious({ ...base, database_specific: { cwe_ids: ["CWE-506"] } }), true);
  });
  it("a range follows OSV's evaluation: introduced ≤ v < fixed, v ≤ last_affected (generated)", () => {
    const v = fc.tuple(fc.nat(9), fc.nat(9), fc.nat(9)).map((t) => t.join("."));
    fc.assert(
      fc.property(v, v, v, fc.boolean(), (intro, bound, probe, last) => {
        const events = [{ introduced: intro }, last ? { last_affected: bound } : { fixed: bound }];
        const r: OsvRecord = {
          id: "MAL-0",
          affected: [{ package: { ecosystem: "npm", name: "p" }, ranges: [{ type: "SEMVER", events }] }],
        };
        const n = (s: string) => s.split(".").reduce((acc, x) => acc * 100 + Number(x), 0);
        const inside =
          n(probe) >= n(intro) &&
          (n(bound) < n(intro) ? true : last ? n(probe) <= n(bound) : n(probe) < n(bound));
        return affects(r, "p", probe) === inside;
      }),
    );
  });
  it("versions semver cannot order count as named (unknown is not no)", () => {
    const r: OsvRecord = {
      id: "MAL-1",
      affected: [
        {
          package: { ecosystem: "npm", name: "p" },
          ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "not-a-version" }] }],
        },
      ],
    };
    assert.equal(affects(r, "p", "1.0.0"), true);
  });
});

describe("publishing evidence: pnpm's trust rank", () => {
  it("ranks a trusted publisher with provenance 2, provenance alone 1, nothing 0", () => {
    const p = publishingOf(packument("axios-provenance-lost.json"), {
      name: "axios",
      from: "1.14.0",
      to: "1.14.1",
    });
    const rank = (v: string) => p.versions.find((x) => x.version === v)!.rank;
    assert.deepEqual([rank("1.14.0"), rank("1.14.1")], [2, 0]);
    const nx = publishingOf(packument("nx-provenance-lost.json"), {
      name: "nx",
      from: "21.4.1",
      to: "21.5.0",
    });
    assert.equal(nx.versions.find((x) => x.version === "21.4.1")!.rank, 1);
  });
  it("a trusted publisher without provenance counts as nothing (pnpm 11.4), an approver as staged (3)", () => {
    const v = (user: unknown, dist: unknown) =>
      publishingOf(
        { versions: { "1.0.0": { _npmUser: user, dist } }, time: { "1.0.0": "2026-01-01T00:00:00Z" } },
        { name: "p", from: null, to: "1.0.0" },
      ).versions[0]!.rank;
    assert.equal(v({ name: "ci", trustedPublisher: { id: "github" } }, {}), 0);
    assert.equal(v({ name: "ci", approver: { name: "alice" } }, {}), 3);
  });
  it("the axios and nx incidents are downgrades, naming the earlier version", () => {
    const axios = trustVerdict(
      publishingOf(packument("axios-provenance-lost.json"), { name: "axios", from: "1.14.0", to: "1.14.1" }),
    );
    assert.equal(axios.kind, "downgrade");
    assert.equal(axios.kind === "downgrade" && axios.earlier.version, "1.14.0");
    for (const to of ["21.5.0", "20.9.0", "21.8.0", "20.12.0"]) {
      const nx = trustVerdict(
        publishingOf(packument("nx-provenance-lost.json"), { name: "nx", from: null, to }),
      );
      assert.equal(nx.kind, "downgrade", to);
    }
  });
  it("real releases that keep their evidence are not", () => {
    const ok = (file: string, name: string, to: string) =>
      trustVerdict(publishingOf(packument(file), { name, from: null, to })).kind;
    assert.equal(ok("npmx/create-vite.json", "create-vite", "8.2.0"), "ok");
    assert.equal(ok("npmx/nuxt.json", "nuxt", "4.3.1"), "ok");
    assert.equal(ok("npmx/is-odd.json", "is-odd", "3.0.1"), "ok");
  });
  it("no publish time for the new version is unknown, never ok", () => {
    const p = publishingOf({ versions: { "1.0.0": {} } }, { name: "p", from: null, to: "1.0.0" });
    assert.equal(trustVerdict(p).kind, "unknown");
  });
  it("a stable version ignores earlier prereleases", () => {
    const doc = {
      versions: {
        "2.0.0-rc.1": { dist: { attestations: { url: "u", provenance: { predicateType: "x" } } } },
        "2.0.0": {},
      },
      time: { "2.0.0-rc.1": "2026-01-01T00:00:00Z", "2.0.0": "2026-02-01T00:00:00Z" },
    };
    assert.equal(trustVerdict(publishingOf(doc, { name: "p", from: null, to: "2.0.0" })).kind, "ok");
    assert.equal(
      trustVerdict(
        publishingOf(
          {
            ...doc,
            versions: { ...doc.versions, "2.0.0-rc.2": {} },
            time: { ...doc.time, "2.0.0-rc.2": "2026-03-01T00:00:00Z" },
          },
          { name: "p", from: null, to: "2.0.0-rc.2" },
        ),
      ).kind,
      "downgrade",
      "a prerelease is compared with prereleases too",
    );
  });
  it("publisher history: a new account, and the same account", () => {
    const axios = publisherChange(
      publishingOf(packument("axios-provenance-lost.json"), { name: "axios", from: "1.14.0", to: "1.14.1" }),
    );
    assert.deepEqual(axios.newPublisher, { publisher: "jasonsaayman", history: ["GitHub Actions"] });
    const nuxt = publisherChange(
      publishingOf(packument("npmx/nuxt.json"), { name: "nuxt", from: "4.3.0", to: "4.3.1" }),
    );
    assert.deepEqual(nuxt, {});
  });
});

describe("publishing evidence checked as data: signatures and attestations", () => {
  const keys = registryKeys(readJson(join(INTEL, "attestations", "npm-v1-keys.json")));
  const vite = packument("npmx/create-vite.json") as {
    versions: Record<string, { dist: Record<string, unknown> }>;
    time: Record<string, string>;
  };
  const v = (version: string, over: Record<string, unknown> = {}) => ({
    name: "create-vite",
    version,
    integrity: vite.versions[version]!.dist.integrity as string,
    time: vite.time[version]!,
    signatures: vite.versions[version]!.dist.signatures,
    ...over,
  });
  it("a real registry signature verifies against the registry's published key", () => {
    assert.equal(verifySignatures(v("8.2.0"), keys).kind, "valid");
  });
  it("other bytes, another version or another key do not", () => {
    const other = v("8.2.0", { integrity: vite.versions["8.1.0"]!.dist.integrity });
    assert.equal(verifySignatures(other, keys).kind, "invalid");
    assert.equal(verifySignatures(v("8.2.0", { version: "8.2.1" }), keys).kind, "invalid");
    const alien = [{ keyid: "SHA256:someone-else", sig: "MEUCIQ==" }];
    assert.match(
      JSON.stringify(verifySignatures(v("8.2.0", { signatures: alien }), keys)),
      /a key the registry does not publish/,
    );
    assert.equal(verifySignatures(v("8.2.0", { signatures: undefined }), keys).kind, "unsigned");
    assert.equal(verifySignatures(v("8.2.0"), []).kind, "no-keys");
  });
  it("a key that had expired before the version was published does not count", () => {
    const expired = keys.map((k) => ({ ...k, expires: "2020-01-01T00:00:00.000Z" }));
    assert.match(JSON.stringify(verifySignatures(v("8.2.0"), expired)), /had expired/);
  });

  const bundle = readJson(join(INTEL, "attestations", "npm-cli", "valid-sigstore-attestations.json"));
  const sha512 =
    "7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36";
  const integrity = `sha512-${Buffer.from(sha512, "hex").toString("base64")}`;
  it("npm/cli's real attestations are about sigstore@1.0.0's bytes, built by its publish workflow from a tag", () => {
    assert.deepEqual(provenanceOf(bundle, { name: "sigstore", version: "1.0.0", integrity }), {
      kind: "ok",
      source: {
        repository: "https://github.com/sigstore/sigstore-js",
        workflow: "sigstore/sigstore-js/.github/workflows/publish.yml",
        ref: "refs/tags/v<version>",
      },
    });
  });
  it("attestations of other bytes or another package are invalid", () => {
    const other = `sha512-${Buffer.alloc(64, 1).toString("base64")}`;
    assert.equal(
      provenanceOf(bundle, { name: "sigstore", version: "1.0.0", integrity: other }).kind,
      "invalid",
    );
    assert.equal(
      provenanceOf(bundle, { name: "sigstore-evil", version: "1.0.0", integrity }).kind,
      "invalid",
    );
    assert.equal(provenanceOf({}, { name: "sigstore", version: "1.0.0", integrity }).kind, "invalid");
  });
});

describe("trust-downgrade on checked evidence (the engine with the real rule)", () => {
  const keys = registryKeys(readJson(join(INTEL, "attestations", "npm-v1-keys.json")));
  const doc = packument("npmx/create-vite.json");
  const run = (tamper: (d: Record<string, unknown>) => void) => {
    const copy = structuredClone(doc);
    tamper(copy);
    const publishing = { ...publishingOf(copy, { name: "create-vite", from: "8.1.0", to: "8.2.0" }), keys };
    const a = snap("8.1.0", { "index.js": "module.exports = 1;\n" });
    const b = snap("8.2.0", { "index.js": "module.exports = 2;\n" });
    return review(a, b, { limits: withLimits(), evidence: { publishing } }).findings.filter(
      (f) => f.rule === "trust-downgrade",
    );
  };
  it("the real packument: nothing to say", () => {
    assert.deepEqual(
      run(() => {}),
      [],
    );
  });
  it("a signature that does not verify is critical", () => {
    const hits = run((d) => {
      const v = (d.versions as Record<string, { dist: { integrity: string } }>)["8.2.0"]!;
      v.dist.integrity = (d.versions as Record<string, { dist: { integrity: string } }>)[
        "8.1.0"
      ]!.dist.integrity;
    });
    assert.equal(hits[0]?.severity, "critical");
    assert.match(hits[0]!.message, /registry's signature of create-vite@8\.2\.0 does not verify/);
  });
  it("attestations whose Sigstore signature does not verify are critical", () => {
    const copy = structuredClone(doc);
    const publishing = {
      ...publishingOf(copy, { name: "create-vite", from: "8.1.0", to: "8.2.0" }),
      keys,
      attestationDocs: {
        "8.2.0": { doc: {}, sigstore: { kind: "invalid" as const, why: "DSSE payload hash mismatch" } },
      },
    };
    const a = snap("8.1.0", { "index.js": "module.exports = 1;\n" });
    const b = snap("8.2.0", { "index.js": "module.exports = 2;\n" });
    const hits = review(a, b, { limits: withLimits(), evidence: { publishing } }).findings.filter(
      (f) => f.rule === "trust-downgrade",
    );
    assert.ok(
      hits.some((f) => f.severity === "critical" && /Sigstore signature/.test(f.message)),
      JSON.stringify(hits),
    );
  });
  it("provenance claimed but its attestations cannot be read is high (the rank is unproven)", () => {
    const publishing = {
      ...publishingOf(structuredClone(doc), { name: "create-vite", from: "8.1.0", to: "8.2.0" }),
      keys,
      attestationDocs: {
        "8.2.0": { error: "https://registry.example/-/npm/v1/attestations/create-vite@8.2.0: HTTP 404" },
      },
    };
    const a = snap("8.1.0", { "index.js": "module.exports = 1;\n" });
    const b = snap("8.2.0", { "index.js": "module.exports = 2;\n" });
    const hits = review(a, b, { limits: withLimits(), evidence: { publishing } }).findings.filter(
      (f) => f.rule === "trust-downgrade",
    );
    assert.ok(
      hits.some((f) => f.severity === "high" && /cannot be read/.test(f.message)),
      JSON.stringify(hits),
    );
  });
  it("a signature gone while the old version had one is high", () => {
    const hits = run((d) => {
      delete (d.versions as Record<string, { dist: { signatures?: unknown } }>)["8.2.0"]!.dist.signatures;
    });
    assert.equal(hits[0]?.severity, "high");
  });
});

describe("the Publishing section", () => {
  it("says who, when, how, how old, and where the provenance says it was built", () => {
    const bundle = readJson(join(INTEL, "attestations", "npm-cli", "valid-sigstore-attestations.json"));
    const sha512 =
      "7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36";
    const integrity = `sha512-${Buffer.from(sha512, "hex").toString("base64")}`;
    const publishing = {
      ...publishingOf(
        {
          versions: {
            "1.0.0": {
              _npmUser: { name: "ci", trustedPublisher: { id: "github" } },
              dist: { integrity, attestations: { url: "u", provenance: { predicateType: "x" } } },
            },
          },
          time: { "1.0.0": "2026-12-01T00:00:00Z" },
        },
        { name: "sigstore", from: null, to: "1.0.0" },
      ),
      attestationDocs: { "1.0.0": { doc: bundle } },
    };
    const r = review(snap("1.0.0", {}), snap("1.0.0", { "a.js": "1;\n" }), {
      limits: withLimits(),
      evidence: { publishing },
    });
    const lines = publishingLines(r, Date.parse("2026-12-08T00:00:00Z"));
    assert.deepEqual(lines.slice(0, 3), [
      "Publishing:",
      "  1.0.0: 2026-12-01 by ci, a trusted publisher (github), 7 d old",
      "    built by https://github.com/sigstore/sigstore-js sigstore/sigstore-js/.github/workflows/publish.yml at refs/tags/v<version>",
    ]);
  });
});
