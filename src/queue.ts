/**
 * A bounded in-process work queue: webhooks are acknowledged at once and analyses run here, at most
 * `concurrency` at a time. A job's failure is logged by the job itself; the queue never drops one.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency = 2) {}

  push(job: () => Promise<void>): void {
    this.waiting.push(job);
    this.next();
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      job()
        .catch(() => {
          /* jobs report their own failures (a failing check); nothing else to do here */
        })
        .finally(() => {
          this.running--;
          this.next();
          if (this.running === 0 && this.waiting.length === 0) {
            for (const w of this.idleWaiters.splice(0)) w();
          }
        });
    }
  }
}
