import { simpleGit } from "simple-git";
import { resolve } from "node:path";
export function repo(dir) {
    const cwd = resolve(dir ?? process.env.GIT_COMPANION_REPO ?? process.cwd());
    return { cwd, git: simpleGit({ baseDir: cwd, maxConcurrentProcesses: 4, trimmed: true }) };
}
