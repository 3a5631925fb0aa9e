// Runs phases through the CLI against a strict sandbox, as CI jobs would: each call is one job
// (its own CI_JOB_NAME), the config points at the sandbox, reads are allowed broadly and writes
// must be declared by the test.

import { readMarker } from "../../src/report/marker.js";
import { runCli } from "./cli.js";
import { ciEnv, sandboxCliSetup } from "./cli-setup.js";
import type { StrictSandbox } from "./sandbox.js";
import { ISSUE_IID, PROJECT } from "./seeds.js";

/** Any GET on any instance: reads are not what these tests are about. */
export const ANY_READ = ["dev", "staging", "production"].flatMap((instance) =>
  [1, 2, 3, 4, 5, 6, 7].map(
    (depth) =>
      `GET /${instance}/api/v4${Array.from({ length: depth }, (_, i) => `/:p${i}`).join("")}`,
  ),
);

export const WRITES = {
  flag: (instance: string) => `POST /${instance}/api/v4/features/:name`,
  /** Audit, status and lease notes. */
  note: "POST /production/api/v4/projects/:id/issues/:iid/notes",
  /** A released lease (lease.ts). */
  unlease: "DELETE /production/api/v4/projects/:id/issues/:iid/notes/:note_id",
  editNote: "PUT /production/api/v4/projects/:id/issues/:iid/notes/:note_id",
  issue: "PUT /production/api/v4/projects/:id/issues/:iid",
  link: "POST /production/api/v4/projects/:id/issues/:iid/links",
};

export function phaseRunner(sb: StrictSandbox, config: Record<string, unknown> = {}) {
  const setup = () => sandboxCliSetup((n) => sb.instanceUrl(n), config);
  let s: ReturnType<typeof setup> | undefined;
  const home = () => sb.state("production");
  return {
    async run(...args: string[]) {
      s ??= setup();
      const job = args[0] === "run" ? args.slice(1).join("-") : args[0]!;
      return runCli(s.args(...args), {
        cwd: s.dir,
        env: { ...s.env, ...ciEnv(String(Date.now()), `ff-rollout:${job}`) },
      });
    },
    flag: (instance: string, name: string) => sb.state(instance).features.get(name),
    /** Audit notes (with our marker) on the rollout issue, oldest first. */
    auditNotes: () =>
      home()
        .notes(PROJECT, ISSUE_IID)
        .filter((n) => !n.system && readMarker(n.body) !== undefined),
    description: () => home().issue(PROJECT, ISSUE_IID).description ?? "",
    /** The box ("- [x]" or "- [ ]") of the first checklist line containing `text`. */
    box: (text: string) =>
      (home().issue(PROJECT, ISSUE_IID).description ?? "")
        .split("\n")
        .find((l) => l.includes(text))
        ?.trim()
        .slice(0, 5),
    writes: () => sb.requests().filter((r) => r.method !== "GET"),
    advanceMinutes: (minutes: number) => sb.sandbox.clock.advance(minutes * 60_000),
  };
}
