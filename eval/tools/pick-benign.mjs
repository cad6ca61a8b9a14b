#!/usr/bin/env node
// Picks the benign evaluation corpus: consecutive stable release pairs of real MCP server packages.
//
// Reads registry metadata only (packuments, plus a ranged GET of the last 4 bytes of each candidate
// dist.tarball, to learn that it exists and its uncompressed size). It never downloads a whole tarball,
// extracts, installs or runs package code. Plain Node >= 20, no dependencies.
//
//   node eval/tools/pick-benign.mjs            # writes eval/benign.json and eval/benign.details.json
//   node eval/tools/pick-benign.mjs --no-probe # skip the tarball existence/size probes
//   node eval/tools/pick-benign.mjs --allow-gaps  # also take pairs adjacent only among versions held here
//   node eval/tools/pick-benign.mjs --dry-run  # print the summary, write nothing
//   node eval/tools/pick-benign.mjs --keep     # keep the pairs already listed; pick only new packages
//
// Env: NPM_REGISTRY (default https://registry.npmjs.org), MAX_PAIRS (default 8), MIN_PAIRS (default 3).

import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const REGISTRY = (process.env.NPM_REGISTRY ?? "https://registry.npmjs.org").replace(/\/$/, "");
const MAX_PAIRS = Number(process.env.MAX_PAIRS ?? 8);
const MIN_PAIRS = Number(process.env.MIN_PAIRS ?? 3);
const MAX_UNPACKED = 20 * 1024 * 1024;
const args = new Set(process.argv.slice(2));
const PROBE = !args.has("--no-probe");
const DRY = args.has("--dry-run");
// By default a pair must be certainly N-1 -> N: semver-adjacent (patch+1, minor+1.0, major+1.0.0) or
// date-versioned (YYYY.M.D, where adjacency cannot be told from the numbers). --allow-gaps also takes
// pairs whose versions are adjacent only among those this registry holds.
const ALLOW_GAPS = args.has("--allow-gaps");
// --keep: every pair already in benign.details.json stays as it is (re-checked against the registry,
// not re-picked), and only packages with no pairs there are picked afresh. This grows the corpus
// without moving the pairs that earlier results refer to.
const KEEP = args.has("--keep");
const EVAL_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

const kept = new Map(); // name -> pairs already in benign.details.json (only with --keep)
if (KEEP)
  for (const p of JSON.parse(await readFile(join(EVAL_DIR, "benign.details.json"), "utf8"))) {
    if (!kept.has(p.name)) kept.set(p.name, []);
    kept.get(p.name).push(p);
  }

