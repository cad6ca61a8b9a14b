import { repo } from "../repo.js";
export const writeTools = [
    {
        name: "git_add",
        description: "Stage files for commit.",
        inputSchema: { type: "object", properties: { repo: { type: "string" }, files: { type: "array", items: { type: "string" } } }, required: ["files"] },
        async run(args) {
            await repo(args.repo).git.add(args.files);
            return `Staged ${args.files.length} path(s).`;
        },
    },
    {
        name: "git_commit",
        description: "Commit staged changes (or the listed files) with a message.",
        inputSchema: {
            type: "object",
            properties: {
                repo: { type: "string" },
                message: { type: "string" },
                files: { type: "array", items: { type: "string" }, description: "Stage these paths before committing" },
            },
            required: ["message"],
        },
        async run(args) {
            const { git } = repo(args.repo);
            if (args.files?.length)
                await git.add(args.files);
            const res = await git.commit(args.message);
            if (!res.commit)
                return "Nothing to commit.";
            return `Committed ${res.commit} on ${res.branch}: ${res.summary.changes} file(s), +${res.summary.insertions} -${res.summary.deletions}`;
        },
    },
];
