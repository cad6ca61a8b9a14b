import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cli, OFFLINE } from "../helpers/cli.js";
import { FIXTURES, RULE_FIXTURES } from "../helpers/fixtures.js";
import { makeTgz, packageTgz } from "../helpers/tarball.js";
import { type Fault, startFaultProxy, startVerdaccio, type Verdaccio } from "../helpers/verdaccio.js";

const pkgs = join(FIXTURES, "packages");
const tgz = (name: string) => join(pkgs, `${name}.tgz`);
const POSTMARK = [tgz("postmark-mcp-1.0.15"), tgz("postmark-mcp-1.0.16")];

describe("mcp-guard diff on the postmark-style fixture", () => {
  it("reports hidden-recipient, risk critical, at the added line, exit 1", async () => {
    const r = await cli(["diff", ...POSTMARK, "--format", "json"]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), [
      "schemaVersion",
      "package",
      "risk",
      "complete",
      "findings",
      "files",
      "tools",
      "publishing",
      "advisories",
    ]);
    assert.equal(out.schemaVersion, 1);
    assert.deepEqual(out.package, { name: "postmark-mcp", from: "1.0.15", to: "1.0.16" });
    assert.equal(out.risk, "critical");
    assert.equal(out.complete, true);
    assert.deepEqual(out.findings[0], {
      rule: "hidden-recipient",
      severity: "critical",
      file: "index.js",
      line: 33,
      message: 'every message or request now gets the fixed Bcc "phan@giftshop.club"',
      evidence: 'Bcc: "phan@giftshop.club",',
      tool: "sendEmail",
    });
    const line33 = readFileSync(join(pkgs, "src", "postmark-mcp", "1.0.16", "index.js"), "utf8").split(
      "\n",
    )[32];
    assert.equal(line33?.trim(), 'Bcc: "phan@giftshop.club",');
    assert.deepEqual(out.files, { added: 0, removed: 0, modified: 2, renamed: 0, binary: 0 });
    assert.deepEqual(out.tools, { added: [], removed: [], changed: [] });
  });

  it("prints the Markdown review with the rule beside the line, defanged", async () => {
    const r = await cli(["diff", ...POSTMARK, "--format", "markdown"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<!-- mcp-guard:review -->/);
    assert.match(r.stdout, /\+ {6}Bcc: "phan@giftshop\.club", {4}⟵ 🔴 critical hidden-recipient/);
    // Outside the diff the host is defanged (Markdown-escaped brackets: it reads giftshop[.]club).
    assert.match(r.stdout, /new e-mail address giftshop\\\[\.\\\]club/);
    // The CLI has no reviewers: the verdict line names the finding and leaves out who approves.
    assert.match(
      r.stdout,
      /\n\*\*🔴 Critical risk:\*\* every message .* at `index\.js:33` in tool `sendEmail` \(\[hidden-recipient\]\([^)]+#hidden-recipient\)\)\.\n/,
    );
  });

  it("exits 0 when the risk is below --fail-on", async () => {
    const benign = join(RULE_FIXTURES, "unreviewable", "benign", "ordinary-change");
    const r = await cli([
      "diff",
      join(benign, "a"),
      join(benign, "b"),
      "--format",
      "json",
      "--fail-on",
      "low",
    ]);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(JSON.parse(r.stdout).risk, "none");
  });

  it("writes SARIF with one result per finding", async () => {
    const r = await cli(["diff", ...POSTMARK, "--format", "sarif"]);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, "2.1.0");
    assert.equal(sarif.runs[0].results[0].ruleId, "hidden-recipient");
    assert.equal(sarif.runs[0].results[0].level, "error");
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 33);
  });
});

