/**
 * Model-based test of the claim a green check makes (fast-check `commands`): random sequences of
 * head pushes, base moves, retargets, reviews, dismissals, config and permission changes, lost jobs
 * with restarts, and the periodic sweeps, run by the real Probot app against the stateful GitHub.
 * After every step, whenever the pull request's check is green, what merging it would apply (the
 * three-way merge of the base tip and the head) changes no guarded package, or an eligible reviewer
 * (designated now, with write access now, not the author, not a pusher) approved exactly the change
 * set the pull request brings now. The oracle reads only the world: no code of the app.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Probot } from "probot";
import type { AppDeps } from "../../src/app/deps.js";
import { revalidateGreenChecks, sweepAbandonedChecks } from "../../src/runtime/sweep.js";
import { postmarkLock } from "../helpers/github.js";
import { GitHubWorld, SERVICE, type Webhook } from "../helpers/github-world.js";
import { fixtureDeps, testProbot } from "../helpers/probot.js";

const LOCK = "package-lock.json";
const CONFIG = ".github/mcp-guard.yml";
const VERSIONS = ["1.0.15", "1.0.16", "1.0.17"] as const;
const PEOPLE = ["alice", "bob"] as const;
const AUTHOR = "mallory";

/** The version a lockfile text pins (the oracle's own reading, independent of the app's parsers). */
function pinned(text: string | undefined): string | null {
  if (text === undefined) return null;
  const entry = (JSON.parse(text) as { packages: Record<string, { version?: string }> }).packages[
    "node_modules/postmark-mcp"
  ];
  return entry?.version ?? null;
}

class HeldQueue {
  jobs: (() => Promise<void>)[] = [];
  push(job: () => Promise<void>) {
    this.jobs.push(job);
  }
  async run() {
    while (this.jobs.length) await this.jobs.shift()!();
  }
}

interface Real {
  world: GitHubWorld;
  probot: Probot;
  queue: HeldQueue;
  deps: AppDeps;
  pr: number;
  /** What each review id was given for: the change set the pull request brought when it was submitted. */
  approvedFor: Map<number, string>;
  log: string[];
}

/** The package changes the pull request brings now: merge base → head, and base tip → merge result. */
function brought(r: Real): { set: string; merge: string | null; mergeable: boolean } {
  const w = r.world;
  const p = w.pull(r.pr);
  const tip = w.resolve(SERVICE, p.baseRef)!;
  const mb = w.mergeBase(tip, p.headSha)!;
  const v = (sha: string) => pinned(w.commitOf(sha).files.get(LOCK));
  const merged = w.merge(tip, p.headSha);
  const changes = new Set<string>();
  if (v(mb) !== v(p.headSha)) changes.add(`${v(mb)}→${v(p.headSha)}`);
  const mergedVersion = merged ? pinned(merged.get(LOCK)) : null;
  if (merged && v(tip) !== mergedVersion) changes.add(`${v(tip)}→${mergedVersion}`);
  return {
    set: [...changes].sort().join(","),
    merge: merged && v(tip) !== mergedVersion ? `${v(tip)}→${mergedVersion}` : null,
    mergeable: merged !== null,
  };
}

/** The reviewers the config on the default branch designates now (the oracle's reading). */
function designated(r: Real): string[] {
  const text = r.world.commitOf(r.world.resolve(SERVICE, "main")!).files.get(CONFIG) ?? "";
  return (
    /users: \[([^\]]*)\]/
      .exec(text)?.[1]
      ?.split(",")
      .map((s) => s.trim()) ?? []
  );
}

/** The claim, checked after every step. */
function assertGreenIsTrue(r: Real) {
  const w = r.world;
  const p = w.pull(r.pr);
  const check = w.latestCheck(p.headSha);
  if (check?.status !== "completed" || check.conclusion !== "success") return;
  const now = brought(r);
  if (!now.mergeable || now.merge === null) return; // nothing guarded would change (or no merge)
  const pushers = new Set(w.reachable(p.headSha, w.resolve(SERVICE, p.baseRef)).map((c) => c.author));
  const latest = new Map<string, { id: number; state: string }>();
  for (const rv of w.state.reviews.filter((x) => x.pull === r.pr && x.repo === SERVICE))
    if (["APPROVED", "CHANGES_REQUESTED", "DISMISSED"].includes(rv.state)) latest.set(rv.user, rv);
  const eligible = [...latest].filter(
    ([user, rv]) =>
      rv.state === "APPROVED" &&
      designated(r).includes(user) &&
      ["write", "admin"].includes(w.permissionOf(user)) &&
      user !== AUTHOR &&
      !pushers.has(user) &&
      r.approvedFor.get(rv.id) === now.set,
  );
  assert.ok(
    eligible.length > 0,
    `green, but the merge applies postmark-mcp ${now.merge} and no eligible reviewer approved the change set ${now.set}\n${r.log.join("\n")}\ncheck: ${check.output.title}\n${check.output.summary}`,
  );
}

type Cmd = fc.AsyncCommand<object, Real, boolean>;

/** A command: a world action that returns the webhooks GitHub would send. */
function cmd(
  name: string,
  act: (r: Real) => Webhook[] | Promise<Webhook[]>,
  opts: { lost?: boolean } = {},
): Cmd {
  return {
    check: () => true,
    async run(_m, r) {
      r.log.push(name);
      const events = await act(r);
      await r.world.deliver(r.probot, events);
      if (opts.lost) {
        // The process dies with the jobs queued: a new process starts, the jobs are gone.
        r.queue = new HeldQueue();
        r.deps = { ...fixtureDeps(), queue: r.queue };
        r.probot = await testProbot(r.deps);
      } else await r.queue.run();
      assertGreenIsTrue(r);
    },
    toString: () => name,
  };
}

