"use strict";

// factors relative to the base unit of each dimension
const DIMENSIONS = {
  length: { base: "m", units: { mm: 0.001, cm: 0.01, m: 1, km: 1000, in: 0.0254, ft: 0.3048, yd: 0.9144, mi: 1609.344, nmi: 1852 } },
  mass: { base: "kg", units: { mg: 1e-6, g: 0.001, kg: 1, t: 1000, oz: 0.028349523125, lb: 0.45359237, st: 6.35029318 } },
  volume: { base: "l", units: { ml: 0.001, l: 1, m3: 1000, tsp: 0.00492892, tbsp: 0.0147868, cup: 0.236588, pt: 0.473176, qt: 0.946353, gal: 3.78541 } },
  data: { base: "B", units: { bit: 0.125, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1048576, GiB: 1073741824, TiB: 1099511627776 } },
  speed: { base: "m/s", units: { "m/s": 1, "km/h": 1 / 3.6, mph: 0.44704, kn: 0.514444 } },
  time: { base: "s", units: { ms: 0.001, s: 1, min: 60, h: 3600, d: 86400, wk: 604800 } },
};

const TEMPERATURE = {
  C: { toK: (v) => v + 273.15, fromK: (k) => k - 273.15 },
  F: { toK: (v) => (v - 32) * (5 / 9) + 273.15, fromK: (k) => (k - 273.15) * (9 / 5) + 32 },
  K: { toK: (v) => v, fromK: (k) => k },
};

function findDimension(unit) {
  for (const [name, d] of Object.entries(DIMENSIONS)) if (unit in d.units) return name;
  return null;
}

function convert(value, from, to) {
  if (from in TEMPERATURE && to in TEMPERATURE) return TEMPERATURE[to].fromK(TEMPERATURE[from].toK(value));
  const df = findDimension(from);
  const dt = findDimension(to);
  if (!df || !dt) throw new Error(`Unknown unit: ${!df ? from : to}`);
  if (df !== dt) throw new Error(`Cannot convert ${df} to ${dt}`);
  const d = DIMENSIONS[df];
  return (value * d.units[from]) / d.units[to];
}

function listUnits() {
  const out = Object.entries(DIMENSIONS).map(([n, d]) => `${n}: ${Object.keys(d.units).join(", ")}`);
  out.push(`temperature: ${Object.keys(TEMPERATURE).join(", ")}`);
  return out.join("\n");
}

module.exports = { convert, listUnits, DIMENSIONS };
