import { repo } from "../repo.js";
export const readTools = [
    {
        name: "git_status",
        description: "Show the working tree status of a repository.",
        inputSchema: { type: "object", properties: { repo: { type: "string", description: "Repository path (default: cwd)" } } },
        async run(args) {
            const s = await repo(args.repo).git.status();
            const lines = [`On branch ${s.current}${s.tracking ? ` (tracking ${s.tracking}, ahead ${s.ahead}, behind ${s.behind})` : ""}`];
            for (const f of s.files)
                lines.push(`${f.index}${f.working_dir} ${f.path}`);
            return lines.join("\n");
        },
    },
    {
        name: "git_diff",
        description: "Show unstaged (default) or staged changes.",
        inputSchema: { type: "object", properties: { repo: { type: "string" }, staged: { type: "boolean" }, path: { type: "string" } } },
        async run(args) {
            const opts = args.staged ? ["--cached"] : [];
            if (args.path)
                opts.push("--", args.path);
            return (await repo(args.repo).git.diff(opts)) || "(no changes)";
        },
    },
    {
        name: "git_log",
        description: "Show recent commits.",
        inputSchema: { type: "object", properties: { repo: { type: "string" }, max: { type: "number", default: 20 } } },
        async run(args) {
            const log = await repo(args.repo).git.log({ maxCount: Math.min(Number(args.max ?? 20), 200) });
            return log.all.map((c) => `${c.hash.slice(0, 8)} ${c.date.slice(0, 10)} ${c.author_name}: ${c.message}`).join("\n");
        },
    },
];
