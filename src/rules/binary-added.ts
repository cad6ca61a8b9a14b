import type { BinaryKind, Rule, RuleFinding } from "../review/rule.js";

const LABEL: Record<BinaryKind, string> = {
  elf: "ELF executable or native addon",
  macho: "Mach-O executable or native addon",
  pe: "Windows executable or DLL",
  wasm: "WebAssembly module",
  other: "binary file",
};

export const rule: Rule = {
  id: "binary-added",
  title: "Executable binary added or changed",
  description:
    "Flags native addons, executables (ELF, Mach-O, PE) and WebAssembly that the new version adds or changes, " +
    "recognised by content, not by extension. Their code cannot be reviewed in a diff. Images, fonts and " +
    "other data files are counted but not flagged.",
  defaultSeverity: "medium",
  incident:
    "The eslint-config-prettier compromise (July 2025) shipped a Windows DLL (node-gyp.dll) started from an install script.",
  detect(ctx) {
    const out: RuleFinding[] = [];
    for (const change of ctx.diff.files) {
      const f = change.new;
      if (f?.kind !== "binary") continue;
      if (change.status !== "added" && change.status !== "binary" && change.status !== "renamed") continue;
      if (change.status === "renamed" && change.old?.sha256 === f.sha256) continue;
      const kind = f.binaryKind ?? "other";
      if (kind === "other" && !/\.(?:node|exe|dll|so|dylib)$/i.test(f.path)) continue;
      out.push({
        severity: "medium",
        file: f.path,
        line: null,
        message: `${change.status === "added" ? "new" : "changed"} ${LABEL[kind]} (${f.size} bytes); its code is not reviewable here`,
        evidence: `sha256 ${f.sha256}`,
      });
    }
    return out;
  },
};
