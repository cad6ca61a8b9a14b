/**
 * A bounded in-process work queue: webhooks are acknowledged at once and analyses run here, at most
 * `concurrency` at a time. Jobs that share a key (one pull request) run one at a time, in arrival
 * order, so a push during an analysis is handled after it, and the older run finds its head moved
 * and drops its result. A waiting job made pointless by a newer one of the same key and kind (an
 * older head of the same pull request) is dropped before it starts. The backlog is bounded: past it,
 * push throws, and the webhook delivery fails where GitHub shows it (and can redeliver it).
 *
 * On shutdown, `drain` stops taking work, hands back every waiting job at once (its `release`: the app
 * marks the pull request's check as interrupted, so the next process re-runs it) and gives running jobs
 * a grace period; those still running then are handed back too. No job is dropped without a word.
 */
import { McpGuardError } from "../common/errors.js";
import { RUNTIME_LIMITS } from "../common/limits.js";

interface Entry {
  job: () => Promise<void>;
  key?: string;
  coalesce?: string;
  release?: () => Promise<void>;
  /** Settles when the job has run (set when it starts). */
  done?: Promise<void>;
}

export interface PushOptions {
  /** A job of the same key and kind still waiting is superseded by this one. */
  coalesce?: string;
  /** Hands the job back when it cannot run or finish (shutdown): leaves a state the next process acts on. */
  release?: () => Promise<void>;
}

/** What a drain did: jobs that finished within the grace period, and keys handed back. */
export interface DrainResult {
  finished: number;
  released: string[];
}

export interface QueueOptions {
  /** Jobs waiting at most (running ones aside). */
  maxWaiting?: number;
  /** Told about every job that throws: a job's failure is never silent. */
  onError?: (error: unknown, key: string | undefined) => void;
}

export class WorkQueue {
  private running = 0;
  private readonly busyKeys = new Set<string>();
  private readonly waiting: Entry[] = [];
  private idleWaiters: (() => void)[] = [];
  private readonly active = new Set<Entry>();
  private draining = false;

  private readonly maxWaiting: number;

  constructor(
    private readonly concurrency = 2,
    private readonly options: QueueOptions = {},
  ) {
    this.maxWaiting = options.maxWaiting ?? RUNTIME_LIMITS.maxWaiting;
  }

  /**
   * Queues a job. With `coalesce`, a job of the same key and kind still waiting is dropped: this one
   * supersedes it (it reads everything afresh when it starts).
   */
  push(job: () => Promise<void>, key?: string, opts: PushOptions = {}): void {
    if (this.draining) {
      throw new McpGuardError(
        "E_MCPGUARD_LIMIT",
        "mcp-guard is shutting down and takes no new work; this delivery failed and can be redelivered from the app's settings",
      );
    }
    if (opts.coalesce !== undefined && key !== undefined) {
      for (let i = this.waiting.length - 1; i >= 0; i--) {
        const e = this.waiting[i]!;
        if (e.key === key && e.coalesce === opts.coalesce) this.waiting.splice(i, 1);
      }
    }
    if (this.waiting.length >= this.maxWaiting) {
      throw new McpGuardError(
        "E_MCPGUARD_LIMIT",
        `the analysis queue is full (${this.maxWaiting} waiting); this delivery failed and can be redelivered from the app's settings once the backlog clears`,
      );
    }
    this.waiting.push({
      job,
      key,
      ...(opts.coalesce !== undefined ? { coalesce: opts.coalesce } : {}),
      ...(opts.release ? { release: opts.release } : {}),
    });
    this.next();
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.running + this.waiting.length;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Whether `drain` has been called: no job is taken or started any more. */
  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Shutdown: no new jobs; waiting ones are handed back at once; running ones get `graceMs` to
   * finish, and those still running then are handed back. Resolves when every hand-back has settled.
   */
  async drain(graceMs: number): Promise<DrainResult> {
    this.draining = true;
    const running = new Set(this.active);
    const waiting = this.waiting.splice(0);
    const released: string[] = [];
    const handBack = async (entries: Iterable<Entry>) => {
      await Promise.all(
        [...entries].map(async (e) => {
          released.push(e.key ?? "(no key)");
          try {
            if (!e.release) throw new Error("this job cannot be handed back; its work is lost");
            await e.release();
          } catch (err) {
            this.options.onError?.(err, e.key);
          }
        }),
      );
    };
    const handingBack = handBack(waiting);
    // Running jobs: whichever comes first, the last of them finishing or the grace period.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...running].map((e) => e.done)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    const unfinished = [...running].filter((e) => this.active.has(e));
    await Promise.all([handingBack, handBack(unfinished)]);
    if (this.size === 0) for (const w of this.idleWaiters.splice(0)) w();
    return { finished: running.size - unfinished.length, released };
  }

  private next(): void {
    while (this.running < this.concurrency && !this.draining) {
      // The first waiting job whose pull request has nothing running.
      const i = this.waiting.findIndex((e) => e.key === undefined || !this.busyKeys.has(e.key));
      if (i < 0) return;
      const [entry] = this.waiting.splice(i, 1) as [Entry];
      this.running++;
      if (entry.key !== undefined) this.busyKeys.add(entry.key);
      this.active.add(entry);
      entry.done = entry
        .job()
        .catch((e: unknown) => this.options.onError?.(e, entry.key))
        .finally(() => {
          this.running--;
          this.active.delete(entry);
          if (entry.key !== undefined) this.busyKeys.delete(entry.key);
          this.next();
          if (this.size === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }
}
