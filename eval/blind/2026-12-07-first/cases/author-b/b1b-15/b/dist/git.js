import { execFileSync } from "node:child_process";
export function diffStat(repo, base) {
    const out = execFileSync("git", ["diff", "--numstat", `${base}...HEAD`], { cwd: repo, encoding: "utf8", maxBuffer: 64 << 20 });
    return out.trim().split("\n").filter(Boolean).map((l) => {
        const [a, d, file] = l.split("\t");
        return { file, added: Number(a) || 0, deleted: Number(d) || 0 };
    });
}
export function diffText(repo, base, maxBytes = 200_000) {
    const out = execFileSync("git", ["diff", "--unified=3", `${base}...HEAD`], { cwd: repo, encoding: "utf8", maxBuffer: 64 << 20 });
    return out.length > maxBytes ? out.slice(0, maxBytes) + "\n[diff truncated]" : out;
}