const version = fc.constantFrom(...VERSIONS);
const person = fc.constantFrom(...PEOPLE);
const commands = [
  fc
    .tuple(version, fc.boolean())
    .map(([v, lost]) =>
      cmd(
        `head → ${v}${lost ? " (lost)" : ""}`,
        (r) => r.world.pushHead(r.pr, { [LOCK]: postmarkLock(v) }, { author: AUTHOR }).events,
        { lost },
      ),
    ),
  fc
    .tuple(fc.constantFrom("main", "feature"), version, fc.boolean())
    .map(([b, v, lost]) =>
      cmd(
        `${b} → ${v}${lost ? " (lost)" : ""}`,
        (r) => r.world.push(SERVICE, b, { [LOCK]: postmarkLock(v) }).events,
        { lost },
      ),
    ),
  fc.constantFrom("main", "feature").map((b) => cmd(`retarget to ${b}`, (r) => r.world.retarget(r.pr, b))),
  // A rebase (or a stacked branch): the head is force-pushed onto a branch's tip with a version.
  fc.tuple(fc.constantFrom("main", "feature"), version).map(([b, v]) =>
    cmd(`head rebased onto ${b} at ${v}`, (r) => {
      const tip = r.world.resolve(SERVICE, b)!;
      const sha = r.world.commit(SERVICE, [tip], { [LOCK]: postmarkLock(v) }, { author: AUTHOR });
      return r.world.forcePush(SERVICE, "bump", sha, AUTHOR);
    }),
  ),
  fc
    .tuple(
      person,
      fc.constantFrom("APPROVED", "CHANGES_REQUESTED") as fc.Arbitrary<"APPROVED" | "CHANGES_REQUESTED">,
    )
    .map(([u, s]) =>
      cmd(`${u} ${s.toLowerCase()}`, (r) => {
        const set = brought(r).set;
        const { id, events } = r.world.review(r.pr, u, s);
        r.approvedFor.set(id, set);
        return events;
      }),
    ),
  person.map((u) =>
    cmd(`dismiss ${u}`, (r) => {
      const mine = r.world.state.reviews.filter(
        (x) => x.pull === r.pr && x.user === u && x.state === "APPROVED",
      );
      const last = mine.at(-1);
      return last ? r.world.dismiss(r.pr, last.id) : [];
    }),
  ),
  fc
    .constantFrom("[alice]", "[bob]", "[alice, bob]")
    .map((list) =>
      cmd(
        `config reviewers ${list}`,
        (r) => r.world.push(SERVICE, "main", { [CONFIG]: `reviewers:\n  users: ${list}\n` }).events,
      ),
    ),
  fc
    .tuple(person, fc.constantFrom("write", "read") as fc.Arbitrary<"write" | "read">)
    .map(([u, p]) => cmd(`${u} has ${p}`, (r) => r.world.setPermission(u, p))),
  fc.constant(
    cmd("sweeps", async (r) => {
      const args = { auth: async () => r.probot.auth(2) as never, log: r.probot.log, deps: r.deps };
      await sweepAbandonedChecks({
        ...args,
        auth: async (id?: number) => (await r.probot.auth(id ?? 2)) as never,
      });
      await revalidateGreenChecks({
        ...args,
        auth: async (id?: number) => (await r.probot.auth(id ?? 2)) as never,
      });
      return [];
    }),
  ),
];
/** Retargets and reviews weighted up: the sequences that test the claim need an approval, then a move. */
const weighted = [...commands, commands[2]!, commands[2]!, commands[4]!, commands[4]!, commands[4]!];

describe("a green check stays true (model-based)", () => {
  it("after every step of random sequences, a green check means an eligible reviewer approved what the merge applies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.commands(weighted, { maxCommands: 10 }), async (stacked, cmds) => {
        const world = new GitHubWorld({
          files: { [LOCK]: postmarkLock("1.0.15"), [CONFIG]: "reviewers:\n  users: [alice]\n" },
        });
        for (const u of PEOPLE) world.setPermission(u, "write");
        const teardown = world.install();
        try {
          // A feature branch one bump ahead of main; the pull request may be stacked on it.
          world.push(SERVICE, "feature", { [LOCK]: postmarkLock("1.0.16") }, { from: "main" });
          const queue = new HeldQueue();
          const deps = { ...fixtureDeps(), queue };
          const real: Real = {
            world,
            probot: await testProbot(deps),
            queue,
            deps,
            pr: 0,
            approvedFor: new Map(),
            log: [],
          };
          const opened = world.openPull({
            author: AUTHOR,
            head: "bump",
            ...(stacked ? { base: "feature" } : {}),
            changes: { [LOCK]: postmarkLock(stacked ? "1.0.17" : "1.0.16") },
          });
          real.pr = opened.number;
          await world.deliver(real.probot, opened.events);
          await queue.run();
          assertGreenIsTrue(real);
          await fc.asyncModelRun(() => ({ model: {}, real }), cmds);
          assert.deepEqual(world.unknown, [], "every GitHub call had a route");
        } finally {
          teardown();
        }
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 25), seed: Number(process.env.MODEL_SEED ?? 20261207) },
    );
  });
});