// Candidate MCP servers and the reason each is taken as benign. Order does not matter.
const CANDIDATES = {
  // Reference servers of the MCP project itself.
  "@modelcontextprotocol/server-filesystem": "official MCP reference server",
  "@modelcontextprotocol/server-memory": "official MCP reference server",
  "@modelcontextprotocol/server-everything": "official MCP reference server",
  "@modelcontextprotocol/server-sequential-thinking": "official MCP reference server",
  "@modelcontextprotocol/server-github": "official MCP reference server (archived)",
  "@modelcontextprotocol/server-postgres": "official MCP reference server (archived)",
  "@modelcontextprotocol/server-slack": "official MCP reference server (archived)",
  "@modelcontextprotocol/server-google-maps": "official MCP reference server (archived)",
  "@modelcontextprotocol/server-brave-search": "official MCP reference server (archived)",
  "@modelcontextprotocol/server-puppeteer": "official MCP reference server (archived)",
  // Servers published by the vendor of the product they expose.
  "@playwright/mcp": "official vendor server (Microsoft Playwright)",
  "chrome-devtools-mcp": "official vendor server (Google Chrome DevTools)",
  "@upstash/context7-mcp": "official vendor server (Upstash Context7)",
  "@notionhq/notion-mcp-server": "official vendor server (Notion)",
  "firecrawl-mcp": "official vendor server (Firecrawl)",
  "@supabase/mcp-server-supabase": "official vendor server (Supabase)",
  "exa-mcp-server": "official vendor server (Exa)",
  "@sentry/mcp-server": "official vendor server (Sentry)",
  "tavily-mcp": "official vendor server (Tavily)",
  "@heroku/mcp-server": "official vendor server (Heroku)",
  "@azure/mcp": "official vendor server (Microsoft Azure)",
  "@azure-devops/mcp": "official vendor server (Microsoft Azure DevOps)",
  "@stripe/mcp": "official vendor server (Stripe)",
  "@brave/brave-search-mcp-server": "official vendor server (Brave)",
  "mongodb-mcp-server": "official vendor server (MongoDB)",
  "@circleci/mcp-server-circleci": "official vendor server (CircleCI)",
  "@launchdarkly/mcp-server": "official vendor server (LaunchDarkly)",
  "@mastra/mcp-docs-server": "official vendor server (Mastra docs)",
  "@salesforce/mcp": "official vendor server (Salesforce)",
  "@shopify/dev-mcp": "official vendor server (Shopify)",
  "@hubspot/mcp-server": "official vendor server (HubSpot)",
  "@perplexity-ai/mcp-server": "official vendor server (Perplexity)",
  "@apify/actors-mcp-server": "official vendor server (Apify)",
  "@eslint/mcp": "official vendor server (ESLint)",
  "@pandacss/mcp": "official vendor server (Panda CSS)",
  "next-devtools-mcp": "official vendor server (Vercel Next.js)",
  "expo-mcp": "official vendor server (Expo)",
  "@storybook/addon-mcp": "official vendor server (Storybook)",
  "@google-cloud/cloud-run-mcp": "official vendor server (Google Cloud Run)",
  "@drawio/mcp": "official vendor server (draw.io)",
  "@shortcut/mcp": "official vendor server (Shortcut)",
  "@larksuiteoapi/lark-mcp": "official vendor server (Feishu/Lark)",
  "@currents/mcp": "official vendor server (Currents)",
  "@bytebase/dbhub": "official vendor server (Bytebase)",
  "@microsoft/clarity-mcp-server": "official vendor server (Microsoft Clarity)",
  "@elastic/mcp-server-elasticsearch": "official vendor server (Elastic)",
  "@neondatabase/mcp-server-neon": "official vendor server (Neon)",
  "@mapbox/mcp-server": "official vendor server (Mapbox)",
  "@railway/mcp-server": "official vendor server (Railway)",
  "@dynatrace-oss/dynatrace-mcp-server": "official vendor server (Dynatrace)",
  "@mobilenext/mobile-mcp": "popular community server (mobile automation)",
  "@antv/mcp-server-chart": "official vendor server (AntV)",
  "@sveltejs/mcp": "official vendor server (Svelte)",
  "@brightdata/mcp": "official vendor server (Bright Data)",
  "@google-cloud/gcloud-mcp": "official vendor server (Google Cloud gcloud)",
  "@mondaydotcomorg/monday-api-mcp": "official vendor server (monday.com)",
  "@browserstack/mcp-server": "official vendor server (BrowserStack)",
  "@line/line-bot-mcp-server": "official vendor server (LINE)",
  "argocd-mcp": "official vendor server (Akuity Argo CD)",
  "@mui/mcp": "official vendor server (MUI)",
  "replicate-mcp": "official vendor server (Replicate)",
  "@codacy/codacy-mcp": "official vendor server (Codacy)",
  "@knip/mcp": "official vendor server (Knip)",
  "@remotion/mcp": "official vendor server (Remotion)",
  // Widely used community servers.
  "mcp-remote": "popular community server (remote proxy)",
  "figma-developer-mcp": "popular community server (Figma)",
  "@wonderwhy-er/desktop-commander": "popular community server (terminal/files)",
  "mcp-server-kubernetes": "popular community server (Kubernetes)",
  "@zereight/mcp-gitlab": "popular community server (GitLab)",
  "@gongrzhe/server-gmail-autoauth-mcp": "popular community server (Gmail)",
  "@cocal/google-calendar-mcp": "popular community server (Google Calendar)",
  "@winor30/mcp-server-datadog": "popular community server (Datadog)",
  "@benborla29/mcp-server-mysql": "popular community server (MySQL)",
  "@executeautomation/playwright-mcp-server": "popular community server (Playwright)",
  "n8n-mcp": "popular community server (n8n)",
  "@cyanheads/git-mcp-server": "popular community server (git)",
  cclsp: "popular community server (LSP)",
  "@aashari/mcp-server-atlassian-jira": "popular community server (Jira)",
  "slack-mcp-server": "popular community server (Slack)",
  xcodebuildmcp: "popular community server (Xcode)",
  "@agentdeskai/browser-tools-mcp": "popular community server (browser tools)",
  "airtable-mcp-server": "popular community server (Airtable)",
  "@softeria/ms-365-mcp-server": "popular community server (Microsoft 365)",
  "octocode-mcp": "popular community server (GitHub code search)",
  "mcp-mermaid": "popular community server (Mermaid diagrams)",

  // Added 2026-12-07: every MCP server with at least 10,000 downloads a month in a package list
  // with download counts that was not a candidate above. Left out by the same rule: SDKs, frameworks, clients,
  // inspectors, installers, adapters and middleware, plugins of other tools, platform-binary packages,
  // test fixtures, packages with only prerelease versions, and the excluded names below.
  "@storybook/mcp": "official vendor server (Storybook component knowledge)",
  "mcp-proxy": "popular community server (stdio-to-SSE proxy)",
  "@modelcontextprotocol/server-gitlab": "official MCP reference server (archived)",
  "@modelcontextprotocol/server-gdrive": "official MCP reference server (archived)",
  "@testsprite/testsprite-mcp": "official vendor server (TestSprite)",
  "@microsoft/workiq": "official vendor server (Microsoft 365 Copilot)",
  "@react-grab/mcp": "official vendor server (react-grab)",
  "@mizchi/lsmcp": "popular community server (LSP)",
  "@z_ai/mcp-server": "official vendor server (Z.AI)",
  "mcp-server-code-runner": "popular community server (code runner)",
  "@morphllm/morphmcp": "official vendor server (Morph)",
  "@browsermcp/mcp": "popular community server (Browser MCP)",
  "@kimuson/modular-mcp": "popular community server (tool aggregation)",
  "backlog-mcp-server": "official vendor server (Nulab Backlog)",
  "@ivotoby/openapi-mcp-server": "popular community server (OpenAPI)",
  "@instantdb/mcp": "official vendor server (InstantDB)",
  "@a-bonus/google-docs-mcp": "popular community server (Google Docs)",
  "@piotr-agier/google-drive-mcp": "popular community server (Google Drive)",
  "agentation-mcp": "official vendor server (Agentation)",
  "playwright-mcp": "popular community server (Playwright)",
  "@google-cloud/observability-mcp": "official vendor server (Google Cloud Observability)",
  "@amap/amap-maps-mcp-server": "official vendor server (AMap)",
  "@openbnb/mcp-server-airbnb": "popular community server (Airbnb)",
  "@atlassian-dc-mcp/jira": "popular community server (Jira Data Center)",
  "@atlassian-dc-mcp/confluence": "popular community server (Confluence Data Center)",
  "@atlassian-dc-mcp/bitbucket": "popular community server (Bitbucket Data Center)",
  "kubernetes-mcp-server": "popular community server (Kubernetes/OpenShift)",
  "@forestadmin/mcp-server": "official vendor server (Forest Admin)",
  "@pinecone-database/mcp": "official vendor server (Pinecone)",
  "@cloudflare/playwright-mcp": "official vendor server (Cloudflare Playwright)",
  "@openai/codex-shell-tool-mcp": "official vendor server (OpenAI Codex shell tool)",
  "@roychri/mcp-server-asana": "popular community server (Asana)",
  "fetcher-mcp": "popular community server (web fetching)",
  "@netlify/mcp": "official vendor server (Netlify)",
  "figma-console-mcp": "popular community server (Figma console)",
  "@cloudbase/cloudbase-mcp": "official vendor server (Tencent CloudBase)",
  "mcp-deepwiki": "popular community server (DeepWiki)",
  "ios-simulator-mcp": "popular community server (iOS simulator)",
  "@skanda-yutori/mcp-send-email": "popular community server (email via Resend)",
  "reddit-mcp-buddy": "popular community server (Reddit)",
  "@nexus2520/bitbucket-mcp-server": "popular community server (Bitbucket)",
  "flightradar-mcp-server": "popular community server (flight tracking)",
  "notebooklm-mcp": "popular community server (NotebookLM)",
  "@agent-infra/mcp-server-filesystem": "popular community server (filesystem, agent-infra)",
  "linear-mcp": "popular community server (Linear)",
  "@automattic/mcp-wordpress-remote": "official vendor server (Automattic WordPress)",
  "@kubb/mcp": "official vendor server (Kubb)",
  "@negokaz/excel-mcp-server": "popular community server (Excel)",
  "hostinger-api-mcp": "official vendor server (Hostinger)",
  "@sylphx/pdf-reader-mcp": "popular community server (PDF reader)",
  "mcp-searxng": "popular community server (SearXNG)",
  mcpcosmosdb: "popular community server (Azure Cosmos DB)",
  "@primeuix/mcp": "official vendor server (PrimeTek UI libraries)",
};

