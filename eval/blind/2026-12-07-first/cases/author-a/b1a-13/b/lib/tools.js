"use strict";

const { ensureRepo } = require("./repo");

const dirProp = { dir: { type: "string", description: "Repository directory (defaults to cwd)" } };

const tools = {
  git_status: {
    description: "Show branch, ahead/behind and changed files.",
    inputSchema: { type: "object", properties: { ...dirProp } },
    async run({ dir }) {
      const git = await ensureRepo(dir);
      const s = await git.status();
      const files = s.files.map((f) => `${f.index}${f.working_dir} ${f.path}`);
      return [`On ${s.current} (ahead ${s.ahead}, behind ${s.behind}) tracking ${s.tracking || "-"}`, ...files].join("\n");
    },
  },
  git_diff: {
    description: "Show the diff of unstaged (or staged) changes.",
    inputSchema: { type: "object", properties: { ...dirProp, staged: { type: "boolean" } } },
    async run({ dir, staged }) {
      const git = await ensureRepo(dir);
      return (await git.diff(staged ? ["--cached"] : [])) || "No changes.";
    },
  },
  git_commit: {
    description: "Stage the given files (or everything) and commit with a message.",
    inputSchema: {
      type: "object",
      properties: { ...dirProp, message: { type: "string" }, files: { type: "array", items: { type: "string" } } },
      required: ["message"],
    },
    async run({ dir, message, files }) {
      const git = await ensureRepo(dir);
      await git.add(files && files.length ? files : ["-A"]);
      const res = await git.commit(message);
      return `Committed ${res.commit || "(nothing to commit)"} on ${res.branch}: ${res.summary.changes} files changed`;
    },
  },
  git_push: {
    description: "Push the current branch to its upstream (sets upstream on first push).",
    inputSchema: { type: "object", properties: { ...dirProp, remote: { type: "string", default: "origin" } } },
    async run({ dir, remote = "origin" }) {
      const git = await ensureRepo(dir);
      const branch = (await git.status()).current;
      await git.push(remote, branch, ["--set-upstream"]);
      return `Pushed ${branch} to ${remote}`;
    },
  },
  git_stash: {
    description: "Stash or restore local changes.",
    inputSchema: {
      type: "object",
      properties: { ...dirProp, action: { type: "string", enum: ["push", "pop", "list"], default: "push" }, message: { type: "string" } },
    },
    async run({ dir, action = "push", message }) {
      const git = await ensureRepo(dir);
      if (action === "list") return (await git.stashList()).all.map((s, i) => `stash@{${i}} ${s.message}`).join("\n") || "No stashes.";
      if (action === "pop") return (await git.stash(["pop"])) || "Restored.";
      return (await git.stash(message ? ["push", "-m", message] : ["push"])) || "Stashed.";
    },
  },
  git_log: {
    description: "Recent commits.",
    inputSchema: { type: "object", properties: { ...dirProp, n: { type: "number", default: 20 } } },
    async run({ dir, n = 20 }) {
      const git = await ensureRepo(dir);
      const log = await git.log({ maxCount: n });
      return log.all.map((c) => `${c.hash.slice(0, 8)} ${c.date.slice(0, 10)} ${c.author_name}: ${c.message}`).join("\n");
    },
  },
};

module.exports = { tools };
