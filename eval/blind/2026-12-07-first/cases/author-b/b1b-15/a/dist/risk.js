const RULES = [
    { re: /(^|\/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock)$/, why: "lockfile changed: check new dependencies" },
    { re: /(^|\/)\.github\/workflows\//, why: "CI workflow changed" },
    { re: /(^|\/)(Dockerfile|docker-compose\.ya?ml)$/, why: "container build changed" },
    { re: /migrations?\//, why: "database migration" },
    { re: /(auth|login|session|token|crypto)/i, why: "security-sensitive area" },
    { re: /\.env(\.|$)/, why: "environment file in diff" },
];
export function riskNotes(stats) {
    const notes = [];
    for (const s of stats) {
        for (const r of RULES)
            if (r.re.test(s.file))
                notes.push(`${s.file}: ${r.why}`);
        if (s.added + s.deleted > 800)
            notes.push(`${s.file}: very large change (${s.added + s.deleted} lines)`);
    }
    return notes;
}
