/**
 * Runs analysis work in a fresh worker thread, one per task. Package content is hostile: the worker
 * gets a heap budget (running out of it fails that analysis, not the app), and a task past its
 * deadline is terminated, not just abandoned, so a stuck parse or a stalled download cannot pile up.
 */
import { Worker } from "node:worker_threads";
import { type ErrorCode, McpGuardError } from "../common/errors.js";
import type { IsolatedTask } from "./analysis.js";

export interface IsolateOptions {
  timeoutMs: number;
  /** V8 old-generation heap budget of the worker. */
  memoryMb: number;
  /** What the task is, for messages ("fetching postmark-mcp 1.0.15 and 1.0.16"). */
  what: string;
}

function spawn(task: IsolatedTask, memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb };
  if (import.meta.url.endsWith(".ts")) {
    // Running from source (tests, tsx): the worker needs tsx's loader registered before the entry.
    const entry = new URL("./analysis-worker.ts", import.meta.url).href;
    const tsx = import.meta.resolve("tsx/esm/api");
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { eval: true, workerData: task, resourceLimits });
  }
  return new Worker(new URL("./analysis-worker.js", import.meta.url), { workerData: task, resourceLimits });
}

export function runIsolated<T>(task: IsolatedTask, opts: IsolateOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = spawn(task, opts.memoryMb);
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new McpGuardError(
              "E_MCPGUARD_TIMEOUT",
              `${opts.what} took longer than ${opts.timeoutMs / 1000} s; re-run`,
            ),
          ),
        ),
      opts.timeoutMs,
    );
    worker.once("message", (m: { ok: boolean; result?: T; code?: string; message?: string }) =>
      finish(() => {
        if (m.ok) resolve(m.result as T);
        else if (m.code?.startsWith("E_MCPGUARD_"))
          reject(new McpGuardError(m.code as ErrorCode, m.message ?? ""));
        else reject(new Error(`${opts.what}: ${m.message}`));
      }),
    );
    worker.once("error", (e: Error & { code?: string }) =>
      finish(() =>
        reject(
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new McpGuardError(
                "E_MCPGUARD_LIMIT",
                `${opts.what} needed more than its ${opts.memoryMb} MB memory budget; review this change by hand`,
              )
            : new Error(`${opts.what}: the analysis worker failed (${e.message})`),
        ),
      ),
    );
    worker.once("exit", (code) =>
      finish(() =>
        reject(new Error(`${opts.what}: the analysis worker exited (code ${code}) without a result`)),
      ),
    );
  });
}
