// `npm test`'s first step: makes sure the system tools the tests need are there (system-tools.ts),
// installing the missing ones with apt-get when this user may (root, or sudo without a password),
// and otherwise failing with the exact command that installs them. A test that cannot run is a
// failure, never a skip, so this is where a missing tool is caught, before the build.
//
//   tsx scripts/setup.ts            check, install what is missing
//   tsx scripts/setup.ts --dry-run  check, and print what it would install and how

import { spawnSync } from "node:child_process";
import { echo } from "zx";
import { runScript } from "./lib/main.js";
import { isMain } from "./lib/repo.js";
import { SYSTEM_TOOLS, type SystemTool } from "./system-tools.js";

export type Privilege = "root" | "sudo" | "none";

/** The tools whose version command does not run. */
export function missingTools(
  tools: readonly SystemTool[] = SYSTEM_TOOLS,
  runs: (command: string, args: string[]) => boolean = commandRuns,
): SystemTool[] {
  return tools.filter((tool) => !runs(tool.command, tool.versionArgs));
}

export function commandRuns(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return !result.error && result.status === 0;
}

/** How this process may install system packages. */
export function privilege(): Privilege {
  if (process.getuid?.() === 0) return "root";
  return commandRuns("sudo", ["-n", "true"]) ? "sudo" : "none";
}

/** The commands that install `tools` on Debian or Ubuntu, as a person would type them. */
export function installCommands(tools: readonly SystemTool[], as: Privilege): string[][] {
  const sudo = as === "root" ? [] : ["sudo"];
  const packages = [...new Set(tools.map((tool) => tool.debianPackage))];
  return [
    [...sudo, "apt-get", "update", "-qq"],
    [
      ...sudo,
      "env",
      "DEBIAN_FRONTEND=noninteractive",
      "apt-get",
      "install",
      "-y",
      "-qq",
      ...packages,
    ],
  ];
}

export const shown = (command: string[]): string => command.join(" ");

/** What the set-up does on this machine; returns the exit code. */
export function setup(options: {
  dryRun: boolean;
  tools?: readonly SystemTool[];
  runs?: (command: string, args: string[]) => boolean;
  as?: Privilege;
  install?: (command: string[]) => boolean;
  say?: (line: string) => void;
}): number {
  const say = options.say ?? ((line: string) => echo(line));
  const tools = options.tools ?? SYSTEM_TOOLS;
  const missing = missingTools(tools, options.runs);
  if (missing.length === 0) {
    say(`setup: ${tools.map((tool) => tool.command).join(", ")} present`);
    return 0;
  }
  const names = missing.map((tool) => `${tool.command} (${tool.why})`).join("; ");
  const as = options.as ?? privilege();
  const commands = installCommands(missing, as === "none" ? "sudo" : as);
  if (as === "none") {
    say(`setup: missing ${names}.`);
    say("setup: this user may not install system packages; install them with:");
    for (const command of commands) say(`  ${shown(command)}`);
    return 1;
  }
  if (options.dryRun) {
    say(`setup: missing ${names}; would run:`);
    for (const command of commands) say(`  ${shown(command)}`);
    return 0;
  }
  say(`setup: missing ${names}; installing:`);
  const install = options.install ?? runVisibly;
  for (const command of commands) {
    say(`  ${shown(command)}`);
    if (!install(command)) {
      say(`setup: "${shown(command)}" failed; run it by hand and see its error.`);
      return 1;
    }
  }
  const still = missingTools(missing, options.runs);
  if (still.length > 0) {
    say(`setup: still missing after the install: ${still.map((t) => t.command).join(", ")}`);
    return 1;
  }
  return 0;
}

function runVisibly(command: string[]): boolean {
  const [program = "", ...args] = command;
  const result = spawnSync(program, args, { stdio: "inherit" });
  return !result.error && result.status === 0;
}

if (isMain(import.meta.url)) {
  await runScript("setup", "tsx scripts/setup.ts [--dry-run]", 0, (_args, dryRun) =>
    setup({ dryRun }),
  );
}
