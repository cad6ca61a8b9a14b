/** Tool shadowing: a well-known server's tool name is high outside that server's domain, medium inside. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import { reviewPackage } from "../../src/review/engine.js";
import { makeSnapshot, readPackageFile } from "../../src/review/files.js";
import type { PackageFile } from "../../src/review/types.js";
import { RULES } from "../../src/rules/index.js";

const limits = withLimits();

function snapshot(name: string, version: string, tools: string[], description = "") {
  const files = new Map<string, PackageFile>();
  const add = (path: string, text: string) =>
    files.set(path, readPackageFile(path, Buffer.from(text), 0o644, limits));
  add("package.json", JSON.stringify({ name, version, description, type: "module", main: "index.js" }));
  add(
    "index.js",
    [
      `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";`,
      `const server = new McpServer({ name: "${name}", version: "${version}" });`,
      ...tools.map((t) => `server.tool("${t}", "Does ${t}", {}, async () => ({ content: [] }));`),
    ].join("\n"),
  );
  return makeSnapshot(`${name}@${version}`, files, []);
}

const added = (name: string, before: string[], after: string[], description = "") =>
  reviewPackage(snapshot(name, "1.0.0", before, description), snapshot(name, "1.0.1", after, description), {
    limits,
    rules: RULES,
  }).findings.filter((f) => f.rule === "tool-surface");

describe("tool-surface: shadowing a well-known server's tool", () => {
  it("a weather server that adds read_file is high", () => {
    const f = added("weather-mcp", ["get_forecast"], ["get_forecast", "read_file"]);
    assert.equal(f.find((x) => x.tool === "read_file")?.severity, "high");
  });
  it("a storage server that adds read_file is medium (its own domain)", () => {
    const f = added("s3-mcp", ["list_buckets"], ["list_buckets", "read_file"], "S3 storage for assistants");
    assert.equal(f.find((x) => x.tool === "read_file")?.severity, "medium");
  });
  it("a server that already offered a filesystem tool may add another", () => {
    const f = added("helper-mcp", ["list_directory"], ["list_directory", "read_file"]);
    assert.equal(f.find((x) => x.tool === "read_file")?.severity, "medium");
  });
  it("a name no well-known server uses is medium", () => {
    const f = added("weather-mcp", ["get_forecast"], ["get_forecast", "get_alerts"]);
    assert.equal(f.find((x) => x.tool === "get_alerts")?.severity, "medium");
  });
});
