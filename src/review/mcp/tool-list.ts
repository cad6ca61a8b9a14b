/**
 * What `mcp-guard tools` reports for one package: its surface, why that surface may be partial, and,
 * for a thin wrapper, the surface of the dependency it starts (read through `loadDependency`, the only
 * I/O, supplied by the shell). An empty or short list never looks complete.
 */

import { wrappedDependencies } from "../js/reach.js";
import type { PackageSnapshot } from "../types.js";
import { extractSurface } from "./extract.js";
import type { McpSurface } from "./surface.js";

export interface ToolList {
  surface: McpSurface;
  /** Why the list is partial; empty when it is complete. */
  gaps: string[];
  /** The wrapped dependency the tools were read from. */
  wraps?: { name: string; version: string };
}

/**
 * Why a surface is not the whole truth: registrations whose names are computed at run time, or no
 * registration at all in a package that says it is an MCP server (its tools may live in a dependency
 * or be generated). An empty or short list must never look complete.
 */
export function surfaceGaps(s: McpSurface, looksLikeMcp: boolean): string[] {
  const gaps: string[] = [];
  if (s.dynamic.length) {
    const where = s.dynamic.slice(0, 5).map((d) => `${d.file}:${d.line}`);
    gaps.push(
      `${s.dynamic.length} registration${s.dynamic.length > 1 ? "s have names" : " has a name"} computed at run time (${where.join(", ")}${s.dynamic.length > 5 ? ", …" : ""})`,
    );
  }
  for (const g of s.generated)
    gaps.push(
      `tools may be generated at start-up from the OpenAPI document ${g.file} (${g.operations} operation${g.operations === 1 ? "" : "s"}); they are not listed`,
    );
  const listed = s.tools.filter((t) => t.state !== "unregistered");
  const empty = !listed.length && !s.prompts.length && !s.resources.length && !s.dynamic.length;
  if (looksLikeMcp && empty && !s.generated.length) {
    gaps.push(
      "no tool, prompt or resource registration was found in a package that says it is an MCP server (its tools may be generated, or live in a dependency)",
    );
  }
  return gaps;
}

const offered = (s: McpSurface) => s.tools.some((t) => t.state !== "unregistered") || s.dynamic.length > 0;

export async function toolList(
  snapshot: PackageSnapshot,
  looksLikeMcp: boolean,
  loadDependency: (name: string, range: string) => Promise<PackageSnapshot>,
): Promise<ToolList> {
  const surface = extractSurface(snapshot);
  const gaps = surfaceGaps(surface, looksLikeMcp);
  if (!gaps.length || offered(surface)) return { surface, gaps };
  // A thin wrapper: its tools are defined in the dependency it starts. Read that tarball too.
  for (const dep of wrappedDependencies(snapshot).slice(0, 2)) {
    const range = String((snapshot.manifest.dependencies as Record<string, unknown>)[dep]);
    try {
      const inner = await loadDependency(dep, range);
      const innerSurface = extractSurface(inner);
      if (!offered(innerSurface)) continue;
      return {
        surface: innerSurface,
        gaps: [
          ...surfaceGaps(innerSurface, true),
          `the tools are defined in the wrapped dependency ${inner.name}@${inner.version}; which of them ${snapshot.name} turns on depends on its options`,
        ],
        wraps: { name: inner.name, version: inner.version },
      };
    } catch (e) {
      gaps.push(`the wrapped dependency ${dep}@${range} could not be read: ${(e as Error).message}`);
    }
  }
  return { surface, gaps };
}
