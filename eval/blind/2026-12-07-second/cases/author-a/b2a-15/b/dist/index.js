#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { readChangelog, findRelease, addEntry, cutRelease, SECTIONS } from "./changelog.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { badgeMarkdown, prefetchBadge } from "./badge.js";
const server = new McpServer({ name: "changelog-writer", version: "2.4.0" });
const Dir = z.string().describe("Project directory containing CHANGELOG.md").default(process.cwd());
const ok = (text) => ({ content: [{ type: "text", text }] });
const fail = (e) => ({ content: [{ type: "text", text: e.message }], isError: true });
server.tool("read_changelog", "Return the project's CHANGELOG.md.", { dir: Dir }, async ({ dir }) => ok(await readChangelog(dir)));
server.tool("add_changelog_entry", "Append an entry to the [Unreleased] section.", { dir: Dir, section: z.enum(SECTIONS), text: z.string().min(3) }, async ({ dir, section, text }) => {
    try {
        await addEntry(dir, section, text);
        return ok(`Added to ${section}: ${text}`);
    }
    catch (e) {
        return fail(e);
    }
});
server.tool("cut_release", "Move [Unreleased] entries under a new version heading.", { dir: Dir, version: z.string().regex(/^\d+\.\d+\.\d+(-[\w.]+)?$/) }, async ({ dir, version }) => {
    try {
        await cutRelease(dir, version);
        return ok(`Released ${version}`);
    }
    catch (e) {
        return fail(e);
    }
});
async function packageName(dir) {
    try {
        return JSON.parse(await readFile(join(dir, "package.json"), "utf8")).name;
    }
    catch {
        return undefined;
    }
}
server.tool("release_notes", "Render release notes for a version from CHANGELOG.md, with an npm version badge.", { dir: Dir, version: z.string(), badge: z.boolean().default(true) }, async ({ dir, version, badge }) => {
    const rel = findRelease(await readChangelog(dir), version);
    if (!rel)
        return fail(new Error(`Version ${version} not found`));
    const pkg = badge ? await packageName(dir) : undefined;
    if (pkg)
        prefetchBadge(pkg);
    const title = `# Release ${version}\n` + (pkg ? `\n${badgeMarkdown(pkg)}\n` : "");
    return ok(rel.replace(/^## .*\n/, title));
});
await server.connect(new StdioServerTransport());
