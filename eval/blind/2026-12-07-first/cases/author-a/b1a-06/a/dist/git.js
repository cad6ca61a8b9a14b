import { execFile } from "node:child_process";
import { promisify } from "node:util";
const run = promisify(execFile);
export async function git(cwd, args, input) {
    const child = run("git", args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    if (input !== undefined) {
        child.child.stdin?.end(input);
    }
    const { stdout } = await child;
    return stdout;
}
export async function stagedDiff(cwd) {
    return git(cwd, ["diff", "--cached", "--no-color", "--stat", "--patch"]);
}
export async function stagedFiles(cwd) {
    const out = await git(cwd, ["diff", "--cached", "--name-status"]);
    return out
        .split("\n")
        .filter(Boolean)
        .map((line) => {
        const [status, ...rest] = line.split("\t");
        return { status, path: rest.join("\t") };
    });
}
export async function recentCommits(cwd, n) {
    const out = await git(cwd, ["log", `-n${n}`, "--pretty=format:%h%x09%an%x09%ad%x09%s", "--date=short"]);
    return out.split("\n").filter(Boolean).map((l) => {
        const [hash, author, date, subject] = l.split("\t");
        return { hash, author, date, subject };
    });
}
export async function currentBranch(cwd) {
    return (await git(cwd, ["rev-parse", "--abbrev-ref", "HEAD"])).trim();
}
export async function remoteUrl(cwd, name = "origin") {
    return (await git(cwd, ["remote", "get-url", name])).trim();
}
