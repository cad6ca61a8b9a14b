// Worker entry (see isolate.ts): runs one task from workerData and posts its result or error.
import { parentPort, workerData } from "node:worker_threads";
import { type IsolatedTask, runTask } from "./analysis.js";

try {
  parentPort!.postMessage({ ok: true, result: await runTask(workerData as IsolatedTask) });
} catch (e) {
  const err = e as { code?: unknown; message?: unknown };
  parentPort!.postMessage({
    ok: false,
    code: typeof err?.code === "string" ? err.code : undefined,
    message: typeof err?.message === "string" ? err.message : String(e),
  });
}
