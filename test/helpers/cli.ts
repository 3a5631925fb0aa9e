// Runs the CLI in-process (main) with a captured stdout and stderr, as the real binary would
// run, minus the process around it. Tests that need a real process use runBinary().

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../../src/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: string[],
  options: { env: Record<string, string>; cwd: string },
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    env: options.env,
    cwd: options.cwd,
    sink: {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    },
  });
  return { code, stdout, stderr };
}

const BINARY = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/** Runs dist/cli.js as its own process (npm test builds it first). */
export function runBinary(
  args: string[],
  options: { env: Record<string, string>; cwd: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BINARY, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? "", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
