// The record survives failures: a change whose note failed is recorded by the next run as the
// earlier job's; the status note is repaired by any run, even one that changes nothing; an edit
// made with the token's own account between our read and our write is noticed. Faults are
// injected into the sandbox over HTTP; nothing here depends on timing.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import { applyIssueChange } from "../../../src/sandbox/issue-change.js";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { ANY_READ, WRITES } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { DEVELOPER, FLAG, ISSUE_IID, PROJECT, rolloutWorldSeed } from "../../helpers/seeds.js";

const WRITES_NON_PRODUCTION = [
  ...ANY_READ,
  WRITES.flag("dev"),
  WRITES.flag("staging"),
  WRITES.note,
  WRITES.unlease,
  WRITES.editNote,
  WRITES.issue,
];
const NOTES_PATH = "/projects/:id/issues/:noteable_id/notes";

describe("the record survives failures", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed());
  const home = () => sb.state("production");
  const userNotes = () =>
    home()
      .notes(PROJECT, ISSUE_IID)
      .filter((n) => !n.system);
  const auditNotes = () => userNotes().filter((n) => readMarker(n.body) !== undefined);
  const statusNotes = () => userNotes().filter((n) => n.body.includes("ff-rollout:status-note"));
  const leases = () => userNotes().filter((n) => n.body.includes("ff-rollout:lease"));
  const setup = () => sandboxCliSetup((n) => sb.instanceUrl(n));
  const job = (s: ReturnType<typeof setup>, id: string) => ({
    ...s,
    env: { ...s.env, ...ciEnv(id) },
  });

  it("records a change whose note failed as the earlier job's, on the retry", async () => {
    sb.expectRequests(WRITES_NON_PRODUCTION);
    // The lease note goes through; the audit note after the flag writes does not.
    sb.sandbox.faults.add({
      instance: "production",
      method: "POST",
      path: NOTES_PATH,
      after: 1,
      times: 1,
      kind: "status",
      status: 500,
    });
    const s = setup();
    const first = await runCli(s.args("run", "non-production"), job(s, "1001"));
    expect(first.code).toBe(3);
    expect(sb.state("dev").features.get(FLAG)?.boolean).toBe(true);
    expect(auditNotes()).toEqual([]);
    expect(leases()).toHaveLength(1); // left behind as the evidence

    // GitLab retries the job with a new id, in the same pipeline.
    const retry = await runCli(s.args("run", "non-production"), job(s, "1002"));
    expect(retry.stderr).toBe("");
    expect(retry.code).toBe(0);
    expect(auditNotes()).toHaveLength(1);
    const note = auditNotes()[0]!;
    const event = readMarker(note.body)!;
    expect(event).toMatchObject({ phase: "non-production", outcome: "done" });
    expect(event.job?.id).toBe("1001");
    expect(event.job?.url).toMatch(/\/jobs\/1001$/);
    expect(event.recordedBy?.job?.id).toBe("1002");
    expect(event.instances.map((i) => [i.environment, i.status, i.after.boolean])).toEqual([
      ["dev", "changed", true],
      ["staging", "changed", true],
    ]);
    expect(note.body).toContain("whose own note failed");
    expect(note.body).not.toContain("Nothing needed changing");
    expect(leases()).toEqual([]);
    expect(statusNotes()).toHaveLength(1);
    expect(statusNotes()[0]!.body).toContain("dev off → on; staging off → on | done |");
  });

  it("repairs the status note on a run that changes nothing", async () => {
    sb.expectRequests(WRITES_NON_PRODUCTION);
    // Lease and audit note go through; the status note does not.
    sb.sandbox.faults.add({
      instance: "production",
      method: "POST",
      path: NOTES_PATH,
      after: 2,
      times: 1,
      kind: "status",
      status: 500,
    });
    const s = setup();
    const first = await runCli(s.args("run", "non-production"), job(s, "1001"));
    expect(first.code).toBe(0);
    expect(first.stdout + first.stderr).toContain("could not update the status note");
    expect(statusNotes()).toEqual([]);

    const again = await runCli(s.args("run", "non-production"), job(s, "1003"));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing changed, so no note was added.");
    expect(auditNotes()).toHaveLength(1);
    expect(statusNotes()).toHaveLength(1);
    expect(statusNotes()[0]!.body).toContain("| 1 | non-production |");
    expect(leases()).toEqual([]);
  });

  it("notices an edit made with the token's own account between its read and its write", async () => {
    sb.expectRequests(WRITES_NON_PRODUCTION);
    const person = "- [ ] Checked the change on staging.";
    // Someone using the bot's own account (here: the issues token's user) ticks a person's item
    // and adds a line while the job is between its read and its write of the description.
    sb.sandbox.faults.add({
      instance: "production",
      method: "PUT",
      path: "/projects/:id/issues/:iid",
      times: 1,
      kind: "hook",
      when: "before",
      run: ({ state }) => {
        const issue = state.issue(PROJECT, ISSUE_IID);
        const dana = state.userByUsername(DEVELOPER.username)!;
        const ticked = (issue.description ?? "").replace(
          person,
          "- [x] Checked the change on staging.",
        );
        applyIssueChange(state, issue, dana, { description: ticked });
        applyIssueChange(state, issue, dana, {
          description: `A line added meanwhile.\n\n${ticked}`,
        });
      },
    });
    const s = setup();
    const result = await runCli(s.args("run", "non-production"), job(s, "1001"));
    expect(result.code).toBe(0);
    const description = home().issue(PROJECT, ISSUE_IID).description ?? "";
    // The tick is put back; the added line could not be, and is reported.
    expect(description).toContain("- [x] Checked the change on staging.");
    expect(result.stdout + result.stderr).toContain(
      `@${DEVELOPER.username} edited the rollout issue's description`,
    );
  });
});
