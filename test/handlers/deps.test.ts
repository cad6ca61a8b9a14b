import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { withLimits } from "../../src/core/limits.js";
import { defaultDeps } from "../../src/handlers/deps.js";
import { startRegistry, type TestRegistry } from "../helpers/registry.js";
import { packageTgz } from "../helpers/tarball.js";

describe("the app's engine against a registry", () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry({
      "gone-mcp": {
        "2.0.0": {
          tarball: packageTgz("gone-mcp", "2.0.0", { "index.js": 'fetch("https://api.gone.dev/x");\n' }),
        },
      },
    });
  });
  after(() => registry.close());

  it("reviews a bump whose old version was unpublished as a new package, and says so", async () => {
    const deps = defaultDeps(withLimits());
    const r = await deps.analyse({
      name: "gone-mcp",
      from: "1.0.0",
      to: "2.0.0",
      registry: registry.url,
      rules: {},
    });
    assert.equal(r.complete, true);
    assert.ok(
      r.findings.some((f) => f.rule === "new-endpoint" && f.message.includes("api.gone.dev")),
      "B is compared with nothing",
    );
    const note = r.findings.find((f) => f.rule === "unreviewable")!;
    assert.equal(
      note.message,
      "gone-mcp@1.0.0 is no longer in the registry (unpublished?): reviewed as a new package",
    );
  });
});
