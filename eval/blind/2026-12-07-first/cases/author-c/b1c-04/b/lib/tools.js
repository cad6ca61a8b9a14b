import { z } from "zod";
import { packument, downloads } from "./registry.js";
import { summarize, versionList, formatCount } from "./format.js";

const name = z.string().min(1).max(214).describe("Package name, e.g. react or @types/node");
const period = z.enum(["last-day", "last-week", "last-month", "last-year"]).default("last-month");

function json(value) {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }] };
}

export function registerTools(server) {
  server.tool("package_info", "Summary of an npm package: latest version, license, repository, maintainers.", { name }, async ({ name }) =>
    json(summarize(await packument(name)))
  );

  server.tool(
    "package_versions",
    "List published versions of an npm package, newest first, optionally filtered by a semver range.",
    { name, range: z.string().optional().describe("semver range such as ^18 or >=2 <3"), limit: z.number().int().min(1).max(200).default(25) },
    async ({ name, range, limit }) => json(versionList(await packument(name), range).slice(0, limit))
  );

  server.tool("download_stats", "Download count of an npm package over a period.", { name, period }, async ({ name, period }) => {
    const d = await downloads(name, period);
    return { content: [{ type: "text", text: `${d.package}: ${formatCount(d.downloads)} downloads (${d.start} → ${d.end})` }] };
  });

  server.tool(
    "compare_packages",
    "Compare 2–5 npm packages side by side: latest version, license, last publish date, dependency count and downloads.",
    { names: z.array(name).min(2).max(5), period },
    async ({ names, period }) => {
      const rows = await Promise.all(
        names.map(async (n) => {
          const [doc, d] = await Promise.all([packument(n), downloads(n, period).catch(() => ({ downloads: null }))]);
          const s = summarize(doc);
          return { name: s.name, latest: s.latest, license: s.license, published: s.published, dependencies: s.dependencies, downloads: d.downloads, deprecated: s.deprecated };
        })
      );
      return json(rows);
    }
  );
}
