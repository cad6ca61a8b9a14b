/**
 * The process's configuration from its environment, checked before anything starts, so a set-up
 * mistake is named (which variable, which file) instead of surfacing as a library's message.
 */
import { createPrivateKey } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { McpGuardError } from "../common/errors.js";

const configError = (message: string) => new McpGuardError("E_MCPGUARD_CONFIG", message);

/**
 * Loads `.env` from the working directory when there is one (as `.env.example` says). Variables
 * already set in the environment win over the file. Returns the file loaded, if any.
 */
export function loadDotEnv(dir = process.cwd()): string | null {
  const file = resolve(dir, ".env");
  if (!existsSync(file)) return null;
  try {
    process.loadEnvFile(file);
  } catch (e) {
    throw configError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return file;
}

function assertPrivateKey(pem: string, what: string): string {
  try {
    createPrivateKey(pem);
  } catch (e) {
    throw configError(
      `${what} is not a PEM private key (${(e as Error).message}); use the .pem file generated in the GitHub App's settings`,
    );
  }
  return pem;
}

/**
 * The app's private key: `PRIVATE_KEY` (PEM text, with literal "\n" allowed for one-line files, or
 * base64 of the PEM) or else the file `PRIVATE_KEY_PATH` names. Missing, unreadable or invalid: a
 * clear error naming the variable (and the path).
 */
export function privateKeyFrom(env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  const inline = env.PRIVATE_KEY?.trim();
  if (inline) {
    const pem = inline.includes("-----BEGIN")
      ? inline.replace(/\\n/g, "\n")
      : Buffer.from(inline, "base64").toString("utf8");
    return assertPrivateKey(pem, "PRIVATE_KEY");
  }
  const path = env.PRIVATE_KEY_PATH?.trim();
  if (!path) {
    throw configError(
      "the app's private key is not configured: set PRIVATE_KEY (the PEM text) or PRIVATE_KEY_PATH (the path of the .pem file)",
    );
  }
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "there is no such file"
        : code === "EACCES"
          ? "this process may not read it (permission denied)"
          : code === "EISDIR"
            ? "it is a folder"
            : (e as Error).message;
    throw configError(`PRIVATE_KEY_PATH is ${file}, but ${why}`);
  }
  return assertPrivateKey(text, `PRIVATE_KEY_PATH (${file})`);
}

/** The app's numeric id (`APP_ID`). */
export function appIdFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.APP_ID?.trim() ?? "";
  if (!/^[1-9]\d*$/.test(raw)) {
    throw configError(
      raw
        ? `APP_ID must be the GitHub App's numeric id (App ID in its settings), not "${raw.slice(0, 40)}"`
        : "APP_ID is not set: give the GitHub App's numeric id (App ID in its settings)",
    );
  }
  return Number(raw);
}

/** A duration in milliseconds from the environment, or its default; anything else is refused. */
export function msFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw))
    throw configError(`${name} must be a whole number of milliseconds, not "${raw.slice(0, 40)}"`);
  return Number(raw);
}
