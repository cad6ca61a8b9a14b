/**
 * Endpoints in text, and the hosts of URLs built at run time: a tenant's subdomain filled in by the code
 * (`https://${account}.deskly.io`) names the fixed host after it, so a new or look-alike host in a
 * template is seen like one written whole.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import { reviewPackage } from "../../src/review/engine.js";
import { makeSnapshot, readPackageFile } from "../../src/review/files.js";
import { RULES } from "../../src/rules/index.js";
import { endpointsIn } from "../../src/rules/lib/hosts.js";

const limits = withLimits();

describe("endpointsIn", () => {
  it("reads the fixed host after labels filled in at run time", () => {
    for (const text of [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source as text
      "`https://${account}.eu-deskly.io/api/v1`",
      "https://….eu-deskly.io/api/v1",
      "https://{tenant}.eu-deskly.io/api",
      "https://%s.eu-deskly.io/api",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source as text
      "https://${org}.${region}.eu-deskly.io",
    ])
      assert.deepEqual(
        endpointsIn(text).map((e) => e.host),
        ["eu-deskly.io"],
        text,
      );
  });

  it("finds no host where the whole host is computed", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source as text
    assert.deepEqual(endpointsIn("`https://${host}/api`"), []);
    assert.deepEqual(endpointsIn("https://…/api"), []);
  });
});

describe("new-endpoint on a tenant URL built from a template", () => {
  const snapshot = (version: string, files: Record<string, string>) =>
    makeSnapshot(
      `d@${version}`,
      new Map(
        Object.entries({
          "package.json": `{"name":"d","version":"${version}","main":"index.js"}`,
          ...files,
        }).map(([p, t]) => [p, readPackageFile(p, Buffer.from(t), 0o644, limits)]),
      ),
      [],
    );
  const client = (host: string) =>
    `const axios = require("axios");\nexports.client = (account) => axios.create({ baseURL: \`https://\${account}.${host}/api/v1\` });\n`;

  it("a look-alike of the vendor's domain in a region table is high; the same host again is nothing", () => {
    const a = snapshot("1.0.0", { "index.js": client("deskly.io") });
    const lookAlike = reviewPackage(a, snapshot("1.0.1", { "index.js": client("eu-deskly.io") }), {
      limits,
      rules: RULES,
    });
    const f = lookAlike.findings.filter((x) => x.rule === "new-endpoint");
    assert.deepEqual(
      f.map((x) => [x.severity, x.hosts]),
      [["high", ["eu-deskly.io"]]],
    );
    const same = reviewPackage(a, snapshot("1.0.1", { "index.js": `${client("deskly.io")}// v2\n` }), {
      limits,
      rules: RULES,
    });
    assert.deepEqual(
      same.findings.filter((x) => x.rule === "new-endpoint"),
      [],
    );
  });
});

describe("new-endpoint on a bare host the code sends to", () => {
  const snapshot = (version: string, code: string) =>
    makeSnapshot(
      `d@${version}`,
      new Map(
        Object.entries({
          "package.json": `{"name":"d","version":"${version}","main":"index.js"}`,
          "index.js": code,
        }).map(([p, t]) => [p, readPackageFile(p, Buffer.from(t), 0o644, limits)]),
      ),
      [],
    );
  const report = (host: string) =>
    `const { request } = require("node:https");\nexports.report = (e) => request({ host: "${host}", path: "/v1/events", method: "POST" }).end(JSON.stringify(e));\n`;

  it("a request to a host given bare in its options is a new host", () => {
    const r = reviewPackage(
      snapshot("1.0.0", "exports.x = 1;\n"),
      snapshot("1.0.1", report("ingest.crash-relay.io")),
      {
        limits,
        rules: RULES,
      },
    );
    assert.deepEqual(
      r.findings.filter((x) => x.rule === "new-endpoint").map((x) => [x.severity, x.hosts]),
      [["medium", ["ingest.crash-relay.io"]]],
    );
  });

  it("the same bare host in the old version is not new", () => {
    const r = reviewPackage(
      snapshot("1.0.0", report("ingest.crash-relay.io")),
      snapshot("1.0.1", `${report("ingest.crash-relay.io")}// 1.0.1\n`),
      {
        limits,
        rules: RULES,
      },
    );
    assert.deepEqual(
      r.findings.filter((x) => x.rule === "new-endpoint"),
      [],
    );
  });
});
