/**
 * Memory on hostile packages, at the default limits, on the app's own path: each case's two versions
 * are published to a local Verdaccio registry, and a child process runs the app's analysis
 * (`defaultDeps().analyse`: pacote fetch with sha512 check, then review, in a worker thread with the
 * heap budget) and reports the outcome, wall time and its peak RSS (main thread + worker).
 * Recorded in docs/BENCHMARKS.md; not a test.
 *
 *   npx tsx bench/bombs.ts              all cases
 *   npx tsx bench/bombs.ts --only deep  one case
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createGzip, gzipSync } from "node:zlib";
import { Header } from "tar";

const MiB = 1024 * 1024;

function header(path: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  new Header({ path, mode: 0o644, size, type: "File", mtime: new Date(0), uid: 0, gid: 0 }).encode(h, 0);
  return h;
}
const pad = (n: number) => Buffer.alloc((512 - (n % 512)) % 512);
const pj = (v: string) => {
  const body = Buffer.from(JSON.stringify({ name: "bomb-mcp", version: v }));
  return [header("package/package.json", body.length), body, pad(body.length)];
};

/** A .tgz of small files, built in memory. */
function tgz(v: string, files: [string, string | Buffer][]): Buffer {
  const blocks: Buffer[] = pj(v);
  for (const [path, content] of files) {
    const body = Buffer.from(content);
    blocks.push(header(path, body.length), body, pad(body.length));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A .tgz holding one file of `bytes` zeros, streamed so the builder never holds it. */
async function zeroBomb(file: string, bytes: number): Promise<void> {
  const gz = createGzip({ level: 9 });
  const out = createWriteStream(file);
  gz.pipe(out);
  for (const b of [...pj("1.0.1"), header("package/index.js", bytes)]) gz.write(b);
  const chunk = Buffer.alloc(MiB);
  for (let left = bytes; left > 0; left -= MiB) {
    if (!gz.write(left >= MiB ? chunk : chunk.subarray(0, left))) await once(gz, "drain");
  }
  gz.end(Buffer.concat([pad(bytes), Buffer.alloc(1024)]));
  await once(out, "close");
}

const minified = (seed: string, bytes: number) => {
  const parts: string[] = [];
  for (let i = 0, n = 0; n < bytes; i++) {
    const s = `function f${i}(a){return a+${i}+"${seed}"};`;
    parts.push(s);
    n += s.length;
  }
  return parts.join("");
};

const CASES: Record<string, { what: string; build(dir: string): Promise<void> | void }> = {
  "gzip-bomb": {
    what: "1 GiB of zeros in one file (1 MB compressed)",
    build: (dir) => zeroBomb(join(dir, "b.tgz"), 1024 * MiB),
  },
  entries: {
    what: "25,000 tiny files (cap 20,000)",
    build(dir) {
      writeFileSync(
        join(dir, "b.tgz"),
        tgz(
          "1.0.1",
          Array.from({ length: 25_000 }, (_, i) => [`package/f/${i}.js`, `export const x${i} = ${i};\n`]),
        ),
      );
    },
  },
  deep: {
    what: "5,000 files 70 folders deep (cap 64)",
    build(dir) {
      const deep = `package/${"d/".repeat(70)}`;
      writeFileSync(
        join(dir, "b.tgz"),
        tgz(
          "1.0.1",
          Array.from({ length: 5_000 }, (_, i) => [`${deep}${i}.js`, `${i}\n`]),
        ),
      );
    },
  },
  "single-line": {
    what: "a 5 MB single-line bundle, one function changed",
    build(dir) {
      const line = minified("a", 5_000_000);
      writeFileSync(join(dir, "a.tgz"), tgz("1.0.0", [["package/index.js", line]]));
      writeFileSync(
        join(dir, "b.tgz"),
        tgz("1.0.1", [
          [
            "package/index.js",
            line.replace("function f777(a){", "function f777(a){fetch('https://x.example');"),
          ],
        ]),
      );
    },
  },
  "text-cap": {
    what: "a 15 MiB bundle (text cap 16 MiB) rewritten entirely",
    build(dir) {
      writeFileSync(join(dir, "a.tgz"), tgz("1.0.0", [["package/index.js", minified("a", 15 * MiB)]]));
      writeFileSync(join(dir, "b.tgz"), tgz("1.0.1", [["package/index.js", minified("b", 15 * MiB)]]));
    },
  },
  "wide-package": {
    what: "200 files of 1 MiB each, all rewritten",
    build(dir) {
      const files = (seed: string) =>
        Array.from(
          { length: 200 },
          (_, i) => [`package/lib/${i}.js`, minified(`${seed}${i}`, MiB)] as [string, string],
        );
      writeFileSync(join(dir, "a.tgz"), tgz("1.0.0", files("a")));
      writeFileSync(join(dir, "b.tgz"), tgz("1.0.1", files("b")));
    },
  },
};

/** Child: the app's analysis of bomb-mcp 1.0.0 → 1.0.1 from the registry, then the numbers. */
async function measure(registry: string): Promise<void> {
  const { withLimits } = await import("../src/common/limits.js");
  const { defaultDeps } = await import("../src/runtime/deps.js");
  const cache = mkdtempSync(join(tmpdir(), "mcp-guard-bench-cache-"));
  const deps = defaultDeps(withLimits(), { registry, cache });
  const t0 = performance.now();
  let outcome: string;
  try {
    const r = await deps.analyse({ name: "bomb-mcp", from: "1.0.0", to: "1.0.1", rules: {} });
    outcome = `reviewed: risk ${r.risk}, ${r.complete ? "complete" : `incomplete (${r.incomplete.length} reasons)`}`;
  } catch (e) {
    const err = e as { code?: string; message: string };
    outcome = `${err.code ?? "error"}: ${err.message.slice(0, 90)}`;
  }
  rmSync(cache, { recursive: true, force: true });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    JSON.stringify({
      outcome,
      seconds: Number(seconds.toFixed(2)),
      peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

const { values } = parseArgs({ options: { only: { type: "string" }, measure: { type: "string" } } });
if (values.measure) {
  await measure(values.measure);
} else {
  console.log("| case | input | outcome | time | peak RSS |\n|---|---|---|---|---|");
  const { startVerdaccio } = await import("../test/helpers/verdaccio.js");
  for (const [name, c] of Object.entries(CASES)) {
    if (values.only && values.only !== name) continue;
    const dir = mkdtempSync(join(tmpdir(), "mcp-guard-bomb-"));
    // A registry per case: nothing cached from the one before.
    const registry = await startVerdaccio();
    try {
      await c.build(dir);
      for (const [file, version] of [
        ["a.tgz", "1.0.0"],
        ["b.tgz", "1.0.1"],
      ] as const) {
        const data = existsSync(join(dir, file))
          ? readFileSync(join(dir, file))
          : gzipSync(Buffer.concat([...pj(version), Buffer.alloc(1024)]));
        await registry.publish(data, { name: "bomb-mcp", version });
      }
      // The child runs alone: the registry answers from this process.
      const child = spawn(process.execPath, [
        ...process.execArgv,
        import.meta.filename,
        "--measure",
        registry.url,
      ]);
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      await once(child, "close");
      const m = JSON.parse(out || "{}");
      console.log(
        `| ${name} | ${c.what} | ${m.outcome ?? err.slice(0, 200)} | ${m.seconds} s | ${m.peakMB} MB |`,
      );
    } finally {
      await registry.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
