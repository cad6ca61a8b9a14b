/**
 * A small stand-in for GitHub's REST API on loopback, for tests that run the app as a separate
 * process (nock cannot reach into another process). It keeps check runs and reviews as GitHub would,
 * serves one repository's branches and files (by commit), and logs every request.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeCheckRun {
  id: number;
  app: { id: number; slug: string };
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  output: { title: string; summary: string; text: string | null };
}

export interface FakeGitHub {
  /** GHE_HOST for the app: the API is served under /api/v3. */
  host: string;
  log: { method: string; path: string }[];
  checks: FakeCheckRun[];
  reviews: { body: string; event: string }[];
  close(): Promise<void>;
}

export interface FakeRepo {
  owner: string;
  repo: string;
  /** `base` is the base branch's tip; the head left the base there (it is the merge base too). */
  pull: { number: number; author: string; head: string; base: string; baseRef: string };
  /** branch name → the commit it is at */
  branches: Record<string, string>;
  /** commit sha → path → text (the config is read at the default branch's commit) */
  files: Record<string, Record<string, string>>;
  changedFiles: string[];
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? JSON.parse(text) : {};
}

export async function startFakeGitHub(r: FakeRepo): Promise<FakeGitHub> {
  const log: FakeGitHub["log"] = [];
  const checks: FakeCheckRun[] = [];
  const reviews: FakeGitHub["reviews"] = [];
  const repo = `/repos/${r.owner}/${r.repo}`;
  const pull = {
    number: r.pull.number,
    state: "open",
    user: { login: r.pull.author, type: "Bot" },
    head: { sha: r.pull.head },
    base: { sha: r.pull.base, ref: r.pull.baseRef },
    changed_files: r.changedFiles.length,
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v3/, ""));
    log.push({ method: req.method ?? "", path });
    const reply = (status: number, data: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
    const m = (re: RegExp) => re.exec(path);
    const get = req.method === "GET";

    if (req.method === "POST" && m(/^\/app\/installations\/\d+\/access_tokens$/))
      return reply(201, { token: "t", expires_at: "2999-01-01T00:00:00Z", permissions: {} });
    if (get && path === "/app/installations") return reply(200, [{ id: 2, account: { login: r.owner } }]);
    if (get && path === "/installation/repositories")
      return reply(200, {
        total_count: 1,
        repositories: [{ name: r.repo, owner: { login: r.owner }, default_branch: "main" }],
      });
    if (get && path === `${repo}/pulls`) return reply(200, [pull]);
    if (get && path === `${repo}/commits/${r.pull.head}/pulls`) return reply(200, [pull]);
    if (get && path === `${repo}/pulls/${r.pull.number}`) return reply(200, pull);
    if (get && path === `${repo}/pulls/${r.pull.number}/files`)
      return reply(
        200,
        r.changedFiles.map((filename) => ({ filename })),
      );
    if (get && path === `${repo}/pulls/${r.pull.number}/reviews`) return reply(200, []);
    const branch = m(new RegExp(`^${repo}/branches/(.+)$`));
    if (get && branch) {
      const sha = r.branches[branch[1]!];
      if (!sha) return reply(404, { message: "Branch not found" });
      return reply(200, { name: branch[1], commit: { sha } });
    }
    // Where a base (a branch or a commit) and a head meet: the pull request's head left its base's tip.
    const compare = m(new RegExp(`^${repo}/compare/(.+)\\.\\.\\.(.+)$`));
    if (get && compare) {
      const base = r.branches[compare[1]!] ?? compare[1]!;
      if (compare[2] !== r.pull.head) return reply(404, { message: "Not Found" });
      return reply(200, { base_commit: { sha: base }, merge_base_commit: { sha: base } });
    }
    if (req.method === "POST" && path === `${repo}/pulls/${r.pull.number}/reviews`) {
      const b = await body(req);
      reviews.push({ body: String(b.body), event: String(b.event) });
      return reply(200, { id: reviews.length, html_url: `https://github.test/pull/${r.pull.number}` });
    }
    if (req.method === "POST" && path === `${repo}/pulls/${r.pull.number}/requested_reviewers`)
      return reply(201, {});
    const contents = m(new RegExp(`^${repo}/contents/(.+)$`));
    if (get && contents) {
      const ref = url.searchParams.get("ref") ?? "main";
      const text = r.files[r.branches[ref] ?? ref]?.[contents[1]!];
      if (text === undefined) return reply(404, { message: "Not Found" });
      return reply(200, { type: "file", encoding: "base64", content: Buffer.from(text).toString("base64") });
    }
    const forRef = m(new RegExp(`^${repo}/commits/([^/]+)/check-runs$`));
    if (get && forRef) {
      // Newest first; `filter=latest` (the default) keeps the newest run of each name, `all` every run.
      const name = url.searchParams.get("check_name");
      let runs = checks.filter((c) => c.head_sha === forRef[1] && (!name || c.name === name)).reverse();
      if (url.searchParams.get("filter") !== "all")
        runs = runs.filter((c, i) => runs.findIndex((o) => o.name === c.name) === i);
      return reply(200, { total_count: runs.length, check_runs: runs });
    }
    if (req.method === "POST" && path === `${repo}/check-runs`) {
      const b = await body(req);
      const output = (b.output ?? {}) as Partial<FakeCheckRun["output"]>;
      const run: FakeCheckRun = {
        id: checks.length + 1,
        app: { id: 123, slug: "mcp-guard" },
        head_sha: String(b.head_sha),
        name: String(b.name),
        status: String(b.status ?? "queued"),
        conclusion: null,
        started_at: String(b.started_at ?? new Date().toISOString()),
        completed_at: null,
        output: { title: output.title ?? "", summary: output.summary ?? "", text: output.text ?? null },
      };
      checks.push(run);
      return reply(201, run);
    }
    const update = m(new RegExp(`^${repo}/check-runs/(\\d+)$`));
    if (req.method === "PATCH" && update) {
      const run = checks.find((c) => c.id === Number(update[1]));
      if (!run) return reply(404, { message: "Not Found" });
      const b = await body(req);
      const completed = b.status === "completed" && run.status !== "completed";
      Object.assign(run, {
        status: b.status ?? run.status,
        conclusion: b.conclusion ?? run.conclusion,
        completed_at: b.completed_at ?? (completed ? new Date().toISOString() : run.completed_at),
        output: b.output ?? run.output,
      });
      return reply(200, run);
    }
    reply(404, { message: `fake GitHub has no route for ${req.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    checks,
    reviews,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
