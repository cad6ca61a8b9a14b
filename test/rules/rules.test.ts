import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RULES } from "../../src/rules/index.js";
import { dirs, ROOT, RULE_FIXTURES, readJson, reviewCase } from "../helpers/fixtures.js";

describe("rule registry", () => {
  it("lists exactly the rule files in src/rules", () => {
    const files = readdirSync(join(ROOT, "src", "rules"))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    assert.deepEqual(RULES.map((r) => r.id).sort(), files);
  });

  it("has complete metadata for every rule", () => {
    for (const r of RULES) {
      assert.ok(r.title.length > 5, `${r.id} title`);
      assert.ok(r.description.length > 40, `${r.id} description`);
      assert.ok(r.incident.length > 20, `${r.id} incident`);
      assert.ok(["low", "medium", "high", "critical"].includes(r.defaultSeverity), `${r.id} severity`);
    }
  });

  it("has flagged and benign fixtures for every rule, and no fixtures for unknown rules", () => {
    assert.deepEqual(dirs(RULE_FIXTURES), RULES.map((r) => r.id).sort());
    for (const r of RULES) {
      assert.ok(dirs(join(RULE_FIXTURES, r.id, "flagged")).length > 0, `${r.id} needs a flagged case`);
      assert.ok(dirs(join(RULE_FIXTURES, r.id, "benign")).length > 0, `${r.id} needs a benign case`);
    }
  });
});

interface Expect {
  severity: string;
  file: string;
  line: number | null;
}

for (const rule of RULES) {
  describe(`rule ${rule.id}`, () => {
    for (const name of dirs(join(RULE_FIXTURES, rule.id, "flagged"))) {
      it(`flags ${name}`, async () => {
        const dir = join(RULE_FIXTURES, rule.id, "flagged", name);
        const result = await reviewCase(dir);
        const hits = result.findings.filter((f) => f.rule === rule.id);
        assert.ok(hits.length > 0, `expected a ${rule.id} finding, got ${JSON.stringify(result.findings)}`);
        const expectPath = join(dir, "expect.json");
        // Every flagged case pins the finding it expects: severity, file and line.
        assert.ok(existsSync(expectPath), `${dir}: expect.json is required`);
        const e = readJson<Expect>(expectPath);
        const first = hits[0]!;
        assert.deepEqual({ severity: first.severity, file: first.file, line: first.line }, e);
      });
    }
    for (const name of dirs(join(RULE_FIXTURES, rule.id, "benign"))) {
      it(`does not flag ${name}`, async () => {
        const result = await reviewCase(join(RULE_FIXTURES, rule.id, "benign", name));
        // A benign case must change something besides the version, or it proves nothing.
        const changesBesidesVersion = result.diff.files.some(
          (f) =>
            ["binary", "added", "removed"].includes(f.status) ||
            f.hunks.some((h) => h.lines.some((l) => l.op !== " " && !/^\s*"version":/.test(l.text))),
        );
        assert.ok(changesBesidesVersion, `${name} changes nothing besides the version`);
        assert.deepEqual(
          result.findings.filter((f) => f.rule === rule.id),
          [],
        );
      });
    }
  });
}

describe("docs/RULES.md", () => {
  it("is generated from the current rule metadata (run `npm run docs`)", async () => {
    const { rulesMarkdown } = await import("../../scripts/gen-rules-doc.js");
    const { readFileSync } = await import("node:fs");
    assert.equal(readFileSync(join(ROOT, "docs", "RULES.md"), "utf8"), rulesMarkdown());
  });
});
