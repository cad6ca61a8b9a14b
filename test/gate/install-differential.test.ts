/**
 * A sample of the install differential (scripts/differential-install.ts, `npm run differential` runs
 * them all): the first two generated cases of each package manager with the fixed seed (the control,
 * a real manager's own bump, and one mutation), installed for real by npm, pnpm 9, yarn 1, yarn berry
 * and bun against a throwaway registry, scripts off. Whatever lands in node_modules that differs from
 * the base's must be blocked ("unknown") or named by the gate's verdict. Installs the tools first when
 * the tools folder (MCP_GUARD_PM_TOOLS) has none.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  type CaseResult,
  DEFAULT_SEED,
  describeCase,
  type RunSummary,
  runDifferential,
} from "../../scripts/differential-install.js";
import { MANAGER_IDS } from "../helpers/package-managers.js";

const PER_MANAGER = 2;

describe("install differential: the verdict names what the real package managers install", () => {
  let summary: RunSummary;
  const lines: string[] = [];
  const out = join(tmpdir(), "mcp-guard-differential", `test-results-${process.pid}.json`);
  after(() => {
    // Kept when something failed, for a look at the cases (their files are beside it).
    if (summary?.results.every((r) => r.outcome !== "disagreement" && r.outcome !== "error")) {
      rmSync(out, { force: true });
      rmSync(out.replace(/\.json$/, "-cases"), { recursive: true, force: true });
    } else {
      console.log(`${lines.join("\n")}\nresults: ${out}`);
    }
  });
  before(
    async () => {
      summary = await runDifferential({
        seed: DEFAULT_SEED,
        managers: MANAGER_IDS,
        perManager: 60,
        select: (cases) =>
          MANAGER_IDS.flatMap((m) => cases.filter((c) => c.manager === m).slice(0, PER_MANAGER)),
        jobs: 2,
        budgetMs: Number.POSITIVE_INFINITY,
        out,
        keep: false,
        log: (l) => lines.push(l),
      });
    },
    { timeout: 300_000 },
  );

  for (const m of MANAGER_IDS) {
    it(m, () => {
      const results = summary.results.filter((r) => r.manager === m);
      assert.equal(results.length, PER_MANAGER, `${m}: every sampled case ran`);
      const show = (rs: CaseResult[]) => rs.map(describeCase);
      assert.deepEqual(show(results.filter((r) => r.outcome === "error")), [], "no harness or gate error");
      for (const r of results) {
        assert.ok(
          Object.values(r.modes ?? {}).some((x) => x.baseOk),
          `${r.id}: the base project installs`,
        );
      }
      const control = results.filter((r) => r.control);
      assert.ok(control.length > 0, "the sample has a control");
      for (const r of control) {
        assert.ok(
          Object.values(r.modes ?? {}).some((x) => x.ok),
          `${r.id}: the manager installs its own update`,
        );
      }
      assert.deepEqual(show(results.filter((r) => r.outcome === "control-mismatch")), [], "controls agree");
      assert.deepEqual(show(results.filter((r) => r.outcome === "disagreement")), [], "no disagreement");
    });
  }
});