// Never taken, whatever the candidate list says: postmark-mcp (malicious from 1.0.16), and as a
// precaution scopes/names recalled from public reports of the 2025 npm worm waves ("s1ngularity": nx;
// "Shai-Hulud 2.0": @postman, @zapier, @browserbasehq among others). The recall was not re-checked
// against an advisory database: nothing but the registry is reachable from where this was written.
const EXCLUDE = [
  /^postmark-mcp$/,
  /^@postman\//,
  /^@zapier\//,
  /^zapier-/,
  /^@browserbasehq\//,
  /^nx(-|$)/,
  /^@nx\//,
];

const STABLE = /^\d+\.\d+\.\d+$/;

function cmpSemver(a, b) {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

// True when `to` is the next version after `from` under ordinary semver bumps (patch+1, minor+1.0, major+1.0.0).
function semverAdjacent(from, to) {
  const [a, b, c] = from.split(".").map(Number);
  const [x, y, z] = to.split(".").map(Number);
  return (
    (x === a && y === b && z === c + 1) ||
    (x === a && y === b + 1 && z === 0) ||
    (x === a + 1 && y === 0 && z === 0)
  );
}

function isMcp(manifest) {
  const kw = (manifest.keywords ?? []).join(" ");
  const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
  return Boolean(
    manifest.mcpName ||
      deps["@modelcontextprotocol/sdk"] ||
      /\bmcp\b|model[- ]context[- ]protocol|modelcontextprotocol/i.test(kw) ||
      /\bMCP\b|Model Context Protocol/i.test(manifest.description ?? ""),
  );
}

async function getJson(url) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, { headers: { accept: "application/json" } });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return await res.json();
    } catch (err) {
      if (attempt >= 2) throw err;
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
}

