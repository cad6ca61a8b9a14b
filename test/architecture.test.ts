/**
 * The layout is the architecture (README "Layout", docs/DECISIONS.md): pure folders never reach a
 * shell, folders import each other without cycles, the engine never imports its rules, and no
 * function grows past a screen. Read from the sources, so a new import or function is checked too.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";
import { ROOT } from "./helpers/fixtures.js";

const SRC = join(ROOT, "src");
const PURE = ["common", "review", "rules", "gate", "plan", "render"];
const SHELLS = ["github", "npm", "app", "runtime", "cli"];
/** Node modules a pure folder may use: none that reach the network, the disk, the clock or processes. */
const PURE_NODE = new Set(["node:crypto", "node:zlib"]);
/** Packages that reach the outside (network, disk, GitHub): shells only. */
const IO_PACKAGES = new Set([
  "fs",
  "net",
  "http",
  "https",
  "child_process",
  "pacote",
  "tar",
  "probot",
  "@octokit/rest",
]);

/** Lines a file of src/review/ may have. */
const REVIEW_FILE_LINES = 600;
/** Files of src/review/ that are tables of knowledge, not code: one row per API, read by the collector. */
const REVIEW_DATA_TABLES = new Set(["review/facts/catalogue.ts"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : [],
  );
}

const files = sources(SRC).map((path) => ({
  path,
  folder: relative(SRC, path).split("/").length > 1 ? relative(SRC, path).split("/")[0]! : "(top)",
  ast: ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true),
}));

/** Every import specifier of a file (static, re-exports and dynamic `import()`). */
function importsOf(ast: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier)
      out.push((n.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = n.arguments;
      if (arg && ts.isStringLiteral(arg)) out.push(arg.text);
    }
    // `import("./x.js").T` in a type position
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal))
      out.push(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(ast);
  return out;
}

/** folder → folders it imports from (relative imports only). */
const edges = new Map<string, Set<string>>();
const fileEdges: { from: string; folder: string; to: string; spec: string }[] = [];
for (const f of files) {
  for (const spec of importsOf(f.ast)) {
    if (!spec.startsWith(".")) {
      fileEdges.push({ from: relative(ROOT, f.path), folder: f.folder, to: spec, spec });
      continue;
    }
    const target = relative(SRC, resolve(dirname(f.path), spec));
    const to = target.includes("/") ? target.split("/")[0]! : "(top)";
    fileEdges.push({ from: relative(ROOT, f.path), folder: f.folder, to, spec });
    if (to !== f.folder) {
      if (!edges.has(f.folder)) edges.set(f.folder, new Set());
      edges.get(f.folder)!.add(to);
    }
  }
}

/** file → files it imports (relative imports, `.js` specifiers read as the `.ts` source), paths under src/. */
const fileGraph = new Map<string, Set<string>>();
for (const f of files) {
  const from = relative(SRC, f.path);
  const targets = new Set<string>();
  for (const spec of importsOf(f.ast))
    if (spec.startsWith("."))
      targets.add(relative(SRC, resolve(dirname(f.path), spec)).replace(/\.js$/, ".ts"));
  fileGraph.set(from, targets);
}

/** The import cycles of a graph, each once (from its first file in sorted order). */
function cyclesOf(graph: Map<string, Set<string>>): string[] {
  const cycles = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const loop = path.slice(at);
        const first = loop.indexOf([...loop].sort()[0]!);
        cycles.add([...loop.slice(first), ...loop.slice(0, first), loop[first]].join(" → "));
      } else if (!done.has(next)) visit(next, [...path, next]);
    }
    done.add(node);
  };
  for (const start of [...graph.keys()].sort()) if (!done.has(start)) visit(start, [start]);
  return [...cycles].sort();
}

