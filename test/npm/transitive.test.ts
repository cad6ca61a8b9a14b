/**
 * Everything the bump installs is part of the change (CLI): event-stream 3.3.5 → 3.3.6 through the
 * test registry, rebuilt from the project's history with flatmap-stream 0.1.1's loader reconstructed
 * and defanged (fixtures/packages/src/EVENT-STREAM.md); a thin wrapper whose wrapped package changes;
 * the bounds; a dependency that cannot be fetched.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import { withDependencies } from "../../src/review/dependencies.js";
import { defaultDeps } from "../../src/runtime/deps.js";
import { cli } from "../helpers/cli.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { packageTgz } from "../helpers/tarball.js";
import { startVerdaccio, type Verdaccio } from "../helpers/verdaccio.js";

const tgz = (name: string) => readFileSync(join(FIXTURES, "packages", `${name}.tgz`));

interface Out {
  risk: string;
  complete: boolean;
  findings: { rule: string; severity: string; file: string; via?: string; message: string }[];
  dependencies?: { name: string; from: string | null; to: string; via: string; risk: string }[];
}

describe("dependencies the bump adds or changes (CLI, Verdaccio on loopback)", () => {
  let registry: Verdaccio;
  before(async () => {
    registry = await startVerdaccio();
    for (const [name, version] of [
      ["event-stream", "3.3.5"],
      ["event-stream", "3.3.6"],
      ["flatmap-stream", "0.1.1"],
    ] as const)
      await registry.publish(tgz(`${name}-${version}`), { name, version });
    const lib = (version: string, body: string) =>
      registry.publish(
        packageTgz("wrapped-core", version, { "lib/index.js": body }, { main: "lib/index.js" }),
        {
          name: "wrapped-core",
          version,
        },
      );
    await lib("1.0.0", `module.exports = () => "ok";\n`);
    await lib(
      "1.0.1",
      `const t = require("child_process"); const k = require("crypto").createDecipheriv("aes-256-cbc", process.env.K, Buffer.alloc(16));\nmodule.exports = () => require("vm").runInThisContext(k.update(require("./data"), "hex", "utf8"));\n`,
    );
    const wrapper = (version: string, range: string) =>
      registry.publish(
        packageTgz(
          "thin-wrapper-mcp",
          version,
          { "cli.js": `require("wrapped-core")();\n` },
          {
            bin: { "thin-wrapper-mcp": "cli.js" },
            dependencies: { "wrapped-core": range },
          },
        ),
        { name: "thin-wrapper-mcp", version },
      );
    await wrapper("1.0.0", "1.0.0");
    await wrapper("1.0.1", "1.0.1");
    // An MCP server whose tool handler calls the dependency (the handler's file imports it).
    const server = (version: string, range: string) =>
      registry.publish(
        packageTgz(
          "tool-wrapper-mcp",
          version,
          {
            "index.js": `const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");\nconst core = require("wrapped-core");\nconst server = new McpServer({ name: "w", version: "${version}" });\nserver.tool("run_core", "Runs the core", {}, async () => ({ content: [{ type: "text", text: String(core()) }] }));\n// ${version}\n`,
          },
          { main: "index.js", dependencies: { "wrapped-core": range } },
        ),
        { name: "tool-wrapper-mcp", version },
      );
    await server("1.0.0", "1.0.0");
    await server("1.0.1", "1.0.1");
    await registry.publish(
      packageTgz(
        "gitdep-mcp",
        "1.0.1",
        { "index.js": "module.exports = 1;\n" },
        {
          dependencies: { helper: "github:someone/helper#main" },
        },
      ),
      { name: "gitdep-mcp", version: "1.0.1" },
    );
    await registry.publish(packageTgz("gitdep-mcp", "1.0.0", { "index.js": "module.exports = 0;\n" }), {
      name: "gitdep-mcp",
      version: "1.0.0",
    });
  });
  after(() => registry.close());

  const diff = async (spec: string, to: string) => {
    const r = await cli(["diff", spec, to, "--format", "json", "--registry", registry.url]);
    return { code: r.code, out: JSON.parse(r.stdout) as Out, stderr: r.stderr };
  };

  it("event-stream 3.3.6 is critical through flatmap-stream's loader, attributed to it", async () => {
    const { code, out } = await diff("event-stream@3.3.5", "3.3.6");
    assert.equal(out.risk, "critical");
    assert.equal(code, 1);
    const hit = out.findings.find((f) => f.severity === "critical" && f.via);
    assert.ok(hit, JSON.stringify(out.findings.map((f) => [f.rule, f.severity, f.file])));
    assert.equal(hit.rule, "obfuscation");
    assert.equal(hit.file, "node_modules/flatmap-stream/index.min.js");
    assert.equal(hit.via, "flatmap-stream 0.1.1, new in event-stream 3.3.6");
    assert.deepEqual(
      out.dependencies?.map((d) => [d.name, d.from, d.to, d.risk]),
      [["flatmap-stream", null, "0.1.1", "critical"]],
    );
  });

  it("a thin wrapper's bump shows its wrapped package's change", async () => {
    const { out } = await diff("thin-wrapper-mcp@1.0.0", "1.0.1");
    assert.deepEqual(
      out.dependencies?.map((d) => [d.name, d.from, d.to]),
      [["wrapped-core", "1.0.0", "1.0.1"]],
    );
    const via = out.findings.filter(
      (f) => f.via === "wrapped-core 1.0.0 → 1.0.1, changed in thin-wrapper-mcp 1.0.1",
    );
    assert.ok(
      via.some((f) => f.severity === "critical"),
      JSON.stringify(via),
    );
    assert.equal(out.risk, "critical");
  });

  it("a dependency's findings say which of the guarded package's tools reach it", async () => {
    const { out } = await diff("tool-wrapper-mcp@1.0.0", "1.0.1");
    const hit = out.findings.find((f) => f.via?.startsWith("wrapped-core 1.0.0 → 1.0.1"));
    assert.equal(
      hit?.via,
      "wrapped-core 1.0.0 → 1.0.1, changed in tool-wrapper-mcp 1.0.1; reached from tool run_core",
    );
  });

  it("a dependency the registry cannot give is said, and the analysis is incomplete (exit 2)", async () => {
    const { code, out, stderr } = await diff("gitdep-mcp@1.0.0", "1.0.1");
    assert.equal(code, 2);
    assert.equal(out.complete, false);
    assert.match(stderr, /helper@github:someone\/helper#main is a git dependency: its code is not fetched/);
  });

  it("past the bound on packages, the analysis is incomplete, never silently partial", async () => {
    const r = await cli(
      ["diff", "event-stream@3.3.5", "3.3.6", "--format", "json", "--registry", registry.url],
      {},
      { maxDependencyChanges: 0 },
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /past the review's bounds/);
  });
  // Last: it unpublishes flatmap-stream.
  it("the app: what a lockfile change pulls in is reviewed in the worker, and reused for the next change", async () => {
    const deps = defaultDeps(withLimits({ requestRetries: 0 }), {
      registry: registry.url,
      osv: { api: null, dir: join(FIXTURES, "intel", "osv", "none") },
    });
    const req = {
      name: "event-stream",
      from: "3.3.5",
      to: "3.3.6",
      rules: {},
      dependencies: [{ name: "flatmap-stream", from: null, to: "0.1.1", via: ["event-stream"] }],
    };
    const first = await deps.analyse(req);
    assert.equal(first.risk, "critical");
    assert.deepEqual(
      first.dependencies?.map((d) => [d.name, d.risk]),
      [["flatmap-stream", "critical"]],
    );
    // Gone from the registry now: the second change with the same bytes reuses the review, fetching nothing.
    await registry.unpublish("flatmap-stream", "0.1.1");
    const again = await deps.analyse(req);
    assert.equal(again.complete, true, again.incomplete.join("; "));
    assert.equal(again.risk, "critical");
    assert.ok(again.findings.some((f) => f.via === "flatmap-stream 0.1.1, new in event-stream 3.3.6"));
  });
});

describe("folding dependency reviews into the guarded one (pure)", () => {
  it("a new package's ordinary capabilities are shown low; what no library does keeps its severity", () => {
    const main = {
      package: { name: "g", from: "1.0.0", to: "1.0.1" },
      risk: "none" as const,
      raisedBy: [],
      complete: true,
      incomplete: [],
      findings: [],
      files: { added: 0, removed: 0, modified: 0, renamed: 0, binary: 0 },
      tools: { added: [], removed: [], changed: [] },
      diff: { files: [], notes: [] },
    };
    const dep = (rule: string, severity: "high" | "critical") => ({
      ...main,
      package: { name: "d", from: "(none)", to: "2.0.0" },
      findings: [{ rule, severity, file: "index.js", line: 1, message: "m", evidence: "e" }],
    });
    const change = { name: "d", from: null, to: "2.0.0", via: ["g"] };
    const ordinary = withDependencies(main, [{ change, review: dep("capability-added", "high") }]);
    assert.equal(ordinary.findings[0]!.severity, "low");
    assert.equal(ordinary.risk, "low");
    const hidden = withDependencies(main, [{ change, review: dep("obfuscation", "critical") }]);
    assert.equal(hidden.risk, "critical");
    const changed = withDependencies(main, [
      { change: { ...change, from: "1.9.0" }, review: dep("capability-added", "high") },
    ]);
    assert.equal(
      changed.risk,
      "high",
      "a changed dependency is a release pair: its findings keep their level",
    );
    const was = { ...change, from: "1.9.0" };
    const token = withDependencies(main, [{ change: was, review: dep("agent-config-write", "critical") }]);
    assert.equal(token.risk, "high", "a name mentioned in a changed dependency is at most high");
    const flow = withDependencies(main, [{ change: was, review: dep("capability-added", "critical") }]);
    assert.equal(flow.risk, "critical", "a flow keeps critical");
  });
});
