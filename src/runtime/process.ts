/**
 * The process around the server: `.env`, then the server, then the signals. SIGTERM or SIGINT drain
 * the server (server.ts `shutdown`) and exit 0; past the shutdown budget, or on a second signal, the
 * process exits at once (1): what is left in progress is found by the next process's sweep.
 */
import { loadDotEnv } from "./env.js";
import { startServer } from "./server.js";

export async function runProcess(): Promise<void> {
  loadDotEnv();
  const server = await startServer();
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`mcp-guard: ${signal} again; exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.error(
      `mcp-guard: ${signal}: finishing running work (at most ${server.shutdownGraceMs / 1000} s)`,
    );
    setTimeout(() => {
      console.error("mcp-guard: the shutdown budget ran out; exiting");
      process.exit(1);
    }, server.shutdownGraceMs).unref();
    server.shutdown().then(
      () => process.exit(0),
      (e: Error) => {
        console.error(`mcp-guard: shutdown failed: ${e.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
