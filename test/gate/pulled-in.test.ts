/**
 * What a guarded change installs with it, from the lockfile's own edges (npm v3 and pnpm 9): reviewed
 * with it and bound by its approval.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { changeSetFingerprint, findChanges } from "../../src/gate/changes.js";
import { pulledIn } from "../../src/gate/pulled-in.js";

const pkg = JSON.stringify({ name: "app", dependencies: { "event-stream": "^3.3.5", lodash: "^4.17.0" } });

function npmLock(es: string, extra: Record<string, unknown>, lodash = "4.17.20") {
  return JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": { name: "app", dependencies: { "event-stream": "^3.3.5", lodash: "^4.17.0" } },
      "node_modules/event-stream": {
        version: es,
        resolved: `https://registry.npmjs.org/event-stream/-/event-stream-${es}.tgz`,
        integrity: `sha512-es${es}`,
        dependencies: { through: "~2.3.1", ...(es === "3.3.6" ? { "flatmap-stream": "^0.1.0" } : {}) },
      },
      "node_modules/through": {
        version: "2.3.8",
        resolved: "https://registry.npmjs.org/through/-/through-2.3.8.tgz",
        integrity: "sha512-through",
      },
      "node_modules/lodash": {
        version: lodash,
        resolved: `https://registry.npmjs.org/lodash/-/lodash-${lodash}.tgz`,
        integrity: `sha512-lodash${lodash}`,
      },
      ...extra,
    },
  });
}

const flatmap = (v: string) => ({
  "node_modules/flatmap-stream": {
    version: v,
    resolved: `https://registry.npmjs.org/flatmap-stream/-/flatmap-stream-${v}.tgz`,
    integrity: `sha512-flatmap${v}`,
  },
});

describe("pulled in by a guarded change", () => {
  const base = new Map([
    ["package.json", pkg],
    ["package-lock.json", npmLock("3.3.5", {})],
  ]);
  const head = new Map([
    ["package.json", pkg],
    ["package-lock.json", npmLock("3.3.6", flatmap("0.1.1"), "4.17.21")],
  ]);

  it("event-stream 3.3.6 installs flatmap-stream 0.1.1 with it; an unrelated bump is not its", () => {
    const changes = findChanges(base, head);
    const es = changes.find((c) => c.name === "event-stream")!;
    assert.deepEqual(pulledIn(es, changes, head), [
      {
        name: "flatmap-stream",
        from: null,
        to: "0.1.1",
        via: ["event-stream"],
        integrity: "sha512-flatmap0.1.1",
      },
    ]);
    const lodash = changes.find((c) => c.name === "lodash")!;
    assert.deepEqual(pulledIn(lodash, changes, head), []);
  });

  it("the approval binds what it pulls in: other bytes there are another change", () => {
    const changes = findChanges(base, head);
    const es = changes.find((c) => c.name === "event-stream")!;
    const withPulls = { ...es, pulls: pulledIn(es, changes, head) };
    const other = { ...es, pulls: [{ ...withPulls.pulls[0]!, integrity: "sha512-other" }] };
    assert.notEqual(changeSetFingerprint([withPulls]), changeSetFingerprint([other]));
    assert.notEqual(changeSetFingerprint([withPulls]), changeSetFingerprint([es]));
    assert.equal(
      changeSetFingerprint([{ ...es, pulls: [] }]),
      changeSetFingerprint([es]),
      "nothing pulled: unchanged",
    );
  });

  it("a pnpm lockfile's snapshot edges say the same", () => {
    const lock = (es: string, fm: boolean) =>
      [
        "lockfileVersion: '9.0'",
        "importers:",
        "  .:",
        "    dependencies:",
        "      event-stream:",
        "        specifier: ^3.3.5",
        `        version: ${es}`,
        "packages:",
        `  event-stream@${es}:`,
        `    resolution: {integrity: sha512-es${es}}`,
        ...(fm ? ["  flatmap-stream@0.1.1:", "    resolution: {integrity: sha512-fm}"] : []),
        "snapshots:",
        `  event-stream@${es}:`,
        ...(fm ? ["    dependencies:", "      flatmap-stream: 0.1.1"] : []),
        ...(fm ? ["  flatmap-stream@0.1.1: {}"] : []),
        "",
      ].join("\n");
    const p = JSON.stringify({ name: "app", dependencies: { "event-stream": "^3.3.5" } });
    const b = new Map([
      ["package.json", p],
      ["pnpm-lock.yaml", lock("3.3.5", false)],
    ]);
    const h = new Map([
      ["package.json", p],
      ["pnpm-lock.yaml", lock("3.3.6", true)],
    ]);
    const changes = findChanges(b, h);
    const es = changes.find((c) => c.name === "event-stream")!;
    assert.deepEqual(
      pulledIn(es, changes, h).map((d) => [d.name, d.from, d.to, d.via]),
      [["flatmap-stream", null, "0.1.1", ["event-stream"]]],
    );
  });
});
