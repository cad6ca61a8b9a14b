"use strict";

const { execFile } = require("node:child_process");
const { promisify } = require("node:util");
const run = promisify(execFile);

const SEP = "\x1f";
const REC = "\x1e";

async function git(cwd, args) {
  const { stdout } = await run("git", args, { cwd, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

async function tags(cwd) {
  const out = await git(cwd, ["tag", "--sort=-creatordate"]);
  return out.split("\n").filter(Boolean);
}

async function commits(cwd, from, to = "HEAD") {
  const range = from ? `${from}..${to}` : to;
  const out = await git(cwd, ["log", range, `--format=%H${SEP}%an${SEP}%ad${SEP}%s${SEP}%b${REC}`, "--date=short"]);
  return out
    .split(REC)
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [hash, author, date, subject, body] = r.split(SEP);
      return { hash, author, date, subject, body: body || "" };
    });
}

const CC = /^(\w+)(?:\(([^)]+)\))?(!)?:\s*(.+)$/;

function classify(list) {
  const groups = { breaking: [], feat: [], fix: [], perf: [], other: [] };
  for (const c of list) {
    const m = CC.exec(c.subject);
    const breaking = (m && m[3]) || /BREAKING CHANGE/.test(c.body);
    const entry = { ...c, scope: m ? m[2] : undefined, text: m ? m[4] : c.subject };
    if (breaking) groups.breaking.push(entry);
    else if (m && groups[m[1]]) groups[m[1]].push(entry);
    else groups.other.push(entry);
  }
  return groups;
}

function toMarkdown(version, groups, { includeOther = false } = {}) {
  const titles = { breaking: "⚠ Breaking changes", feat: "Features", fix: "Bug fixes", perf: "Performance", other: "Other" };
  let md = `## ${version}\n`;
  for (const k of Object.keys(titles)) {
    if (k === "other" && !includeOther) continue;
    if (!groups[k].length) continue;
    md += `\n### ${titles[k]}\n\n`;
    for (const c of groups[k]) md += `- ${c.scope ? `**${c.scope}:** ` : ""}${c.text} (${c.hash.slice(0, 7)})\n`;
  }
  return md;
}

module.exports = { tags, commits, classify, toMarkdown };
