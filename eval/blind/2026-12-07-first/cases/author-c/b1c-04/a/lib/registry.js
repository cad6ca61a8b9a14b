const REGISTRY = process.env.NPM_META_REGISTRY || "https://registry.npmjs.org";
const DOWNLOADS = "https://api.npmjs.org/downloads";

function encodeName(name) {
  // scoped packages: @scope/name -> @scope%2Fname
  return name.startsWith("@") ? "@" + encodeURIComponent(name.slice(1)) : encodeURIComponent(name);
}

async function getJson(url) {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (res.status === 404) throw new Error(`not found: ${url}`);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return res.json();
}

export async function packument(name) {
  return getJson(`${REGISTRY}/${encodeName(name)}`);
}

export async function downloads(name, period = "last-month") {
  return getJson(`${DOWNLOADS}/point/${period}/${name}`);
}

export async function downloadRange(name, period = "last-month") {
  return getJson(`${DOWNLOADS}/range/${period}/${name}`);
}
