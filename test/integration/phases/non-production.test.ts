// `ff-rollout run non-production` end to end against the sandbox: the flag set where it is not
// on yet, one audit note, the checklist ticked; idempotent re-runs; dry runs that write nothing;
// a failure part-way that says what changed and a re-run that finishes the job.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { LEASE_RELEASE, RELEASE_READS, WHO_AM_I } from "../../helpers/requests.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, ISSUE_IID, PROJECT, rolloutWorldSeed } from "../../helpers/seeds.js";

const ISSUE = "/production/api/v4/projects/:id/issues/:iid";
// Every run reads the flags it covers, the issue (what its checklist leaves to tick) and its
// notes (its history) before planning.
const READS = [
  "GET /dev/api/v4/features",
  "GET /staging/api/v4/features",
  `GET ${ISSUE}`,
  `GET ${ISSUE}/notes`,
  WHO_AM_I,
  ...RELEASE_READS,
];

describe("run non-production", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed());
  const userNotes = () =>
    sb
      .state("production")
      .notes(PROJECT, ISSUE_IID)
      .filter((n) => !n.system);
  // Audit notes carry the JSON marker; the one status note carries its own.
  const notes = () => userNotes().filter((n) => readMarker(n.body) !== undefined);
  const statusNotes = () => userNotes().filter((n) => n.body.includes("ff-rollout:status-note"));
  const description = () => sb.state("production").issue(PROJECT, ISSUE_IID).description ?? "";
  const writes = () => sb.requests().filter((r) => r.method !== "GET");

  it("sets the flag on every non-production instance, posts one note and ticks the item", async () => {
    sb.expectRequests([
      ...READS,
      { request: "POST /dev/api/v4/features/:name", times: 1 },
      { request: "POST /staging/api/v4/features/:name", times: 1 },
      // The lease, the audit note and the status note; the lease is deleted after.
      { request: `POST ${ISSUE}/notes`, times: 3 },
      { request: LEASE_RELEASE, times: 1 },
      `GET ${ISSUE}`,
      { request: `PUT ${ISSUE}`, times: 1 },
    ]);
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const result = await runCli(s.args("run", "non-production"), s);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(sb.state("dev").features.get(FLAG)?.boolean).toBe(true);
    expect(sb.state("staging").features.get(FLAG)?.boolean).toBe(true);
    expect(sb.state("production").features.get(FLAG)?.boolean).toBe(false);
    expect(result.stdout).toContain("dev: set true ✓");

    const [note] = notes();
    expect(notes()).toHaveLength(1);
    expect(note!.body).toContain("| dev | off | on | changed |");
    expect(note!.body).toContain("| staging | off | on | changed |");
    const event = readMarker(note!.body);
    expect(event).toMatchObject({ phase: "non-production", flag: FLAG, outcome: "done" });
    expect(statusNotes()).toHaveLength(1);
    expect(statusNotes()[0]!.body).toContain("| 1 | non-production |");
    expect(statusNotes()[0]!.body).toContain("```mermaid");

    expect(description()).toContain(
      `- [x] \`/chatops run feature set ${FLAG} true --dev --staging\``,
    );
    expect(description()).toContain("- [ ] Checked the change on staging.");
  });

  it("changes nothing and adds no note when run again", async () => {
    sb.expectRequests([
      ...READS,
      "POST /dev/api/v4/features/:name",
      "POST /staging/api/v4/features/:name",
      `POST ${ISSUE}/notes`,
      LEASE_RELEASE,
      `GET ${ISSUE}`,
      `PUT ${ISSUE}`,
    ]);
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    expect((await runCli(s.args("run", "non-production"), s)).code).toBe(0);
    sb.sandbox.clearLog();
    const again = await runCli(s.args("run", "non-production"), s);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already on in every non-production instance");
    expect(again.stdout).toContain("Nothing changed, so no note was added.");
    expect(writes()).toEqual([]);
    expect(userNotes()).toHaveLength(2);
  });

  it("sends no write request with --dry-run", async () => {
    sb.expectRequests(READS);
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const result = await runCli(s.args("run", "non-production", "--dry-run"), s);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Plan: set `sandbox_rollout_flag` to true on 2 non-production instances",
    );
    expect(result.stdout).toContain("Dry run: nothing was written.");
    expect(writes()).toEqual([]);
  });

  it("stops part-way with exit 3, says what changed, and a re-run finishes only what is left", async () => {
    sb.expectRequests([
      ...READS,
      "POST /dev/api/v4/features/:name",
      "POST /staging/api/v4/features/:name",
      `POST ${ISSUE}/notes`,
      `PUT ${ISSUE}/notes/:note_id`,
      LEASE_RELEASE,
      `GET ${ISSUE}`,
      `PUT ${ISSUE}`,
    ]);
    sb.sandbox.faults.add({
      instance: "staging",
      method: "POST",
      path: "/features/:name",
      kind: "status",
      // A flag write is retried on 5xx (it sets a value); an answer like 403 is final.
      status: 403,
      times: 1,
    });
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const env = { ...s.env, ...ciEnv("1001") };
    const first = await runCli(s.args("run", "non-production"), { ...s, env });
    expect(first.code).toBe(3);
    expect(first.stderr).toContain("failed with 403");
    expect(first.stderr).toContain(
      "Stopped part-way (changed: dev; failed: staging; not changed: none)",
    );
    expect(sb.state("dev").features.get(FLAG)?.boolean).toBe(true);
    expect(sb.state("staging").features.get(FLAG)?.boolean).toBe(false);
    expect(notes()).toHaveLength(1);
    expect(notes()[0]!.body).toContain("**Stopped part-way.**");
    expect(readMarker(notes()[0]!.body)?.outcome).toBe("partial");
    // Nothing is ticked while the phase is unfinished.
    expect(description()).not.toContain("- [x]");

    // The job is retried: GitLab gives it a new id in the same pipeline.
    sb.sandbox.clearLog();
    const retry = await runCli(s.args("run", "non-production"), {
      ...s,
      env: { ...s.env, ...ciEnv("1002") },
    });
    expect(retry.code).toBe(0);
    expect(sb.requests({ method: "POST", path: "/features/:name" }).map((r) => r.instance)).toEqual(
      ["staging"],
    );
    expect(notes()).toHaveLength(1);
    const merged = readMarker(notes()[0]!.body)!;
    expect(merged.outcome).toBe("done");
    expect(merged.instances.map((i) => [i.environment, i.status])).toEqual([
      ["dev", "changed"],
      ["staging", "changed"],
    ]);
    expect(merged.job?.id).toBe("1002");
    expect(statusNotes()).toHaveLength(1);
    expect(statusNotes()[0]!.body).toContain("dev off → on; staging off → on | done |");
    expect(description()).toContain(
      `- [x] \`/chatops run feature set ${FLAG} true --dev --staging\``,
    );
  });

  it("refuses --force without --reason, before any request", async () => {
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const result = await runCli(s.args("run", "non-production", "--force"), s);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage error: --force: needs a reason; add --reason "..."');
    expect(sb.requests()).toEqual([]);
  });
});
