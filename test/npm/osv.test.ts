/**
 * Malware intelligence through the real client: a loopback stand-in of the OSV API (`POST
 * /v1/querybatch`, `GET /v1/vulns/<id>`) serving the real records of fixtures/intel, the offline
 * folder, and what happens when the source is down (fail closed unless best-effort).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import { advisorySources, lookupAdvisories, lookupFolder } from "../../src/npm/osv.js";
import { cli } from "../helpers/cli.js";
import { FIXTURES, INTEL } from "../helpers/fixtures.js";

const LIMITS = withLimits({ requestRetries: 0, requestTimeoutMs: 5_000 });
const FOLDER = join(INTEL, "osv", "malicious", "npm");
const POSTMARK = join(FOLDER, "postmark-mcp", "MAL-2025-47604.json");
const PAIR = [
  join(FIXTURES, "packages", "postmark-mcp-1.0.15.tgz"),
  join(FIXTURES, "packages", "postmark-mcp-1.0.16.tgz"),
];

/** The OSV API as its documentation describes it, answering from real records; counts its requests. */
function standIn(): Promise<{ url: string; server: Server; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      asked.push(`${req.method} ${req.url}`);
      if (req.method === "POST" && req.url === "/v1/querybatch") {
        const { queries } = JSON.parse(body) as { queries: { package: { name: string }; version: string }[] };
        const results = queries.map((q) =>
          q.package.name === "postmark-mcp" && q.version === "1.0.16"
            ? { vulns: [{ id: "MAL-2025-47604", modified: "2025-10-01T00:00:00Z" }] }
            : {},
        );
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ results }));
      } else if (req.url === "/v1/vulns/MAL-2025-47604") {
        res.writeHead(200, { "content-type": "application/json" }).end(readFileSync(POSTMARK));
      } else res.writeHead(404).end("{}");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, asked }),
    ),
  );
}

describe("OSV lookups", () => {
  let api: Awaited<ReturnType<typeof standIn>>;
  before(async () => {
    api = await standIn();
  });
  after(() => api.server.close());

  it("asks the API in one batch and reads each named record", async () => {
    const got = await lookupAdvisories(
      [
        { name: "postmark-mcp", version: "1.0.16" },
        { name: "postmark-mcp", version: "1.0.15" },
      ],
      { api: api.url, dir: null },
      LIMITS,
    );
    assert.equal(got.problem, undefined);
    assert.deepEqual(
      got.matches.get("postmark-mcp@1.0.16")?.map((m) => [m.id, m.malicious]),
      [["MAL-2025-47604", true]],
    );
    assert.equal(got.matches.get("postmark-mcp@1.0.15"), undefined);
    assert.ok(
      api.asked.includes("POST /v1/querybatch") && api.asked.includes("GET /v1/vulns/MAL-2025-47604"),
    );
  });

  it("reads a folder laid out as ossf/malicious-packages, scoped names included", async () => {
    const got = await lookupFolder(FOLDER, [
      { name: "postmark-mcp", version: "1.0.16" },
      { name: "@ctrl/tinycolor", version: "4.1.1" },
      { name: "left-pad", version: "1.3.0" },
      { name: "../../etc", version: "1.0.0" },
    ]);
    assert.deepEqual([...got.keys()].sort(), ["@ctrl/tinycolor@4.1.1", "postmark-mcp@1.0.16"]);
  });

  it("a record file that cannot be read is a problem, never a skipped file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-guard-osv-"));
    try {
      mkdirSync(join(dir, "postmark-mcp"));
      writeFileSync(join(dir, "postmark-mcp", "MAL-2025-47604.json"), "{ not json");
      const got = await lookupAdvisories(
        [{ name: "postmark-mcp", version: "1.0.16" }],
        { api: null, dir },
        LIMITS,
      );
      assert.match(got.problem ?? "", /MAL-2025-47604\.json does not parse as JSON/);
      writeFileSync(join(dir, "postmark-mcp", "MAL-2025-47604.json"), JSON.stringify({ summary: "no id" }));
      const again = await lookupAdvisories(
        [{ name: "postmark-mcp", version: "1.0.16" }],
        { api: null, dir },
        LIMITS,
      );
      assert.match(again.problem ?? "", /is not an OSV record/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a source that cannot be asked is a problem, never an empty answer", async () => {
    const down = await lookupAdvisories(
      [{ name: "postmark-mcp", version: "1.0.16" }],
      { api: "http://127.0.0.1:9", dir: null },
      LIMITS,
    );
    assert.match(down.problem ?? "", /the OSV API at http:\/\/127\.0\.0\.1:9/);
    const missing = await lookupAdvisories(
      [{ name: "x", version: "1.0.0" }],
      { api: null, dir: join(INTEL, "nope") },
      LIMITS,
    );
    assert.match(missing.problem ?? "", /is not a folder of OSV records/);
  });

  it("reads the sources from the environment: a folder alone is offline, nothing set is the public API", () => {
    assert.deepEqual(advisorySources({}), { api: "https://api.osv.dev", dir: null });
    assert.deepEqual(advisorySources({ MCP_GUARD_OSV_DIR: "/d" }), { api: null, dir: "/d" });
    assert.deepEqual(advisorySources({ MCP_GUARD_OSV_DIR: "/d", MCP_GUARD_OSV_URL: "http://x" }), {
      api: "http://x",
      dir: "/d",
    });
    assert.deepEqual(advisorySources({ MCP_GUARD_OSV_URL: "off" }), { api: null, dir: null });
  });

  it("the CLI: postmark-mcp 1.0.16 is critical known-malicious through the API stand-in and the folder", async () => {
    const envs: Record<string, string>[] = [
      { MCP_GUARD_OSV_URL: api.url, MCP_GUARD_OSV_DIR: "" },
      { MCP_GUARD_OSV_DIR: FOLDER },
    ];
    for (const env of envs) {
      const r = await cli(["diff", ...PAIR, "--format", "json"], env);
      const out = JSON.parse(r.stdout) as { risk: string; findings: { rule: string; message: string }[] };
      const hit = out.findings.find((f) => f.rule === "known-malicious");
      assert.ok(hit, JSON.stringify(env));
      assert.match(hit.message, /MAL-2025-47604 .*https:\/\/osv\.dev\/vulnerability\/MAL-2025-47604/);
      assert.equal(out.risk, "critical");
    }
  });

  it("the CLI: OSV down fails closed (exit 2, said); best-effort notes it and decides by risk", async () => {
    const down = { MCP_GUARD_OSV_URL: "http://127.0.0.1:9", MCP_GUARD_OSV_DIR: "" };
    const r = await cli(["diff", ...PAIR, "--format", "json"], down);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /malware intelligence could not be checked .*advisories: required/);
    const dir = mkdtempSync(join(tmpdir(), "mcp-guard-osv-"));
    try {
      const config = join(dir, "mcp-guard.yml");
      writeFileSync(config, "advisories: best-effort\n");
      const best = await cli(["diff", ...PAIR, "--format", "json", "--config", config], down);
      // Still critical from the code (the Bcc line): the note says what was not checked, and does not block.
      assert.equal(best.code, 1);
      const out = JSON.parse(best.stdout) as {
        complete: boolean;
        findings: { rule: string; file: string }[];
      };
      assert.equal(out.complete, true);
      assert.ok(out.findings.some((f) => f.rule === "unreviewable" && f.file === "(advisories)"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
