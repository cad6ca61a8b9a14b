"use strict";

const { rows } = require("./csv");

async function head(file, n, delimiter) {
  const out = [];
  for await (const r of rows(file, { delimiter, limit: n })) out.push(r);
  return out;
}

async function stats(file, delimiter) {
  const cols = {};
  let count = 0;
  for await (const r of rows(file, { delimiter })) {
    count++;
    for (const [k, v] of Object.entries(r)) {
      const c = (cols[k] ||= { nonEmpty: 0, numeric: 0, min: Infinity, max: -Infinity, sum: 0, distinct: new Set() });
      if (v === undefined || v === "") continue;
      c.nonEmpty++;
      if (c.distinct.size < 1000) c.distinct.add(v);
      const x = Number(v);
      if (!Number.isNaN(x)) { c.numeric++; c.sum += x; c.min = Math.min(c.min, x); c.max = Math.max(c.max, x); }
    }
  }
  const summary = {};
  for (const [k, c] of Object.entries(cols)) {
    summary[k] = {
      nonEmpty: c.nonEmpty,
      distinct: c.distinct.size >= 1000 ? "1000+" : c.distinct.size,
      ...(c.numeric === c.nonEmpty && c.numeric > 0 ? { min: c.min, max: c.max, mean: +(c.sum / c.numeric).toFixed(4) } : {}),
    };
  }
  return { rows: count, columns: summary };
}

const OPS = {
  "=": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  ">": (a, b) => Number(a) > Number(b),
  "<": (a, b) => Number(a) < Number(b),
  contains: (a, b) => String(a).toLowerCase().includes(String(b).toLowerCase()),
  startsWith: (a, b) => String(a).startsWith(String(b)),
  ">=": (a, b) => Number(a) >= Number(b),
  "<=": (a, b) => Number(a) <= Number(b),
};

async function filter(file, where, limit, delimiter) {
  const out = [];
  for await (const r of rows(file, { delimiter })) {
    if (where.every((w) => OPS[w.op](r[w.column], w.value))) out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

module.exports = { head, stats, filter, OPS };
