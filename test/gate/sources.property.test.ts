/**
 * Over generated lockfile entries and check states: the source check accepts an entry only when npm
 * would fetch the registry's tarball for that name and version and accept only its bytes; a stored
 * result is reused only for the same (base, head).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { withLimits } from "../../src/common/limits.js";
import type { VersionChange } from "../../src/gate/changes.js";
import { sourceKind, sourceProblem } from "../../src/gate/sources.js";
import { planClaim } from "../../src/plan/claim.js";

const REG = "http://127.0.0.1:4873";
const sri = (n: number) => `sha512-${Buffer.alloc(64, n).toString("base64")}`;
const REGISTRY_SRI = sri(1);
const meta = { dist: { tarball: `${REG}/a/-/a-1.0.1.tgz`, integrity: REGISTRY_SRI } };
const CANONICAL = [`${REG}/a/-/a-1.0.1.tgz`, "https://registry.npmjs.org/a/-/a-1.0.1.tgz"];

const resolved = fc.constantFrom(
  undefined,
  ...CANONICAL,
  `${REG}/evil/-/evil-1.0.0.tgz`,
  `${REG}/a/-/a-1.0.0.tgz`,
  "http://127.0.0.1:9/a/-/a-1.0.1.tgz",
  "https://registry.yarnpkg.com/a/-/a-1.0.1.tgz",
  "git+https://example.com/a.git#abc",
  "file:../a.tgz",
  "../a",
  "npm:evil@1.0.0",
  "1.0.1",
  "latest",
);
const integrity = fc.constantFrom(
  undefined,
  REGISTRY_SRI,
  sri(2),
  "",
  "foo-bar",
  `${REGISTRY_SRI} sha1-AAAA`,
);

describe("lockfile sources over generated entries", () => {
  it("accepted only when npm would install the registry's bytes for that name and version", () => {
    fc.assert(
      fc.property(resolved, integrity, fc.boolean(), (r, i, link) => {
        const c: VersionChange = {
          dir: "",
          name: "a",
          from: "1.0.0",
          to: "1.0.1",
          direct: true,
          source: "lockfile",
          kind: sourceKind(r, link),
          ...(r === undefined ? {} : { resolved: r }),
          ...(i === undefined ? {} : { integrity: i }),
        };
        if (sourceProblem(c, meta) !== null) return;
        if (link) {
          // In-repo links only: a relative path that never climbs out.
          assert.ok(r !== undefined && !r.startsWith("..") && !r.startsWith("/"));
          return;
        }
        assert.ok(r === undefined || CANONICAL.includes(r), `fetched from ${r}`);
        const sha512 = /sha512-[^\s]+/.exec(i ?? "")?.[0];
        assert.ok(sha512 === undefined || sha512 === REGISTRY_SRI, `accepts ${i}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("a stored result is reused only for the same base and head", () => {
    const sha = fc.constantFrom("h1", "h2", "b1", "b2");
    fc.assert(
      fc.property(
        sha,
        sha,
        sha,
        sha,
        fc.constantFrom("completed", "in_progress"),
        (sh, sb, ph, pb, status) => {
          const check = {
            id: 1,
            status,
            conclusion: null,
            title: null,
            summary: null,
            startedAt: new Date(0).toISOString(),
            state: { headSha: sh, baseSha: sb, fingerprint: "f", changes: [] },
          };
          const claim = planClaim(
            check,
            { headSha: ph, baseSha: pb },
            { now: 1, limits: withLimits(), force: false },
          );
          if (claim.kind === "skip" && status === "completed") assert.ok(sh === ph && sb === pb);
        },
      ),
      { numRuns: 500 },
    );
  });
});
