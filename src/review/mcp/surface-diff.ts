/** Compares two MCP surfaces: tools added, removed, renamed and changed (description, parameters, annotations). Pure. */

import type { StaticValue } from "../eval/value.js";
import type { McpSurface, SurfaceDiff, ToolChange, ToolDef } from "./surface.js";

type Obj = { [k: string]: StaticValue };

function params(t: ToolDef): Map<string, Obj> {
  const props = t.inputSchema?.properties;
  const out = new Map<string, Obj>();
  if (props && typeof props === "object" && !Array.isArray(props)) {
    for (const [k, v] of Object.entries(props as Obj))
      out.set(k, (v && typeof v === "object" && !Array.isArray(v) ? v : {}) as Obj);
  }
  return out;
}

const typeOf = (s: Obj) => (typeof s.type === "string" ? s.type : s.anyOf ? "union" : "any");

/** Safe value of each hint: a hint moving away from it loosens the tool's promise. */
const SAFE: Record<string, boolean> = {
  readOnlyHint: true,
  destructiveHint: false,
  openWorldHint: false,
  idempotentHint: true,
};

function hint(t: ToolDef, key: string): boolean | undefined {
  const v = t.annotations?.[key];
  return typeof v === "boolean" ? v : undefined;
}

export function compareTools(before: ToolDef, after: ToolDef): ToolChange {
  const changes: string[] = [];
  const loosened: string[] = [];
  const addedParams: string[] = [];
  if ((before.description ?? "") !== (after.description ?? "")) changes.push("description changed");
  if ((before.title ?? "") !== (after.title ?? "")) changes.push("title changed");
  const pb = params(before);
  const pa = params(after);
  for (const [k, s] of pa) {
    const old = pb.get(k);
    if (!old) {
      addedParams.push(k);
      changes.push(`parameter added: ${k} (${typeOf(s)})`);
    } else if (typeOf(old) !== typeOf(s))
      changes.push(`parameter retyped: ${k} (${typeOf(old)} → ${typeOf(s)})`);
    else if ((old.description ?? "") !== (s.description ?? ""))
      changes.push(`parameter description changed: ${k}`);
  }
  for (const k of pb.keys()) if (!pa.has(k)) changes.push(`parameter removed: ${k}`);
  for (const [key, safe] of Object.entries(SAFE)) {
    const was = hint(before, key);
    const now = hint(after, key);
    if (was === now) continue;
    changes.push(`${key}: ${was ?? "unset"} → ${now ?? "unset"}`);
    if (was === safe && now !== safe) loosened.push(`${key} ${was} → ${now ?? "unset"}`);
  }
  return { before, after, changes, loosened, addedParams };
}

const schemaKey = (t: ToolDef) => JSON.stringify(t.inputSchema ?? null);

export function diffSurfaces(a: McpSurface, b: McpSurface): SurfaceDiff {
  const before = new Map(a.tools.map((t) => [t.name, t]));
  const after = new Map(b.tools.map((t) => [t.name, t]));
  let added = b.tools.filter((t) => !before.has(t.name));
  let removed = a.tools.filter((t) => !after.has(t.name));
  // Renamed: same input schema and description (or handler file), new name.
  const renamed: SurfaceDiff["renamed"] = [];
  for (const r of [...removed]) {
    const match = added.find(
      (t) =>
        schemaKey(t) === schemaKey(r) &&
        ((!!t.description && t.description === r.description) ||
          (t.inputSchema !== null && t.file === r.file)),
    );
    if (match) {
      renamed.push({ before: r, after: match });
      added = added.filter((t) => t !== match);
      removed = removed.filter((t) => t !== r);
    }
  }
  const changed = b.tools
    .filter((t) => before.has(t.name))
    .map((t) => compareTools(before.get(t.name)!, t))
    .filter((c) => c.changes.length > 0);
  const promptsBefore = new Map(a.prompts.map((p) => [p.name, p]));
  return {
    added,
    removed,
    renamed,
    changed,
    promptsAdded: b.prompts.filter((p) => !promptsBefore.has(p.name)),
    promptsChanged: b.prompts
      .filter((p) => promptsBefore.has(p.name) && promptsBefore.get(p.name)!.description !== p.description)
      .map((p) => ({ before: promptsBefore.get(p.name)!, after: p })),
    resourcesAdded: b.resources.filter((r) => !a.resources.some((x) => x.name === r.name)),
    hiddenAdded: b.hidden.filter((h) => !a.hidden.some((x) => x.name === h.name) && !before.has(h.name)),
  };
}
