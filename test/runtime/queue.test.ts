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
