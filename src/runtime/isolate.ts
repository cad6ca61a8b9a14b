/**
 * Runs analysis work in a fresh child process, one per task. Package content is hostile: the process
 * gets a V8 heap budget (running out of it fails that analysis, not the app), and a task past its
 * deadline is killed, not just abandoned, so a stuck parse or a stalled download cannot pile up.
 *
 * A process, not a worker thread: a worker's `resourceLimits` are best-effort. V8 can reach the
 * worker's heap limit before Node's termination takes effect, and then aborts the whole process
 * ("FATAL ERROR: Reached heap limit"), app included (nodejs/node#47224, nodejs/node#65019; on Node 24
 * the heap-budget test's 1.5 M-statement file does it every time). A child's abort ends only the child.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type ErrorCode, McpGuardError } from "../common/errors.js";
import type { IsolatedTask } from "./analysis.js";

export interface IsolateOptions {
  timeoutMs: number;
  /** V8 old-generation heap budget of the child process. */
  memoryMb: number;
  /** What the task is, for messages ("fetching postmark-mcp 1.0.15 and 1.0.16"). */
  what: string;
}

/** What V8 prints when a heap limit is reached (Node's OOM handler, then abort). */
const HEAP_OOM = /JavaScript heap out of memory|Reached heap limit/;
/** Stderr kept from the child: enough for the fatal-error banner and a last line for messages. */
const STDERR_TAIL = 16 * 1024;

function spawn(memoryMb: number): ChildProcess {
  const heap = `--max-old-space-size=${memoryMb}`;
  // Running from source (tests, tsx): the child needs tsx's loader registered before the entry.
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(new URL(`./analysis-worker.${fromSource ? "ts" : "js"}`, import.meta.url));
  return fork(entry, [], {
    // Our own flags only (the command line beats NODE_OPTIONS); not the app's (--inspect, …).
    execArgv: fromSource ? ["--import", import.meta.resolve("tsx"), heap] : [heap],
    serialization: "advanced", // structured clone, as between threads: Maps survive
    stdio: ["ignore", "inherit", "pipe", "ipc"],
    // The app's secrets (private key, webhook secret, tokens) stay in the app: the child parses
    // hostile content and needs only what reaches the registry.
    env: childEnv(process.env),
  });
}

/** What a registry client needs from the environment: paths, proxies, CA certificates, npm settings. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const keep =
    /^(?:PATH|HOME|TMPDIR|TMP|TEMP|LANG|LC_ALL|TZ|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|(?:HTTPS?|NO|ALL)_PROXY|npm_config_[a-z_]+)$/i;
  return Object.fromEntries(Object.entries(env).filter(([k]) => keep.test(k)));
}

type Reply<T> = { ready?: true; ok?: boolean; result?: T; code?: string; message?: string };

export function runIsolated<T>(task: IsolatedTask, opts: IsolateOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(opts.memoryMb);
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (d: string) => {
      stderr = (stderr + d).slice(-STDERR_TAIL);
    });
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
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
    child.on("message", (m: Reply<T>) => {
      if (m.ready) {
        // A failed send means the child is gone: "close" reports why.
        child.send(task, () => {});
        return;
      }
      finish(() => {
        if (m.ok) resolve(m.result as T);
        else if (m.code?.startsWith("E_MCPGUARD_"))
          reject(new McpGuardError(m.code as ErrorCode, m.message ?? ""));
        else reject(new Error(`${opts.what}: ${m.message}`));
      });
    });
    child.once("error", (e) =>
      finish(() => reject(new Error(`${opts.what}: the analysis process failed (${e.message})`))),
    );
    // "close", not "exit": stderr is read to its end, so an out-of-memory banner is never missed.
    child.once("close", (code, signal) =>
      finish(() => {
        if (HEAP_OOM.test(stderr)) {
          reject(
            new McpGuardError(
              "E_MCPGUARD_LIMIT",
              `${opts.what} needed more than its ${opts.memoryMb} MB memory budget; review this change by hand`,
            ),
          );
          return;
        }
        const last = stderr.trim().split("\n").pop();
        reject(
          new Error(
            `${opts.what}: the analysis process exited (${signal ?? `code ${code}`}) without a result${last ? `: ${last}` : ""}`,
          ),
        );
      }),
    );
  });
}
