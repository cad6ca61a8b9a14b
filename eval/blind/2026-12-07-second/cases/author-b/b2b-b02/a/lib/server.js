#!/usr/bin/env node
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const semver = require("semver");
const reg = require("./registry");
const { version } = require("../package.json");

const server = new McpServer({ name: "npm-insight", version });
const out = (v) => ({ content: [{ type: "text", text: typeof v === "string" ? v : JSON.stringify(v, null, 2) }] });

server.tool("package_info", "Summary of an npm package: latest version, description, license, repository, weekly downloads.", { name: z.string() }, async ({ name }) => {
  const [p, d] = await Promise.all([reg.packument(name), reg.downloads(name, "last-week").catch(() => null)]);
  const latest = p["dist-tags"].latest;
  const v = p.versions[latest];
  return out({ name, latest, description: v.description, license: v.license, repository: v.repository?.url, weeklyDownloads: d?.downloads, modified: p.modified });
});

server.tool("list_versions", "Versions of a package, optionally those satisfying a semver range.", { name: z.string(), range: z.string().optional() }, async ({ name, range }) => {
  const p = await reg.packument(name);
  let vs = Object.keys(p.versions).sort(semver.rcompare);
  if (range) vs = vs.filter((v) => semver.satisfies(v, range));
  return out(vs.slice(0, 100).join("\n"));
});

server.tool("dependencies", "Runtime and peer dependencies of a package version (default latest).", { name: z.string(), version: z.string().optional() }, async ({ name, version: ver }) => {
  const p = await reg.packument(name);
  const v = p.versions[ver || p["dist-tags"].latest];
  if (!v) throw new Error(`no version ${ver}`);
  return out({ dependencies: v.dependencies || {}, peerDependencies: v.peerDependencies || {} });
});

server.connect(new StdioServerTransport());