// Probes a tarball without downloading it: a ranged GET of its last 4 bytes, the gzip ISIZE field,
// which is the length of the uncompressed tar (mod 2^32): the file contents plus 512-byte headers and
// padding, so a slight over-estimate of the unpacked size. Nothing is extracted or run.
const probes = new Map();
function probeTarball(url) {
  if (!probes.has(url)) probes.set(url, probeOnce(url));
  return probes.get(url);
}
async function probeOnce(url) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, { headers: { range: "bytes=-4" } });
      const buf = Buffer.from(await res.arrayBuffer());
      if (!res.ok) return { ok: false, compressed: null, tar: null };
      const total = Number((res.headers.get("content-range") ?? "").split("/")[1]);
      const ranged = res.status === 206 && buf.length === 4;
      return {
        ok: true,
        compressed: Number.isFinite(total) && total > 0 ? total : ranged ? null : buf.length,
        tar: buf.length >= 4 ? buf.readUInt32LE(buf.length - 4) : null,
      };
    } catch (_err) {
      if (attempt >= 2) return { ok: false, compressed: null, tar: null };
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k], k);
      }
    }),
  );
  return out;
}

function versionProblem(v) {
  if (!v) return "not in versions (unpublished?)";
  if (v.deprecated) return `deprecated: ${String(v.deprecated).slice(0, 60)}`;
  if (!v.dist?.tarball) return "no dist.tarball";
  if (!v.dist?.integrity) return "no dist.integrity";
  if (typeof v.dist.unpackedSize === "number" && v.dist.unpackedSize >= MAX_UNPACKED)
    return `unpackedSize ${v.dist.unpackedSize}`;
  return null;
}

