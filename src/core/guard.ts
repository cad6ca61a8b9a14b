/** Which packages are guarded (DESIGN §7). Pure. */
import picomatch from "picomatch";
import type { GuardConfig } from "./config.js";

const MCP_KEYWORDS = new Set(["mcp", "modelcontextprotocol", "model-context-protocol"]);
const SDK = "@modelcontextprotocol/sdk";

/** Does a package's own manifest say it is an MCP server or client? */
export function looksLikeMcp(manifest: Record<string, unknown> | null): boolean {
  if (!manifest) return false;
  if (typeof manifest.mcpName === "string") return true;
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    const deps = manifest[field];
    if (deps && typeof deps === "object" && SDK in deps) return true;
  }
  const kw = manifest.keywords;
  return Array.isArray(kw) && kw.some((k) => typeof k === "string" && MCP_KEYWORDS.has(k.toLowerCase()));
}

/**
 * exclude wins; then `all`; then include globs; then detection from the new version's manifest
 * (`manifest` is null when it is not known yet: only config decides then).
 */
export function isGuarded(
  name: string,
  manifest: Record<string, unknown> | null,
  packages: GuardConfig["packages"],
): boolean {
  const match = (globs: string[]) => globs.length > 0 && picomatch(globs, { dot: true })(name);
  if (match(packages.exclude)) return false;
  if (packages.all || match(packages.include)) return true;
  return packages.detectMcp && looksLikeMcp(manifest);
}

/** True when only the package's manifest can say whether it is guarded (config alone does not decide). */
export function needsDetection(name: string, packages: GuardConfig["packages"]): boolean {
  const match = (globs: string[]) => globs.length > 0 && picomatch(globs, { dot: true })(name);
  return packages.detectMcp && !match(packages.exclude) && !packages.all && !match(packages.include);
}
