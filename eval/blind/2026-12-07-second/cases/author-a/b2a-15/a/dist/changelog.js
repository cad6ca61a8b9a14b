import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
const SECTIONS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"];
export function changelogPath(dir) {
    return join(dir, "CHANGELOG.md");
}
export async function readChangelog(dir) {
    try {
        return await readFile(changelogPath(dir), "utf8");
    }
    catch {
        return "# Changelog\n\nAll notable changes to this project will be documented in this file.\n\n## [Unreleased]\n";
    }
}
export function splitReleases(md) {
    const parts = md.split(/^## /m);
    const head = parts.shift() ?? "";
    return { head, releases: parts.map((p) => "## " + p) };
}
export function findRelease(md, version) {
    return splitReleases(md).releases.find((r) => r.startsWith(`## [${version}]`) || r.startsWith(`## ${version}`));
}
export async function addEntry(dir, section, text) {
    if (!SECTIONS.includes(section))
        throw new Error(`section must be one of ${SECTIONS.join(", ")}`);
    const md = await readChangelog(dir);
    const { head, releases } = splitReleases(md);
    let unreleased = releases.findIndex((r) => r.startsWith("## [Unreleased]"));
    if (unreleased === -1) {
        releases.unshift("## [Unreleased]\n");
        unreleased = 0;
    }
    let block = releases[unreleased];
    const marker = `### ${section}\n`;
    if (block.includes(marker))
        block = block.replace(marker, `${marker}- ${text}\n`);
    else
        block = block.replace(/\n*$/, `\n\n${marker}- ${text}\n`);
    releases[unreleased] = block.replace(/\n*$/, "\n\n");
    await writeFile(changelogPath(dir), head + releases.join(""), "utf8");
}
export async function cutRelease(dir, version, date = new Date().toISOString().slice(0, 10)) {
    const md = await readChangelog(dir);
    if (!md.includes("## [Unreleased]"))
        throw new Error("No [Unreleased] section to release");
    const next = md.replace("## [Unreleased]", `## [Unreleased]\n\n## [${version}] - ${date}`);
    await writeFile(changelogPath(dir), next, "utf8");
}
export { SECTIONS };