async function pick(name, why) {
  if (EXCLUDE.some((re) => re.test(name)))
    return { name, skipped: "excluded (known-compromised name or scope)" };
  const doc = await getJson(`${REGISTRY}/${name.replace("/", "%2f")}`);
  if (!doc) return { name, skipped: "not in registry" };
  const versions = doc.versions ?? {};
  const time = doc.time ?? {};
  const latest = doc["dist-tags"]?.latest;
  const manifest = versions[latest] ?? versions[Object.keys(versions).at(-1)];
  if (!manifest || !isMcp(manifest)) return { name, skipped: "not recognisably an MCP server" };

  // Every stable version in the packument, in release (semver) order. The publish times of this
  // registry are not usable for ordering (many are re-import dates: e.g. @playwright/mcp 0.0.9 dated
  // after 0.0.70), so "consecutive" means adjacent in semver order among the versions published here.
  // Versions that are deprecated or lack dist data stay in the chain, so a pair never bridges them.
  const chain = Object.keys(versions)
    .filter((v) => STABLE.test(v))
    .sort(cmpSemver);
  if (kept.has(name)) {
    // Re-check each kept pair: both versions still published, usable, and still neighbours.
    const pairs = [];
    const rejected = [];
    for (const p of kept.get(name)) {
      const i = chain.indexOf(p.to);
      const problem =
        (versionProblem(versions[p.from]) && `${p.from}: ${versionProblem(versions[p.from])}`) ||
        (versionProblem(versions[p.to]) && `${p.to}: ${versionProblem(versions[p.to])}`) ||
        (i < 1 || chain[i - 1] !== p.from ? "no longer neighbours" : null);
      if (problem) rejected.push({ from: p.from, to: p.to, problem });
      else pairs.push(p);
    }
    return { name, why, latest, stableVersions: chain.length, pairs, rejected, kept: true };
  }
  const pairs = [];
  const rejected = [];
  for (let i = chain.length - 1; i > 0; i--) {
    const from = chain[i - 1];
    const to = chain[i];
    const [fromMajor] = from.split(".").map(Number);
    const [toMajor] = to.split(".").map(Number);
    const problem =
      (toMajor > fromMajor + 1 && `version-scheme jump (${from} -> ${to})`) ||
      (versionProblem(versions[from]) && `${from}: ${versionProblem(versions[from])}`) ||
      (versionProblem(versions[to]) && `${to}: ${versionProblem(versions[to])}`) ||
      (!isMcp(versions[to]) && `${to}: not recognisably an MCP server`);
    if (problem) {
      rejected.push({ from, to, problem });
      continue;
    }
    pairs.push({
      name,
      from,
      to,
      why,
      fromPublished: time[from],
      toPublished: time[to],
      semverAdjacent: semverAdjacent(from, to),
      calver: fromMajor >= 2000 && toMajor >= 2000,
      fromTarball: versions[from].dist.tarball,
      toTarball: versions[to].dist.tarball,
      fromIntegrity: versions[from].dist.integrity,
      toIntegrity: versions[to].dist.integrity,
      fromUnpackedSize: versions[from].dist.unpackedSize ?? null,
      toUnpackedSize: versions[to].dist.unpackedSize ?? null,
    });
  }
  return { name, why, latest, stableVersions: chain.length, pairs, rejected };
}

const results = await pool(Object.entries(CANDIDATES), 4, ([name, why]) => pick(name, why));

// Returns why a pair's tarballs make it unusable, or null. Fills in the sizes on the pair.
async function tarballProblem(p) {
  if (!PROBE) return null;
  const [a, b] = await Promise.all([probeTarball(p.fromTarball), probeTarball(p.toTarball)]);
  p.fromTarballSize = a.compressed;
  p.toTarballSize = b.compressed;
  p.fromTarSize = a.tar;
  p.toTarSize = b.tar;
  if (!a.ok || !b.ok) return "tarball not retrievable";
  const sizes = [p.fromUnpackedSize, p.toUnpackedSize, a.tar, b.tar, a.compressed, b.compressed];
  if (sizes.some((n) => typeof n === "number" && n >= MAX_UNPACKED)) return "over 20 MB unpacked";
  return null;
}

