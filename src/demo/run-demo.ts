// `ff-rollout demo` / `npm run demo`: the told demo, with its scenes, health checks and
// notifications (run-story.ts runs it). Kept apart so that main's on-demand import of this file
// stays a chunk of its own while the benchmarks import run-story.ts directly.

import type { CommandContext } from "../commands/context.js";
import { type Cli, runDemo } from "./run-story.js";

export type { Cli } from "./run-story.js";

export async function demoCommand(cmd: CommandContext, main: Cli): Promise<number> {
  return (await runDemo(cmd, main, { scenes: true, services: true })).code;
}
