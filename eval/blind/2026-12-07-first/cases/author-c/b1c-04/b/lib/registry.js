import { cached } from "./cache.js";

const REGISTRY = process.env.NPM_META_REGISTRY || "https://registry.npmjs.org";
const DOWNLOADS = "https://api.npmjs.org/downloads";

function encodeName(name) {
  // scoped packages: @scope/name -> @scope%2Fname
  return name.startsWith("@") ? "@" + encodeURIComponent(name.slice(1)) : encodeURIComponent(name);
}

async function getJson(url) {
  const res = await fetch(url, { headers: { accept: "application/json", "user-agent": "npm-meta-mcp/0.10.0" } });
  if (res.status === 404) throw new Error(`not found: ${url}`);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return res.json();
}

/** Keep only the fields lib/format.js reads; full packuments can be tens of MB. */
function trim(doc) {
  const versions = {};
  for (const [v, meta] of Object.entries(doc.versions ?? {})) {
    versions[v] = {
      license: meta.license,
      homepage: meta.homepage,
      repository: meta.repository,
      dependencies: meta.dependencies,
      deprecated: meta.deprecated,
    };
  }
  return {
    name: doc.name,
    description: doc.description,
    license: doc.license,
    homepage: doc.homepage,
    maintainers: doc.maintainers,
    "dist-tags": doc["dist-tags"],
    time: doc.time,
    versions,
  };
}

export async function packument(name) {
  return cached(`packument:${REGISTRY}:${name}`, async () => trim(await getJson(`${REGISTRY}/${encodeName(name)}`)));
}

export async function downloads(name, period = "last-month") {
  return cached(`downloads:${period}:${name}`, () => getJson(`${DOWNLOADS}/point/${period}/${name}`));
}

export async function downloadRange(name, period = "last-month") {
  return cached(`range:${period}:${name}`, () => getJson(`${DOWNLOADS}/range/${period}/${name}`));
}