describe("mcp-guard diff: bad input ends in a clear error and exit 2", () => {
  const cases: [string, string[], RegExp][] = [
    ["missing version", ["diff", "postmark-mcp", "1.0.16"], /missing version; write postmark-mcp@<version>/],
    ["a git spec", ["diff", "github:someone/thing", "1.0.0"], /git specs are refused/],
    ["a URL spec", ["diff", "https://evil.example/x.tgz", "x@1"], /remote specs are refused|no such file/],
    ["a missing .tgz", ["diff", "nothere.tgz", "x@1"], /nothere\.tgz: no such file/],
    [
      "a bare version after a file",
      ["diff", POSTMARK[0]!, "1.0.16"],
      /bare version; it needs a registry spec/,
    ],
    ["one argument", ["diff", POSTMARK[0]!], /diff needs <old> and <new>/],
    ["an unknown format", ["diff", ...POSTMARK, "--format", "xml"], /--format must be one of/],
    ["an unknown --fail-on", ["diff", ...POSTMARK, "--fail-on", "severe"], /--fail-on must be one of/],
    ["an unknown command", ["scan"], /unknown command "scan"/],
  ];
  for (const [label, args, message] of cases) {
    it(label, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }

  it("a file that does not parse: the review is printed, marked incomplete, exit 2", async () => {
    const dir = join(RULE_FIXTURES, "unreviewable", "flagged", "does-not-parse");
    const r = await cli(["diff", join(dir, "a"), join(dir, "b"), "--format", "json"]);
    assert.equal(r.code, 2);
    const out = JSON.parse(r.stdout);
    assert.equal(out.complete, false);
    assert.match(r.stderr, /analysis incomplete:\n {2}index\.js: does not parse as JavaScript/);
  });

  it("a corrupt tarball", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-guard-"));
    try {
      const bad = join(dir, "bad.tgz");
      writeFileSync(bad, packageTgz("x", "1.0.1").subarray(0, 40));
      const r = await cli(["diff", POSTMARK[0]!, bad]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /bad\.tgz: corrupt or truncated gzip data.*\[E_MCPGUARD_CORRUPT\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a tarball holding a symlink: reported, not followed, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-guard-"));
    try {
      const evil = join(dir, "evil.tgz");
      writeFileSync(
        evil,
        makeTgz([
          { path: "package/package.json", body: JSON.stringify({ name: "postmark-mcp", version: "1.0.17" }) },
          { path: "package/index.js", body: "export default 1;\n" },
          { path: "package/creds", type: "SymbolicLink", linkpath: "/root/.npmrc" },
        ]),
      );
      const r = await cli(["diff", POSTMARK[1]!, evil, "--format", "json"]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /creds: symlink: SymbolicLink entry → \/root\/\.npmrc; not followed/);
      assert.equal(JSON.parse(r.stdout).complete, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a tarball over the size cap", async () => {
    const r = await cli(["diff", ...POSTMARK], {}, { maxTarballBytes: 100 });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /over the 100-byte limit \[E_MCPGUARD_LIMIT\]/);
  });

  it("an invalid config lists every problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-guard-"));
    try {
      const file = join(dir, "mcp-guard.yml");
      writeFileSync(file, "rules:\n  no-such-rule: off\n  new-endpoint: { severity: extreme }\n");
      const r = await cli(["diff", ...POSTMARK, "--config", file]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /rules\.no-such-rule: unknown rule/);
      assert.match(r.stderr, /rules\.new-endpoint\.severity: must be one of low, medium, high, critical/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mcp-guard diff: progress", () => {
  it("draws a spinner on a terminal's stderr and clears it", async () => {
    let stderr = "";
    const { runCli } = await import("../../src/cli/run.js");
    const code = await runCli(["diff", ...POSTMARK, "--format", "json"], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s), isTTY: true },
      env: OFFLINE,
    });
    assert.equal(code, 1);
    assert.match(stderr, /⠋ fetching .*postmark-mcp-1\.0\.15\.tgz/);
    assert.match(stderr, /diffing \d+ → \d+ files…/);
    assert.ok(stderr.endsWith("\r\x1b[2K"), "the line is cleared at the end");
  });

  it("stays silent when stderr is not a terminal", async () => {
    const r = await cli(["diff", ...POSTMARK, "--format", "json"]);
    assert.equal(r.stderr, "");
  });
});

describe("mcp-guard diff: config", () => {
  it("turns rules off, changes severities and allows domains", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-guard-"));
    try {
      const file = join(dir, "mcp-guard.yml");
      writeFileSync(
        file,
        "rules:\n  hidden-recipient: { severity: high }\n  new-endpoint: { allow_domains: [giftshop.club] }\n",
      );
      const r = await cli(["diff", ...POSTMARK, "--config", file, "--format", "json"]);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(
        out.findings.map((f: { rule: string; severity: string }) => [f.rule, f.severity]),
        [["hidden-recipient", "high"]],
      );
      writeFileSync(file, "rules:\n  hidden-recipient: off\n  new-endpoint: off\n");
      const off = JSON.parse((await cli(["diff", ...POSTMARK, "--config", file, "--format", "json"])).stdout);
      assert.equal(off.risk, "none");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mcp-guard diff against a registry (pacote, Verdaccio on loopback)", () => {
  let registry: Verdaccio;
  const caches: string[] = [];
  before(async () => {
    registry = await startVerdaccio();
    const publish = (name: string, version: string, data = packageTgz(name, version)) =>
      registry.publish(data, { name, version });
    await publish("postmark-mcp", "1.0.15", readFileSync(POSTMARK[0]!));
    await publish("postmark-mcp", "1.0.16", readFileSync(POSTMARK[1]!));
    for (const name of ["tampered-mcp", "huge-mcp", "legacy-mcp", "slow-mcp"]) {
      await publish(name, "1.0.0");
      await publish(name, "1.0.1");
    }
    // A thin wrapper (its bin only starts the server of a dependency) and that dependency.
    await registry.publish(
      packageTgz(
        "wrapped-server-core",
        "2.1.0",
        {
          "lib/tools.js": `exports.tools = [{ schema: { name: "browser_click", description: "Click", inputSchema: {} } }];\n`,
        },
        { main: "lib/tools.js" },
      ),
      { name: "wrapped-server-core", version: "2.1.0" },
    );
    await registry.publish(
      packageTgz(
        "wrapper-mcp",
        "1.0.0",
        { "cli.js": `const { tools } = require("wrapped-server-core/lib/tools");\ntools.start();\n` },
        {
          bin: { "wrapper-mcp": "cli.js" },
          keywords: ["mcp"],
          dependencies: { "wrapped-server-core": "^2.0.0" },
        },
      ),
      { name: "wrapper-mcp", version: "1.0.0" },
    );
    await publish("install-marker", "1.0.0", readFileSync(tgz("install-marker-1.0.0")));
    await publish("install-marker", "1.0.1", readFileSync(tgz("install-marker-1.0.1")));
  });
  after(async () => {
    await registry.close();
    for (const c of caches) rmSync(c, { recursive: true, force: true });
  });
  /** A fresh npm cache per run, so no test sees another's cached tarballs. */
  const env = () => {
    const cache = mkdtempSync(join(tmpdir(), "mcp-guard-cache-"));
    caches.push(cache);
    return { npm_config_cache: cache };
  };
  /** Edits version 1.0.1's dist in the packument the proxy passes on. */
  const dist101 = (name: string, edit: (d: Record<string, unknown>) => void): Fault => ({
    kind: "packument",
    match: name,
    action: {
      rewrite: (body) => {
        const doc = JSON.parse(body.toString());
        edit(doc.versions["1.0.1"].dist);
        return Buffer.from(JSON.stringify(doc));
      },
    },
  });
  async function diffVia(faults: Fault[], args: string[], limits?: Parameters<typeof cli>[2]) {
    const proxy = await startFaultProxy(registry.url, faults);
    try {
      return { ...(await cli([...args, "--registry", proxy.url], env(), limits)), proxy };
    } finally {
      await proxy.close();
    }
  }

  it("fetches name@version and a bare new version, verified, and flags the Bcc", async () => {
    const r = await diffVia([], ["diff", "postmark-mcp@1.0.15", "1.0.16", "--format", "json"]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.risk, "critical");
    assert.equal(out.findings[0].rule, "hidden-recipient");
    assert.ok(r.proxy.requests.some((q) => q.path === "/postmark-mcp/-/postmark-mcp-1.0.16.tgz"));
  });

  it("tools of a thin wrapper are read from the dependency it starts, and said to be partial", async () => {
    const r = await diffVia([], ["tools", "wrapper-mcp@1.0.0"]);
    assert.equal(r.code, 2, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.wraps, { name: "wrapped-server-core", version: "2.1.0" });
    assert.deepEqual(
      out.tools.map((t: { name: string }) => t.name),
      ["browser_click"],
    );
    assert.equal(out.complete, false);
    assert.match(out.incomplete.join("\n"), /defined in the wrapped dependency wrapped-server-core@2\.1\.0/);
  });

  it("an unknown package", async () => {
    const r = await diffVia([], ["diff", "no-such-mcp@1.0.0", "1.0.1"]);
    assert.equal(r.code, 2);
    // Both versions are fetched at once; either 404 may be reported first.
    assert.match(
      r.stderr,
      /no-such-mcp@1\.0\.[01]: no such package in the registry \[E_MCPGUARD_NOT_FOUND\]/,
    );
  });

  it("an unknown version", async () => {
    const r = await diffVia([], ["diff", "postmark-mcp@1.0.15", "9.9.9"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /postmark-mcp@9\.9\.9: no such version in the registry/);
  });

  it("a tarball that does not match the registry's sha512", async () => {
    const zeros = `sha512-${Buffer.alloc(64).toString("base64")}`;
    const r = await diffVia(
      [dist101("tampered-mcp", (d) => (d.integrity = zeros))],
      ["diff", "tampered-mcp@1.0.0", "1.0.1"],
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /tampered-mcp@1\.0\.1: tarball does not match the registry's integrity \(sha512\)/,
    );
  });

  it("a version the registry says unpacks past the cap is refused before download", async () => {
    const r = await diffVia(
      [dist101("huge-mcp", (d) => (d.unpackedSize = 900 * 1024 * 1024))],
      ["diff", "huge-mcp@1.0.0", "1.0.1"],
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /huge-mcp@1\.0\.1: unpacks to 943718400 bytes, over the 268435456-byte limit \[E_MCPGUARD_LIMIT\]/,
    );
    assert.ok(!r.proxy.requests.some((q) => q.path === "/huge-mcp/-/huge-mcp-1.0.1.tgz"));
  });

  it("a version without sha512 integrity", async () => {
    const r = await diffVia(
      [dist101("legacy-mcp", (d) => delete d.integrity)],
      ["diff", "legacy-mcp@1.0.0", "1.0.1"],
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /legacy-mcp@1\.0\.1: the registry gives no sha512 integrity/);
  });

  it("a registry that stalls past the analysis budget", async () => {
    const r = await diffVia(
      [{ kind: "packument", match: "slow-mcp", action: "stall" }],
      ["diff", "slow-mcp@1.0.0", "1.0.1"],
      {
        analysisTimeoutMs: 300,
        requestRetries: 0,
      },
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /fetching both versions took longer than 0\.3 s; re-run \[E_MCPGUARD_TIMEOUT\]/);
  });

  it("an unreachable registry", async () => {
    const r = await cli(
      ["diff", "postmark-mcp@1.0.15", "1.0.16", "--registry", "http://127.0.0.1:9"],
      env(),
      {
        requestRetries: 0,
      },
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /registry fetch failed .*re-run/);
  });

  it("never runs a package's install, postinstall or prepare scripts (registry, .tgz and folder)", async () => {
    const markers = mkdtempSync(join(tmpdir(), "mcp-guard-markers-"));
    const saved = process.env.MCP_GUARD_MARKER_DIR;
    process.env.MCP_GUARD_MARKER_DIR = markers;
    try {
      const viaRegistry = await cli(
        ["diff", "install-marker@1.0.0", "1.0.1", "--format", "json", "--registry", registry.url],
        env(),
      );
      const viaTgz = await cli([
        "diff",
        tgz("install-marker-1.0.0"),
        tgz("install-marker-1.0.1"),
        "--format",
        "json",
      ]);
      const src = join(pkgs, "src", "install-marker");
      const viaFolder = await cli(["diff", join(src, "1.0.0"), join(src, "1.0.1"), "--format", "json"]);
      for (const r of [viaRegistry, viaTgz, viaFolder]) {
        assert.equal(r.code, 1, r.stderr);
        const hooks = JSON.parse(r.stdout)
          .findings.filter((f: { rule: string }) => f.rule === "install-script")
          .map((f: { message: string }) => f.message.split(" ")[1]);
        assert.deepEqual(hooks.sort(), ["install", "postinstall", "preinstall", "prepare"]);
      }
      assert.deepEqual(readdirSync(markers), []);
    } finally {
      if (saved === undefined) delete process.env.MCP_GUARD_MARKER_DIR;
      else process.env.MCP_GUARD_MARKER_DIR = saved;
      rmSync(markers, { recursive: true, force: true });
    }
  });
});
