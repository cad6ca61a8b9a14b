#!/usr/bin/env node
// Entry shim: no logic here, so tests can call runCli directly.
import { runCli } from "./cli/run.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
