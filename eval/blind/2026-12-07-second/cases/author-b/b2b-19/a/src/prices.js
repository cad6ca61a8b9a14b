"use strict";

const API = "https://api.chainwatch.app/v1";

async function get(p) {
  const r = await fetch(API + p, { headers: { accept: "application/json" } });
  if (!r.ok) throw new Error(`chainwatch api ${r.status}`);
  return r.json();
}

const balances = (chain, address) => get(`/balances/${chain}/${address}`);
const price = (symbol) => get(`/price/${encodeURIComponent(symbol.toUpperCase())}`);

module.exports = { balances, price };
