/**
 * Which packages each tool's handler can reach: the bare module specifiers (`flatmap-stream`,
 * `@scope/name`) imported by the file its handler is in. A dependency's findings are tied to the tools
 * whose handlers import it, so the review says which tool would run the code. File granularity: an
 * import at the top of a handler's file is how a handler uses a package.
 */
import type { CodeFacts } from "../facts/types.js";
import type { PackageFile, PackageSnapshot } from "../types.js";
import type { McpSurface } from "./surface.js";

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; relative, absolute and `node:` specifiers: null. */
export function packageOf(spec: string): string | null {
  if (/^(?:\.|\/|node:|[a-z]+:\/\/)/i.test(spec)) return null;
  const parts = spec.split("/");
  return spec.startsWith("@") ? (parts.length > 1 ? `${parts[0]}/${parts[1]}` : null) : parts[0]!;
}

export function toolPackages(
  surface: McpSurface,
  b: PackageSnapshot,
  facts: (file: PackageFile) => CodeFacts | null,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of surface.tools) {
    const file = t.handler ? b.files.get(t.handler.file) : undefined;
    const f = file ? facts(file) : null;
    if (!f) continue;
    const names = new Set(f.modules.map((m) => packageOf(m.value)).filter((n): n is string => !!n));
    if (names.size) out[t.name] = [...names].sort();
  }
  return out;
}
