/**
 * A hint to collect garbage now, for the review engine to give after it is done with a large syntax
 * tree. V8 grows its heap by the live size it last saw, so a review that parses several multi-megabyte
 * bundles in turn would otherwise hold the dead tree of one beside the live tree of the next (measured
 * on chrome-devtools-mcp 1.10.1→1.11.0: 494 MB peak without, 383 MB with, and faster). Node exposes
 * `gc` only behind a flag; it is turned on here, in the process that runs the review, not in the engine.
 * Returns a no-op where the runtime refuses.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function reclaimer(): () => void {
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    if (typeof gc === "function") return () => (gc as () => void)();
  } catch {
    // no gc to call: the heap grows as V8 decides
  }
  return () => {};
}
