"use strict";

const fs = require("node:fs");
const readline = require("node:readline");
const { loadNative } = require("./native");

function splitLine(line, delim) {
  const out = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === delim) { out.push(cur); cur = ""; }
    else cur += c;
  }
  out.push(cur);
  return out;
}

async function* rows(file, { delimiter = ",", limit = Infinity } = {}) {
  const native = await loadNative();
  const split = native && native.splitLine ? (l, d) => native.splitLine(l, d) : splitLine;
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let header = null;
  let n = 0;
  for await (const line of rl) {
    if (!line) continue;
    const cells = split(line, delimiter);
    if (!header) { header = cells; continue; }
    yield Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    if (++n >= limit) { rl.close(); break; }
  }
}

module.exports = { splitLine, rows };
