"use strict";

const REGISTRY = (process.env.NPM_REGISTRY || "https://registry.npmjs.org").replace(/\/$/, "");
const DOWNLOADS = "https://api.npmjs.org/downloads";

async function getJson(url) {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (res.status === 404) throw new Error("Package not found");
  if (!res.ok) throw new Error(`Registry error ${res.status}`);
  return res.json();
}

function encodeName(name) {
  return name.startsWith("@") ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

async function packument(name) {
  return getJson(`${REGISTRY}/${encodeName(name)}`);
}

async function manifest(name, version = "latest") {
  return getJson(`${REGISTRY}/${encodeName(name)}/${encodeURIComponent(version)}`);
}

async function downloads(name, period = "last-week") {
  return getJson(`${DOWNLOADS}/point/${period}/${name}`);
}

async function search(text, size = 10) {
  return getJson(`${REGISTRY}/-/v1/search?text=${encodeURIComponent(text)}&size=${size}`);
}

module.exports = { packument, manifest, downloads, search };
