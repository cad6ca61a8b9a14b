/**
 * A bounded in-process work queue: webhooks are acknowledged at once and analyses run here, at most
 * `concurrency` at a time. Jobs that share a key (one pull request) run one at a time, in arrival
 * order, so a push during an analysis is handled after it, and the older run finds its head moved
 * and drops its result. A job's failure is reported by the job itself; the queue never drops one.
 */
interface Entry {
  job: () => Promise<void>;
  key?: string;
}

export class WorkQueue {
  private running = 0;
  private readonly busyKeys = new Set<string>();
  private readonly waiting: Entry[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency = 2) {}

  push(job: () => Promise<void>, key?: string): void {
    this.waiting.push({ job, key });
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
        .catch(() => {
          /* jobs report their own failures (a failing check); nothing else to do here */
        })
        .finally(() => {
          this.running--;
          if (entry.key !== undefined) this.busyKeys.delete(entry.key);
          this.next();
          if (this.size === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }
}
