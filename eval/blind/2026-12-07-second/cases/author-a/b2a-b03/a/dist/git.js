import git from "isomorphic-git";
import fs from "node:fs";
import { resolve } from "node:path";
export function repoDir(dir) {
    return resolve(dir ?? process.env.GIT_HISTORY_REPO ?? process.cwd());
}
export async function log(dir, depth = 20, ref = "HEAD") {
    const commits = await git.log({ fs, dir: repoDir(dir), ref, depth });
    return commits.map((c) => ({
        oid: c.oid,
        author: c.commit.author.name,
        date: new Date(c.commit.author.timestamp * 1000).toISOString(),
        message: c.commit.message.trim(),
    }));
}
export async function fileHistory(dir, filepath, depth = 50) {
    const commits = await git.log({ fs, dir: repoDir(dir), ref: "HEAD", depth, filepath });
    return commits.map((c) => `${c.oid.slice(0, 8)} ${new Date(c.commit.author.timestamp * 1000).toISOString().slice(0, 10)} ${c.commit.message.split("\n")[0]}`);
}
export async function show(dir, oid, filepath) {
    const { blob } = await git.readBlob({ fs, dir: repoDir(dir), oid, filepath });
    return new TextDecoder().decode(blob);
}