const summary = [];
const picked = await pool(results, 4, async (r) => {
  if (r.skipped) {
    summary.push(`skip  ${r.name}: ${r.skipped}`);
    return [];
  }
  // Most recent first, pairs that are certainly N-1 -> N (semver-adjacent, or date-versioned) before
  // pairs across a gap in the versions this registry holds (only with --allow-gaps).
  if (r.kept) {
    const take = [];
    const dropped = r.rejected.map((x) => `${x.from}→${x.to} (${x.problem})`);
    for (const p of r.pairs) {
      const problem = await tarballProblem(p);
      if (problem) dropped.push(`${p.from}→${p.to} (${problem})`);
      else take.push(p);
    }
    summary.push(
      `keep  ${r.name}: ${take.length} pair(s) kept${dropped.length ? `; DROPPED ${dropped.join(", ")}` : ""}`,
    );
    return take;
  }
  const ranked = [
    ...r.pairs.filter((p) => p.semverAdjacent || p.calver),
    ...(ALLOW_GAPS ? r.pairs.filter((p) => !(p.semverAdjacent || p.calver)) : []),
  ];
  const take = [];
  const dropped = [];
  for (const p of ranked) {
    if (take.length >= MAX_PAIRS) break;
    const problem = await tarballProblem(p);
    if (problem) dropped.push(`${p.from}→${p.to} (${problem})`);
    else take.push(p);
  }
  const note = dropped.length ? `; dropped ${dropped.join(", ")}` : "";
  if (take.length < MIN_PAIRS) {
    summary.push(
      `skip  ${r.name}: only ${take.length} usable of ${r.pairs.length} eligible pair(s), ${r.stableVersions} stable versions${note}`,
    );
    return [];
  }
  take.sort((a, b) => cmpSemver(a.to, b.to)); // back to release order
  summary.push(
    `take  ${r.name}: ${take.length} pair(s) (${r.pairs.length} eligible, ${take.filter((p) => !p.semverAdjacent && !p.calver).length} across a gap, ${r.rejected.length} rejected${note})`,
  );
  return take;
});
const chosen = picked.flat();
summary.sort((a, b) => a.slice(6).localeCompare(b.slice(6)));
if (PROBE) {
  const tars = chosen.flatMap((p) => [p.fromTarSize, p.toTarSize]).filter((n) => n != null);
  console.log(
    `tarballs probed: ${probes.size}; largest kept ${(Math.max(...tars) / 1048576).toFixed(2)} MB uncompressed tar`,
  );
}

const packages = new Set(chosen.map((p) => p.name));
console.log(summary.join("\n"));
console.log(
  `\n${packages.size} packages, ${chosen.length} pairs (${chosen.filter((p) => p.semverAdjacent).length} semver-adjacent, ${chosen.filter((p) => p.calver).length} date-versioned, ${chosen.filter((p) => !p.semverAdjacent && !p.calver).length} across a gap)`,
);

if (args.has("--show-gaps"))
  for (const p of chosen)
    if (!p.semverAdjacent && !p.calver) console.log(`gap   ${p.name} ${p.from} -> ${p.to}`);
if (args.has("--show-rejected"))
  for (const r of results)
    for (const x of r.rejected ?? []) console.log(`rej   ${r.name} ${x.from} -> ${x.to}: ${x.problem}`);

if (!DRY) {
  const benign = chosen.map(({ name, from, to, why }) => ({ name, from, to, why }));
  await writeFile(join(EVAL_DIR, "benign.json"), `${JSON.stringify(benign, null, 2)}\n`);
  await writeFile(join(EVAL_DIR, "benign.details.json"), `${JSON.stringify(chosen, null, 2)}\n`);
  console.log(`wrote ${join(EVAL_DIR, "benign.json")} and benign.details.json`);
}
