"use strict";
const fs = require("fs");
const pdf = require("pdf-parse");
const cache = require("./cache");

async function extract(file) {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new Error(`${file} is not a file`);
  if (stat.size > 200 * 1024 * 1024) throw new Error(`${file} is larger than 200 MB`);
  const hit = cache.get(file, stat);
  if (hit) return hit;
  const pages = [];
  const data = await pdf(fs.readFileSync(file), {
    pagerender: async (page) => {
      const tc = await page.getTextContent();
      let last;
      let text = "";
      for (const item of tc.items) {
        text += (last !== undefined && last !== item.transform[5] ? "\n" : "") + item.str;
        last = item.transform[5];
      }
      pages.push(text);
      return text;
    },
  });
  const value = { info: data.info || {}, numpages: data.numpages, pages };
  cache.put(file, stat, value);
  return value;
}

function parseRange(range, max) {
  if (!range) return [1, max];
  const m = /^(\d+)(?:-(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`bad page range "${range}"`);
  const a = Math.max(1, Number(m[1]));
  const b = Math.min(max, Number(m[2] || m[1]));
  return [a, b];
}

module.exports = { extract, parseRange };
