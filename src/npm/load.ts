/**
 * Turns what a user typed (`name@version`, a .tgz path, a folder) into a package snapshot.
 * Registry specs go through pacote; files and folders are read as data.
 */
import { readFile, stat } from "node:fs/promises";
import npa from "npm-package-arg";
import { McpGuardError } from "../common/errors.js";
import type { Limits } from "../common/limits.js";
import type { PackageSnapshot } from "../review/types.js";
import { readFolder } from "./folder.js";
import type { RegistryOptions } from "./registry.js";
import { readTarball } from "./tarball.js";

export type SpecKind =
  | { kind: "registry"; spec: string; name: string }
  | { kind: "tgz" | "folder"; path: string };

async function pathKind(p: string): Promise<"file" | "dir" | null> {
  try {
    const st = await stat(p);
    return st.isDirectory() ? "dir" : st.isFile() ? "file" : null;
  } catch {
    return null;
  }
}

/** Classifies a spec; refuses git, URL and versionless registry specs with a clear message. */
export async function classifySpec(input: string): Promise<SpecKind> {
  if (!input) throw new McpGuardError("E_MCPGUARD_USAGE", "a package spec is required");
  const onDisk = await pathKind(input);
  if (onDisk === "dir") return { kind: "folder", path: input };
  if (onDisk === "file") {
    if (/\.(?:tgz|tar\.gz)$/i.test(input)) return { kind: "tgz", path: input };
    throw new McpGuardError("E_MCPGUARD_BAD_SPEC", `${input}: a file must be a .tgz package tarball`);
  }
  if (/\.(?:tgz|tar\.gz)$/i.test(input) || input.startsWith(".") || input.startsWith("/")) {
    throw new McpGuardError("E_MCPGUARD_BAD_SPEC", `${input}: no such file or folder`);
  }
  let parsed: ReturnType<typeof npa>;
  try {
    parsed = npa(input);
  } catch (e) {
    throw new McpGuardError("E_MCPGUARD_BAD_SPEC", `${input}: not a package spec (${(e as Error).message})`);
  }
  if (
    parsed.type === "git" ||
    parsed.type === "remote" ||
    parsed.type === "file" ||
    parsed.type === "directory"
  ) {
    throw new McpGuardError(
      "E_MCPGUARD_REFUSED_SPEC",
      `${input}: ${parsed.type} specs are refused; use name@version from the registry, a .tgz or a folder`,
    );
  }
  if (parsed.type === "alias") {
    throw new McpGuardError(
      "E_MCPGUARD_REFUSED_SPEC",
      `${input}: alias specs are refused; name the real package`,
    );
  }
  const rawSpec = parsed.rawSpec;
  if (!parsed.name || rawSpec === "" || rawSpec === "*" || !input.slice(1).includes("@")) {
    throw new McpGuardError(
      "E_MCPGUARD_BAD_SPEC",
      `${input}: missing version; write ${parsed.name ?? input}@<version> (for example ${parsed.name ?? input}@1.0.0)`,
    );
  }
  return { kind: "registry", spec: input, name: parsed.name };
}

export interface LoadOptions extends RegistryOptions {
  limits: Limits;
}

export async function loadPackage(input: string, opts: LoadOptions): Promise<PackageSnapshot> {
  const what = await classifySpec(input);
  if (what.kind === "registry") {
    // pacote (and sigstore under it) takes ~0.4 s to load: only when a registry is really asked.
    const { fetchRegistryPackage } = await import("./registry.js");
    return fetchRegistryPackage(what.spec, opts, opts.limits);
  }
  if (what.kind === "folder") return readFolder(what.path, opts.limits);
  const st = await stat(what.path);
  if (st.size > opts.limits.maxTarballBytes) {
    throw new McpGuardError(
      "E_MCPGUARD_LIMIT",
      `${what.path}: tarball is ${st.size} bytes, over the ${opts.limits.maxTarballBytes}-byte limit`,
    );
  }
  return readTarball(what.path, await readFile(what.path), opts.limits);
}

/**
 * `mcp-guard diff postmark-mcp@1.0.15 1.0.16`: a bare version (or tag) as the new spec
 * means the old package's name at that version.
 */
export function expandNewSpec(oldInput: string, newInput: string, old: SpecKind): string {
  const bare = /^[~^]?v?\d+(?:\.\d+){0,2}(?:[-+][\w.-]+)?$|^(?:latest|next|beta|alpha|canary)$/.test(
    newInput,
  );
  if (!bare) return newInput;
  if (old.kind !== "registry") {
    throw new McpGuardError(
      "E_MCPGUARD_USAGE",
      `"${newInput}" is a bare version; it needs a registry spec before it (got ${oldInput})`,
    );
  }
  return `${old.name}@${newInput}`;
}
