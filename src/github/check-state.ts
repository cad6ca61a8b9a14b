/**
 * The state the app keeps in its check run's text, as a hidden base64 block. Check runs can only be
 * written by the app that created them, so a state read from this app's own check can be trusted
 * when a review event re-decides the gate without re-fetching the packages.
 */
import type { CheckState } from "../gate/pull.js";

const STATE_START = "<!-- mcp-guard:state ";
const STATE_END = " -->";

export function encodeCheckState(state: CheckState): string {
  return `${STATE_START}${Buffer.from(JSON.stringify(state)).toString("base64")}${STATE_END}`;
}

/** The state in a check's text, or null when the text holds none (or it does not parse). */
export function decodeCheckState(text: string | null | undefined): CheckState | null {
  if (!text) return null;
  const start = text.indexOf(STATE_START);
  const end = text.indexOf(STATE_END, start + STATE_START.length);
  if (start < 0 || end < 0) return null;
  try {
    const raw = Buffer.from(text.slice(start + STATE_START.length, end), "base64").toString("utf8");
    const v = JSON.parse(raw) as CheckState;
    return typeof v.headSha === "string" &&
      typeof v.baseSha === "string" &&
      typeof v.fingerprint === "string" &&
      Array.isArray(v.changes)
      ? v
      : null;
  } catch {
    return null;
  }
}
