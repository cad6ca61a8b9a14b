/**
 * A bounded in-process work queue: webhooks are acknowledged at once and analyses run here, at most
 * `concurrency` at a time. Jobs that share a key (one pull request) run one at a time, in arrival
 * order, so a push during an analysis is handled after it, and the older run finds its head moved
 * and drops its result. A waiting job made pointless by a newer one of the same key and kind (an
 * older head of the same pull request) is dropped before it starts. The backlog is bounded: past it,
 * push throws, and the webhook delivery fails where GitHub shows it (and can redeliver it).
 */
import { McpGuardError } from "../common/errors.js";
import { RUNTIME_LIMITS } from "../common/limits.js";

interface Entry {
  job: () => Promise<void>;
  key?: string;
  coalesce?: string;
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
  push(job: () => Promise<void>, key?: string, opts: { coalesce?: string } = {}): void {
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
    this.waiting.push({ job, key, ...(opts.coalesce !== undefined ? { coalesce: opts.coalesce } : {}) });
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

  private next(): void {
    while (this.running < this.concurrency) {
      // The first waiting job whose pull request has nothing running.
      const i = this.waiting.findIndex((e) => e.key === undefined || !this.busyKeys.has(e.key));
      if (i < 0) return;
      const [entry] = this.waiting.splice(i, 1) as [Entry];
      this.running++;
      if (entry.key !== undefined) this.busyKeys.add(entry.key);
      entry
        .job()
        .catch((e: unknown) => this.options.onError?.(e, entry.key))
        .finally(() => {
          this.running--;
          if (entry.key !== undefined) this.busyKeys.delete(entry.key);
          this.next();
          if (this.size === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }
}
