/** Surfaces declared outside code: an MCPB bundle's manifest.json, and OpenAPI documents the code names. */
import { JS_FILE } from "../js/modules.js";
import type { PackageSnapshot } from "../types.js";
import { type Obj, type SurfaceCollector, text } from "./collector.js";

/** An MCPB bundle declares its tools in manifest.json. */
export function manifestTools(snapshot: PackageSnapshot, out: SurfaceCollector): void {
  const manifest = snapshot.files.get("manifest.json");
  if (!manifest?.text) return;
  try {
    const m = JSON.parse(manifest.text) as Record<string, unknown>;
    if (!(m.manifest_version || m.dxt_version) || !Array.isArray(m.tools)) return;
    for (const t of m.tools as Obj[]) {
      if (typeof t?.name !== "string" || out.tools.has(t.name)) continue;
      out.tools.set(t.name, {
        name: t.name,
        title: null,
        description: text(t.description),
        inputSchema: null,
        annotations: null,
        file: "manifest.json",
        line: 1,
      });
    }
  } catch {
    /* not JSON: not an MCPB manifest */
  }
}

/**
 * OpenAPI/Swagger documents shipped in the package and named by its code: servers that generate one
 * tool per operation at start-up. Their tools are not listed (the naming is the server's own), only
 * counted, so the surface says it is incomplete.
 */
export function openApiDocuments(snapshot: PackageSnapshot, out: SurfaceCollector): void {
  const code = [...snapshot.files].filter(([p, f]) => JS_FILE.test(p) && f.kind === "text");
  for (const [path, file] of snapshot.files) {
    if (
      !/\.json$/i.test(path) ||
      file.kind !== "text" ||
      !/"(?:openapi|swagger)"\s*:/.test(file.text!.slice(0, 4096))
    )
      continue;
    let doc: { paths?: Record<string, Record<string, unknown>> };
    try {
      doc = JSON.parse(file.text!);
    } catch {
      continue;
    }
    if (!doc.paths || typeof doc.paths !== "object") continue;
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (!code.some(([, f]) => f.text!.includes(base))) continue;
    let operations = 0;
    for (const item of Object.values(doc.paths))
      for (const method of ["get", "put", "post", "delete", "patch", "options", "head", "trace"])
        if (item && typeof item === "object" && method in item) operations++;
    out.generated.push({ file: path, operations });
  }
}
