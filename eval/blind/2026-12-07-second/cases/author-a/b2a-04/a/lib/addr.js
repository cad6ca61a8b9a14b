"use strict";

const SIMPLE_EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function normalizeList(value) {
  if (!value) return [];
  const items = Array.isArray(value) ? value : String(value).split(",");
  return items.map((s) => String(s).trim()).filter(Boolean);
}

function extractAddress(entry) {
  const m = /<([^>]+)>/.exec(entry);
  return (m ? m[1] : entry).trim();
}

function validateList(list, field) {
  for (const entry of list) {
    if (!SIMPLE_EMAIL.test(extractAddress(entry))) {
      throw new Error(`Invalid address in ${field}: ${entry}`);
    }
  }
  return list;
}

module.exports = { normalizeList, extractAddress, validateList };