describe("architecture", () => {
  it("knows every folder of src/", () => {
    const folders = new Set(files.map((f) => f.folder).filter((f) => f !== "(top)"));
    assert.deepEqual([...folders].sort(), [...PURE, ...SHELLS].sort());
  });

  it("pure folders import no shell folder and no I/O module", () => {
    const bad = fileEdges.filter(
      (e) =>
        PURE.includes(e.folder) &&
        (SHELLS.includes(e.to) ||
          e.to === "(top)" ||
          (e.spec.startsWith("node:") && !PURE_NODE.has(e.spec)) ||
          IO_PACKAGES.has(e.spec)),
    );
    assert.deepEqual(bad, []);
  });

  it("the review engine never imports the rules; rules import only the review contract and common/", () => {
    assert.ok(!edges.get("review")?.has("rules"), "review/ imports rules/");
    assert.deepEqual([...(edges.get("rules") ?? [])].sort(), ["common", "review"]);
    // Of review/, rules see rule.ts alone: it re-exports the fact types and helpers they read.
    const intoReview = [...fileGraph]
      .filter(([from]) => from.startsWith("rules/"))
      .flatMap(([from, to]) => [...to].filter((t) => t.startsWith("review/")).map((t) => `${from} → ${t}`));
    assert.ok(intoReview.length > 0);
    assert.deepEqual(
      intoReview.filter((e) => !e.endsWith(" → review/rule.ts")),
      [],
    );
  });

  it("no import cycle between folders", () => {
    const cycles: string[] = [];
    const walk = (node: string, path: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(" → "));
        else walk(next, [...path, next]);
      }
    };
    for (const start of edges.keys()) walk(start, [start]);
    assert.deepEqual(cycles, []);
  });

  it("no import cycle between files of src/", () => {
    assert.deepEqual(cyclesOf(fileGraph), []);
  });

  it("the file cycle check is real: a loop through three files is found once", () => {
    const graph = new Map([
      ["b.ts", new Set(["c.ts"])],
      ["a.ts", new Set(["b.ts"])],
      ["c.ts", new Set(["a.ts", "d.ts"])],
    ]);
    assert.deepEqual(cyclesOf(graph), ["a.ts → b.ts → c.ts → a.ts"]);
  });

  it("the rule of the test is real: a cycle or a pure → shell import would be caught", () => {
    // The graph above has the edges the sources declare, e.g. app → plan and runtime → app.
    assert.ok(edges.get("app")?.has("plan"));
    assert.ok(edges.get("runtime")?.has("app"));
    assert.ok(!edges.get("app")?.has("runtime"));
  });

  it("no file in src/review/ is longer than 600 lines, data tables aside", () => {
    const long = files
      .filter((f) => f.folder === "review" && !REVIEW_DATA_TABLES.has(relative(SRC, f.path)))
      .map((f) => ({
        path: relative(ROOT, f.path),
        lines: f.ast.getLineAndCharacterOfPosition(f.ast.end).line,
      }))
      .filter((f) => f.lines > REVIEW_FILE_LINES)
      .map((f) => `${f.path} (${f.lines})`);
    assert.deepEqual(long, []);
  });

  it("no function in src/ is longer than 120 lines (80 in src/review/); the pull-request handler at most 70", () => {
    const long: string[] = [];
    let handler = 0;
    for (const f of files) {
      const cap = f.folder === "review" ? 80 : 120;
      const visit = (n: ts.Node) => {
        if (ts.isFunctionLike(n) && "body" in n && n.body) {
          const from = f.ast.getLineAndCharacterOfPosition(n.getStart()).line;
          const to = f.ast.getLineAndCharacterOfPosition(n.end).line;
          const name = n.name?.getText() ?? "(anonymous)";
          if (to - from + 1 > cap)
            long.push(`${relative(ROOT, f.path)}:${from + 1} ${name} (${to - from + 1})`);
          if (name === "handlePullRequest") handler = to - from + 1;
        }
        ts.forEachChild(n, visit);
      };
      visit(f.ast);
    }
    assert.deepEqual(long, []);
    assert.ok(handler > 0 && handler <= 70, `handlePullRequest has ${handler} lines`);
  });
});
