// Child-process entry (see isolate.ts): asks for its one task, runs it, replies with its result or error.
import { type IsolatedTask, runTask } from "./analysis.js";

// The parent is gone (killed, crashed): nobody waits for this result any more.
process.once("disconnect", () => process.exit(0));

process.once("message", async (task: IsolatedTask) => {
  let reply: { ok: boolean; result?: unknown; code?: string; message?: string };
  try {
    reply = { ok: true, result: await runTask(task) };
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    reply = {
      ok: false,
      code: typeof err?.code === "string" ? err.code : undefined,
      message: typeof err?.message === "string" ? err.message : String(e),
    };
  }
  process.send!(reply, () => process.exit(0));
});
// Ready: the task is sent only now, so it cannot arrive before the listener above.
process.send!({ ready: true });
