import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WorkQueue } from "../../src/runtime/queue.js";

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("the work queue", () => {
  it("runs at most `concurrency` jobs at once, and jobs of one key one at a time in arrival order", async () => {
    const q = new WorkQueue(2);
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const job = (name: string, ms: number) => async () => {
      peak = Math.max(peak, ++running);
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      running--;
    };
    q.push(job("a1", 20), "pr#1");
    q.push(job("a2", 5), "pr#1");
    q.push(job("b1", 5), "pr#2");
    q.push(job("c1", 5));
    await q.idle();
    assert.equal(peak, 2);
    // a2 waits for a1 although a slot is free; b1 and c1 pass it.
    assert.ok(log.indexOf("start a2") > log.indexOf("end a1"));
    assert.ok(log.indexOf("start b1") < log.indexOf("end a1"));
    assert.ok(log.indexOf("start c1") < log.indexOf("start a2"));
    assert.equal(log.filter((l) => l.startsWith("end")).length, 4);
  });

  it("a failing job does not stop the queue or its key", async () => {
    const q = new WorkQueue(1);
    const done: string[] = [];
    q.push(async () => {
      throw new Error("boom");
    }, "k");
    q.push(async () => {
      done.push("after");
    }, "k");
    await q.idle();
    assert.deepEqual(done, ["after"]);
    assert.equal(q.size, 0);
  });
});

describe("the work queue's backlog", () => {
  it("a newer job of the same key and kind supersedes one still waiting; running ones and other kinds stay", async () => {
    const q = new WorkQueue(1);
    const ran: string[] = [];
    const job = (name: string) => async () => {
      ran.push(name);
      await tick(5);
    };
    q.push(job("head-1"), "pr#1", { coalesce: "pull_request" }); // starts at once
    q.push(job("head-2"), "pr#1", { coalesce: "pull_request" }); // waits, then superseded
    q.push(job("review"), "pr#1", { coalesce: "review" });
    q.push(job("head-3"), "pr#1", { coalesce: "pull_request" });
    q.push(job("other-pr"), "pr#2", { coalesce: "pull_request" });
    await q.idle();
    assert.deepEqual(ran, ["head-1", "review", "head-3", "other-pr"]);
  });

  it("past its bound it refuses work with a clear error instead of growing without end", async () => {
    const q = new WorkQueue(1, { maxWaiting: 2 });
    const slow = async () => {
      await tick(20);
    };
    q.push(slow);
    q.push(slow);
    q.push(slow);
    assert.throws(() => q.push(slow), /the analysis queue is full \(2 waiting\)/);
    await q.idle();
  });

  it("a job that throws is reported, never swallowed", async () => {
    const errors: [unknown, string | undefined][] = [];
    const q = new WorkQueue(1, { onError: (e, key) => errors.push([e, key]) });
    q.push(async () => {
      throw new Error("GitHub 502");
    }, "pr#1");
    await q.idle();
    assert.equal(errors.length, 1);
    assert.equal(errors[0]![1], "pr#1");
  });
});

describe("draining the work queue at shutdown", () => {
  it("hands waiting jobs back at once, lets running ones finish within the grace period, starts nothing new", async () => {
    const q = new WorkQueue(1);
    const log: string[] = [];
    let finish!: () => void;
    q.push(
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            log.push("a done");
            resolve();
          };
        }),
      "pr#1",
      { release: async () => void log.push("a released") },
    );
    q.push(async () => void log.push("b ran"), "pr#2", { release: async () => void log.push("b released") });
    const drained = q.drain(1_000);
    await tick();
    assert.deepEqual(log, ["b released"], "the waiting job is handed back before the running one ends");
    finish();
    const result = await drained;
    assert.deepEqual(log, ["b released", "a done"]);
    assert.deepEqual(result, { finished: 1, released: ["pr#2"] });
    assert.equal(q.size, 0);
  });

  it("hands back a running job still running when the grace period ends", async () => {
    const q = new WorkQueue(2);
    const released: string[] = [];
    q.push(() => new Promise<void>(() => {}), "pr#1", { release: async () => void released.push("pr#1") });
    q.push(async () => void (await tick(5)), "pr#2", { release: async () => void released.push("pr#2") });
    const started = Date.now();
    const result = await q.drain(60);
    assert.ok(Date.now() - started >= 55, "the grace period was given");
    assert.deepEqual(released, ["pr#1"]);
    assert.deepEqual(result, { finished: 1, released: ["pr#1"] });
  });

  it("refuses new work while draining, with a clear error", async () => {
    const q = new WorkQueue(1);
    await q.drain(10);
    assert.ok(q.isDraining);
    assert.throws(() => q.push(async () => {}), /mcp-guard is shutting down and takes no new work/);
  });

  it("a job without a way to hand it back, or a hand-back that fails, is reported, never dropped in silence", async () => {
    const errors: [string, string | undefined][] = [];
    const q = new WorkQueue(1, { onError: (e, key) => errors.push([(e as Error).message, key]) });
    q.push(() => new Promise<void>(() => {}), "pr#1");
    q.push(async () => {}, "pr#2");
    q.push(async () => {}, "pr#3", {
      release: async () => {
        throw new Error("GitHub 502");
      },
    });
    const result = await q.drain(10);
    assert.deepEqual(result.released.sort(), ["pr#1", "pr#2", "pr#3"]);
    assert.deepEqual(errors.sort(), [
      ["GitHub 502", "pr#3"],
      ["this job cannot be handed back; its work is lost", "pr#1"],
      ["this job cannot be handed back; its work is lost", "pr#2"],
    ]);
  });
});
