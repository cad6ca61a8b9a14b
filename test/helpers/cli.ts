/** Runs the CLI in-process and captures what it prints. */

import { join } from "node:path";
import { runCli } from "../../src/cli/run.js";
import type { Limits } from "../../src/common/limits.js";
import { ROOT } from "./fixtures.js";

/**
 * No test leaves the machine: malware intelligence from a folder with no records (tests of the
 * intelligence itself name the real records of fixtures/intel), and a registry on a
 * closed loopback port for the publishing history of tarball and folder inputs (tests that use a
 * registry pass theirs).
 */
export const OFFLINE = {
  MCP_GUARD_OSV_DIR: join(ROOT, "fixtures", "intel", "osv", "none"),
  MCP_GUARD_REGISTRY: "http://127.0.0.1:9",
};

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  args: string[],
  env: Record<string, string> = {},
  limits?: Partial<Limits>,
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...OFFLINE, ...env },
    limits,
  });
  return { code, stdout, stderr };
}
