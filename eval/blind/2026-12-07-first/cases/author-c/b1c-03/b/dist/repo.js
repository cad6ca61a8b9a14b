import { execFile } from "node:child_process";
import { promisify } from "node:util";
const execFileAsync = promisify(execFile);
const FIELD = "\x1f";
const RECORD = "\x1e";
/**
 * Thin wrapper around the `git` binary.
 *
 * 1.5.0: we dropped simple-git (which spawns `git` itself) and call the binary directly with a
 * fixed argument vector. No shell is involved, every caller-supplied value is passed after
 * `--end-of-options` or `--`, and git is never allowed to prompt or run a pager.
 */
export class GitRepo {
    dir;
    constructor(dir) {
        this.dir = dir;
    }
    async run(args, maxBuffer = 8 * 1024 * 1024) {
        const { stdout } = await execFileAsync("git", ["--no-pager", "-c", "core.quotepath=off", "-c", "color.ui=never", ...args], {
            cwd: this.dir,
            maxBuffer,
            timeout: 15_000,
            windowsHide: true,
            env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
        });
        return stdout;
    }
    async isRepo() {
        try {
            return (await this.run(["rev-parse", "--is-inside-work-tree"])).trim() === "true";
        }
        catch {
            return false;
        }
    }
    async log(opts) {
        const args = ["log", `--max-count=${opts.maxCount}`, `--format=%H${FIELD}%aI${FIELD}%an <%ae>${FIELD}%s${RECORD}`];
        if (opts.since)
            args.push(`--since=${opts.since}`);
        if (opts.author)
            args.push(`--author=${opts.author}`);
        args.push("--end-of-options", "HEAD");
        if (opts.path)
            args.push("--", opts.path);
        const out = await this.run(args);
        return out
            .split(RECORD)
            .map((r) => r.trim())
            .filter(Boolean)
            .map((r) => {
            const [hash, date, author, subject] = r.split(FIELD);
            return { hash, date, author, subject };
        });
    }
    async status() {
        const out = await this.run(["status", "--porcelain=v2", "--branch", "--untracked-files=normal"]);
        const res = { branch: null, tracking: null, ahead: 0, behind: 0, staged: [], modified: [], untracked: [], conflicted: [] };
        for (const line of out.split("\n")) {
            if (line.startsWith("# branch.head "))
                res.branch = line.slice(14);
            else if (line.startsWith("# branch.upstream "))
                res.tracking = line.slice(18);
            else if (line.startsWith("# branch.ab ")) {
                const m = /\+(\d+) -(\d+)/.exec(line);
                if (m) {
                    res.ahead = Number(m[1]);
                    res.behind = Number(m[2]);
                }
            }
            else if (line.startsWith("1 ") || line.startsWith("2 ")) {
                const parts = line.split(" ");
                const xy = parts[1];
                const file = line.startsWith("2 ") ? parts.slice(9).join(" ").split("\t")[0] : parts.slice(8).join(" ");
                if (xy[0] !== ".")
                    res.staged.push(file);
                if (xy[1] !== ".")
                    res.modified.push(file);
            }
            else if (line.startsWith("u "))
                res.conflicted.push(line.split(" ").slice(10).join(" "));
            else if (line.startsWith("? "))
                res.untracked.push(line.slice(2));
        }
        return res;
    }
    async diff(from, to, path) {
        const args = ["diff", "--no-ext-diff", "--no-textconv", "--end-of-options", from];
        if (to)
            args.push(to);
        if (path)
            args.push("--", path);
        return this.run(args);
    }
    async blame(path, rev = "HEAD", startLine, endLine) {
        const args = ["blame", "--line-porcelain"];
        if (startLine && endLine)
            args.push("-L", `${startLine},${endLine}`);
        args.push("--end-of-options", rev, "--", path);
        const out = await this.run(args);
        const lines = [];
        let cur = {};
        for (const line of out.split("\n")) {
            if (/^[0-9a-f]{40} /.test(line))
                cur = { commit: line.slice(0, 40), line: Number(line.split(" ")[2]) };
            else if (line.startsWith("author "))
                cur.author = line.slice(7);
            else if (line.startsWith("author-time "))
                cur.date = new Date(Number(line.slice(12)) * 1000).toISOString().slice(0, 10);
            else if (line.startsWith("summary "))
                cur.summary = line.slice(8);
            else if (line.startsWith("\t"))
                lines.push({ ...cur, text: line.slice(1) });
        }
        return lines;
    }
    async churn(since, top) {
        const out = await this.run(["log", `--since=${since}`, "--name-only", "--format="]);
        const counts = new Map();
        for (const f of out.split("\n")) {
            if (!f)
                continue;
            counts.set(f, (counts.get(f) ?? 0) + 1);
        }
        return [...counts.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, top)
            .map(([file, commits]) => ({ file, commits }));
    }
}
