/**
 * The collector against the catalogue, on generated code: every member row of the catalogue, written in
 * every way code names a module's member (named import, renamed import, namespace import, default import,
 * require and member, destructured require, an alias, a bundler's interop wrapper, `.call`, a computed
 * key, an indirect `(0, f)` call), must be found as that row. A fix for one spelling that is not a fix
 * for its class fails here.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CATALOGUE, type Row } from "../../src/review/facts/catalogue.js";
import { analyzeJs } from "../../src/review/facts/collect.js";

type Member = Row & { via: { kind: "member"; module: string; member: string } };
const IDENT = /^[A-Za-z_$][\w$]*$/;
/** Members that cannot be a binding's own name (`import { delete }`): only named through something else. */
const RESERVED = new Set(["delete", "default", "import", "export", "new", "function", "class"]);

/** Member rows whose member is one identifier (the shape code calls), of modules a specifier can name. */
const MEMBERS = CATALOGUE.filter(
  (r): r is Member =>
    r.via.kind === "member" &&
    IDENT.test(r.via.member) &&
    r.via.member !== "default" &&
    // A namespace (`fs.promises`) is not called: its members are rows of their own (`fs/promises`).
    r.via.member !== "promises",
);

/** Ways to call `member` of `module` with one argument. */
const STYLES: Record<string, (module: string, member: string) => { src: string; esm: boolean }> = {
  named: (m, f) => ({ src: `import { ${f} } from "${m}";\n${f}("x");`, esm: true }),
  renamed: (m, f) => ({ src: `import { ${f} as q1 } from "${m}";\nq1("x");`, esm: true }),
  namespace: (m, f) => ({ src: `import * as ns from "${m}";\nns.${f}("x");`, esm: true }),
  defaultImport: (m, f) => ({ src: `import mod from "${m}";\nmod.${f}("x");`, esm: true }),
  nodePrefix: (m, f) => ({ src: `import { ${f} } from "node:${m}";\n${f}("x");`, esm: true }),
  requireMember: (m, f) => ({ src: `const mod = require("${m}");\nmod.${f}("x");`, esm: false }),
  requireDirect: (m, f) => ({ src: `require("${m}").${f}("x");`, esm: false }),
  destructured: (m, f) => ({ src: `const { ${f}: q2 } = require("${m}");\nq2("x");`, esm: false }),
  alias: (m, f) => ({ src: `const mod = require("${m}");\nconst q3 = mod.${f};\nq3("x");`, esm: false }),
  interop: (m, f) => ({
    src: `var import_m = __toESM(require("${m}"));\n(0, import_m.${f})("x");`,
    esm: false,
  }),
  call: (m, f) => ({ src: `const mod = require("${m}");\nmod.${f}.call(mod, "x");`, esm: false }),
  computed: (m, f) => ({
    src: `const mod = require("${m}");\nmod["${f.slice(0, 2)}" + "${f.slice(2)}"]("x");`,
    esm: false,
  }),
  computedSpecifier: (m, f) => ({
    src: `const mod = require(["${m.slice(0, 1)}", "${m.slice(1)}"].join(""));\nmod.${f}("x");`,
    esm: false,
  }),
  bound: (m, f) => ({
    src: `const mod = require("${m}");\nconst q4 = mod.${f}.bind(mod);\nq4("x");`,
    esm: false,
  }),
};
/** `node:` is only a prefix of Node's own modules. */
const isBuiltin = (m: string) =>
  !m.includes("/") || /^(?:fs|dns|stream|timers|util|path|readline|inspector)\//.test(m);

describe("capability collector: every member row, every way of naming it (generated)", () => {
  it("finds the row whatever the spelling", () => {
    const styles = Object.keys(STYLES);
    fc.assert(
      fc.property(fc.constantFrom(...MEMBERS), fc.constantFrom(...styles), (row, style) => {
        const { module, member } = row.via;
        if (module.startsWith("node:")) return true; // node:sqlite is only reachable by its prefixed name
        if (style === "nodePrefix" && !isBuiltin(module)) return true;
        if ((style === "named" || style === "nodePrefix") && RESERVED.has(member)) return true;
        const { src, esm } = STYLES[style]!(module, member);
        const found = analyzeJs(src, esm ? "index.mjs" : "index.cjs").capabilities;
        assert.ok(
          found.some((u) => u.row === row.id),
          `${row.id} written as ${style}:\n${src}\nfound ${JSON.stringify(found.map((u) => u.row))}`,
        );
        return true;
      }),
      {
        numRuns: Number(process.env.CAPABILITY_RUNS ?? 600),
        seed: Number(process.env.CAPABILITY_SEED ?? 20261207),
      },
    );
  });

  it("a local function or parameter named like a member is never a row", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MEMBERS.filter((r) => !RESERVED.has(r.via.member))), (row) => {
        const f = row.via.member;
        const src = `function ${f}(x) { return x; }\n${f}("x");\nfunction g(${f}) { return ${f}("y"); }\n`;
        const found = analyzeJs(src, "index.js").capabilities.filter((u) => !u.row.startsWith("module:"));
        assert.deepEqual(
          found.map((u) => u.row),
          [],
          src,
        );
        return true;
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});
