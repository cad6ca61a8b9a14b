import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoDir } from "./git.js";
const run = promisify(execFile);
// isomorphic-git has no blame implementation, so blame uses the system git binary.
// Arguments are passed as an array (no shell) and the path is placed after "--".
export async function blame(dir, filepath, startLine, endLine) {
    const args = ["blame", "--line-porcelain"];
    if (startLine && endLine)
        args.push("-L", `${Math.max(1, startLine)},${Math.max(startLine, endLine)}`);
    args.push("--", filepath);
    const { stdout } = await run("git", args, { cwd: repoDir(dir), maxBuffer: 16 * 1024 * 1024, windowsHide: true });
    const lines = [];
    let cur = {};
    for (const line of stdout.split("\n")) {
        if (/^[0-9a-f]{40} /.test(line))
            cur = { oid: line.slice(0, 8), lineNo: Number(line.split(" ")[2]) };
        else if (line.startsWith("author "))
            cur.author = line.slice(7);
        else if (line.startsWith("author-time "))
            cur.date = new Date(Number(line.slice(12)) * 1000).toISOString().slice(0, 10);
        else if (line.startsWith("\t"))
            lines.push(`${String(cur.lineNo).padStart(5)} ${cur.oid} ${cur.date} ${(cur.author ?? "").padEnd(18).slice(0, 18)} ${line.slice(1)}`);
    }
    return lines.join("\n");
}
