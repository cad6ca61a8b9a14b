/** Runs the CLI in-process and captures what it prints. */
import { runCli } from "../../src/cli/run.js";
import type { Limits } from "../../src/common/limits.js";

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
    env,
    limits,
  });
  return { code, stdout, stderr };
}
