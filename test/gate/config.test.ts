import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { load } from "js-yaml";
import { schemaJson } from "../../scripts/gen-rules-doc.js";
import { DEFAULT_CONFIG, parseConfig } from "../../src/gate/config.js";
import { ROOT } from "../helpers/fixtures.js";

describe("parseConfig", () => {
  it("gives safe defaults when there is no file: one approval, every MCP change guarded", () => {
    assert.deepEqual(parseConfig(undefined), { config: DEFAULT_CONFIG, problems: [] });
    assert.equal(DEFAULT_CONFIG.requiredApprovals, 1);
    assert.equal(DEFAULT_CONFIG.requireApprovalFrom, "none");
    assert.equal(DEFAULT_CONFIG.fromFile, false);
  });

  it("reads every key of the documented example", () => {
    const doc = load(`
reviewers:
  users: [alice]
  teams: [acme/security]
required_approvals: 2
packages:
  detect_mcp: true
  include: ["*-mcp", "@modelcontextprotocol/*"]
  exclude: [internal-mcp]
  all: false
require_approval_from: medium
rules:
  new-endpoint: { severity: high, allow_domains: [api.postmarkapp.com] }
  tool-surface: off
registry: https://registry.npmjs.org
`);
    const { config, problems } = parseConfig(doc);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      reviewers: { users: ["alice"], teams: ["acme/security"] },
      requiredApprovals: 2,
      packages: {
        detectMcp: true,
        include: ["*-mcp", "@modelcontextprotocol/*"],
        exclude: ["internal-mcp"],
        all: false,
      },
      requireApprovalFrom: "medium",
      allowApprovalOfIncomplete: false,
      rules: {
        "new-endpoint": { severity: "high", options: { allow_domains: ["api.postmarkapp.com"] } },
        "tool-surface": { off: true },
      },
      registry: "https://registry.npmjs.org",
      advisories: "required",
      fromFile: true,
    });
  });

  it("lists every problem with the file and the key", () => {
    const doc = load(`
reviewers:
  teams: [security]
required_approvals: 0
require_approval_from: severe
rules:
  no-such-rule: off
  new-endpoint: { severity: extreme }
gate: off
`);
    const { problems, config } = parseConfig(doc, ".github/mcp-guard.yml");
    assert.deepEqual(problems.sort(), [
      ".github/mcp-guard.yml: gate: unknown key",
      ".github/mcp-guard.yml: require_approval_from: must be one of none, low, medium, high, critical",
      ".github/mcp-guard.yml: required_approvals: must be >= 1",
      '.github/mcp-guard.yml: reviewers.teams.0: "security" is not valid here',
      ".github/mcp-guard.yml: rules.new-endpoint.severity: must be one of low, medium, high, critical",
      ".github/mcp-guard.yml: rules.no-such-rule: unknown rule",
    ]);
    assert.equal(config, DEFAULT_CONFIG, "an invalid file never weakens the gate");
  });

  it("refuses a document that is not a mapping", () => {
    assert.deepEqual(parseConfig(load("- a\n- b\n"), "x.yml").problems, [
      "x.yml: (top level): must be object",
    ]);
  });
});

describe("schema/mcp-guard.schema.json", () => {
  it("is the schema the validator uses (run `npm run docs`)", () => {
    assert.equal(readFileSync(join(ROOT, "schema", "mcp-guard.schema.json"), "utf8"), schemaJson());
  });
});

describe("config text", () => {
  it("a comment-only or empty file means the defaults (configured), not invalid YAML", async () => {
    const { parseConfigText } = await import("../../src/gate/config.js");
    for (const text of ["# mcp-guard: defaults for now\n", ""]) {
      const parsed = parseConfigText(text);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.config.fromFile, true);
      assert.equal(parsed.config.requiredApprovals, 1);
    }
    assert.match(parseConfigText("reviewers: [\n").problems[0] ?? "", /invalid YAML/);
  });
});
