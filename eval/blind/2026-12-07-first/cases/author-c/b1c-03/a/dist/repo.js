import { simpleGit } from "simple-git";
export class GitRepo {
    dir;
    git;
    constructor(dir) {
        this.dir = dir;
        this.git = simpleGit({ baseDir: dir, maxConcurrentProcesses: 2 });
    }
    async isRepo() {
        return this.git.checkIsRepo();
    }
    async log(opts) {
        const result = await this.git.log({
            maxCount: opts.maxCount,
            file: opts.path,
            ...(opts.since ? { "--since": opts.since } : {}),
            ...(opts.author ? { "--author": opts.author } : {}),
        });
        return result.all.map((c) => ({
            hash: c.hash,
            date: c.date,
            author: `${c.author_name} <${c.author_email}>`,
            subject: c.message,
        }));
    }
    async status() {
        const s = await this.git.status();
        return {
            branch: s.current,
            tracking: s.tracking,
            ahead: s.ahead,
            behind: s.behind,
            staged: s.staged,
            modified: s.modified,
            untracked: s.not_added,
            conflicted: s.conflicted,
        };
    }
    async diff(from, to, path) {
        const args = [from, ...(to ? [to] : [])];
        if (path)
            args.push("--", path);
        return this.git.diff(args);
    }
}
