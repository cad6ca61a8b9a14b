/**
 * A guarded package the head no longer installs. Its code leaves the install, so there is nothing to
 * diff; the change is still shown and, like every guarded change, decided by the reviewers (a removal
 * is how an install is re-pointed elsewhere, and the reviewer should see it). Pure.
 */
import type { PackageReview } from "../review/types.js";
import type { VersionChange } from "./version-change.js";

export function removalReview(c: VersionChange): PackageReview {
  return {
    package: { name: c.name, from: c.from ?? "none", to: c.to },
    risk: "none",
    raisedBy: [],
    complete: true,
    incomplete: [],
    findings: [],
    files: { added: 0, removed: 0, modified: 0, renamed: 0, binary: 0 },
    tools: { added: [], removed: [], changed: [] },
    diff: { files: [], notes: [] },
  };
}
