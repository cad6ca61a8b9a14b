/** The check writes for work this process could not finish: an interrupted run, a lost re-decision. Pure. */
import type { ExistingCheck } from "../gate/pull.js";
import { approvalNotProcessedText, INTERRUPTED } from "../render/check.js";
import type { CheckWrite } from "./pull-request.js";

/**
 * Ended, not left in progress: `cancelled` blocks a required check, offers Re-run, and the next
 * process's sweep re-runs it at once (isInterrupted). No state: nothing earlier is kept as a result.
 */
export function planInterrupted(): CheckWrite {
  return { conclusion: "cancelled", output: INTERRUPTED, rerun: true };
}

/**
 * A review event that could not be decided: the check blocks and says so. Its analysed change set
 * is kept, so the next review event (or a re-run) decides the gate again from it.
 */
export function planReviewLost(check: ExistingCheck, reason: string): CheckWrite {
  return {
    conclusion: "failure",
    output: approvalNotProcessedText(reason),
    ...(check.state ? { state: check.state } : {}),
    rerun: true,
  };
}
