// A history no commenter can forge. Anyone who may comment on the rollout issue can paste the
// tool's markers; only notes by the issues token's user (or trusted_authors) count, their time is
// GitLab's created_at, and `status` shows what was ignored. Notes are posted over HTTP with each
// user's own token, so GitLab's rules (author, created_at) decide, as they would on GitLab.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../src/report/marker.js";
import { readMarker } from "../../../src/report/marker.js";
import { renderNote } from "../../../src/report/note.js";
import { STATUS_NOTE_MARKER } from "../../../src/report/status-note.js";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { COMMENTER, OTHER_BOT, postNoteAs, withOtherAuthors } from "../../helpers/other-authors.js";
import { ANY_READ, phaseRunner, WRITES } from "../../helpers/phase-runner.js";
import { readinessSeed } from "../../helpers/readiness-seed.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, ISSUE_IID, PROJECT, rolloutWorldSeed, TOKENS } from "../../helpers/seeds.js";

const ALL_DEPLOYED = { "gprd-cny": "merge", gprd: "merge" } as const;
const CONFIG = { percentages: [1, 10], milestone: "19.7" };

/** A marker as the tool writes it, claiming `phase` ran, with no instance. */
function claim(phase: string, at = "2026-11-26T09:00:00.000Z"): string {
  const event: AuditEvent = {
    v: 1,
    kind: "phase",
    phase,
    flag: FLAG,
    at,
    outcome: "done",
    by: "dana",
    instances: [],
  };
  return renderNote(event, `${phase} done`);
}

describe("a history no commenter can forge", () => {
  const sb = useStrictSandbox(() =>
    withOtherAuthors(rolloutWorldSeed({ deployedAt: ALL_DEPLOYED })),
  );
  const notes = () => sb.state("production").notes(PROJECT, ISSUE_IID);

  it("ignores a commenter's markers: a fresh rollout's production step still refuses, and status lists each once", async () => {
    sb.expectRequests([...ANY_READ, WRITES.note]);
    for (const phase of ["non-production", "production-actors", "prepare"])
      await postNoteAs(sb, COMMENTER.token, claim(phase));
    const p = phaseRunner(sb, CONFIG);

    const step = await p.run("run", "rollout", "--percentage", "1");
    expect(step.code).toBe(1);
    expect(step.stderr).toContain("the prepare phase has not run yet");
    expect(p.flag("production", FLAG)).toMatchObject({ boolean: false, percentage_of_actors: 0 });

    const status = await p.run("status");
    const ignored = status.stdout.split("\n").filter((l) => l.includes("IGNORED:"));
    expect(ignored).toHaveLength(3);
    for (const [i, phase] of ["non-production", "production-actors", "prepare"].entries()) {
      expect(ignored[i]).toContain(`by ${COMMENTER.username}`);
      expect(ignored[i]).toContain(`a ${phase} run (done)`);
      expect(ignored[i]).toMatch(/#note_\d+ /);
    }
    expect(status.stdout).toContain("no phase has run yet");
  });

  it("counts the markers of a user named in trusted_authors", async () => {
    sb.expectRequests([...ANY_READ, WRITES.note]);
    await postNoteAs(sb, OTHER_BOT.token, claim("prepare"));
    await postNoteAs(sb, COMMENTER.token, claim("prepare"));
    const p = phaseRunner(sb, { ...CONFIG, trusted_authors: [OTHER_BOT.username] });
    // The one JSON result of the CLI: the status itself is its `result`.
    const status = JSON.parse((await p.run("status", "--json")).stdout).result;
    expect(status.rollout.runs.map((r: { phase: string }) => r.phase)).toEqual(["prepare"]);
    expect(status.rollout.ignored.map((n: { author: string }) => n.author)).toEqual([
      COMMENTER.username,
    ]);
  });

  it("does not take a comment carrying the status-note marker for its status note", async () => {
    sb.expectRequests([
      ...ANY_READ,
      WRITES.flag("dev"),
      WRITES.flag("staging"),
      WRITES.note,
      WRITES.unlease,
      WRITES.issue,
    ]);
    const bait = `Looks good to me.\n\n${STATUS_NOTE_MARKER(FLAG)}`;
    const posted = await postNoteAs(sb, COMMENTER.token, bait);
    const p = phaseRunner(sb, CONFIG);
    const result = await p.run("run", "non-production");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(
      sb.requests({ method: "PUT", path: "/projects/:id/issues/:iid/notes/:note_id" }),
    ).toEqual([]);
    expect(notes().find((n) => n.id === posted.id)?.body).toBe(bait);
    const ours = notes().filter(
      (n) => n.body.includes(STATUS_NOTE_MARKER(FLAG)) && n.authorId === 2,
    );
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain("| 1 | non-production |");
  });

  it("measures the soak from GitLab's time of the note, not from a time written in a marker", async () => {
    sb.expectRequests([
      ...ANY_READ,
      WRITES.flag("dev"),
      WRITES.flag("staging"),
      WRITES.flag("production"),
      WRITES.note,
      WRITES.unlease,
      WRITES.editNote,
      WRITES.issue,
    ]);
    const p = phaseRunner(sb, CONFIG);
    for (const phase of ["non-production", "production-actors", "prepare"])
      expect((await p.run("run", phase)).code).toBe(0);
    p.advanceMinutes(16); // the soak after production-actors
    expect((await p.run("run", "rollout", "--percentage", "1")).code).toBe(0);
    p.advanceMinutes(5);

    // The last step reposted with a time two hours back: by a commenter, and by the token's own
    // user (a person pasting into the bot's session). Neither ends the soak early.
    const last = p.auditNotes().at(-1)!;
    const event = readMarker(last.body)!;
    const backdated = renderNote({ ...event, at: "2026-11-26T08:00:00.000Z" }, "rollout 1%");
    await postNoteAs(sb, COMMENTER.token, backdated);
    await postNoteAs(sb, TOKENS.production.user, backdated);

    const early = await p.run("run", "rollout", "--percentage", "10");
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/soak: only \d+ min since the last production change/);
    expect(p.flag("production", FLAG)?.percentage_of_actors).toBe(1);
  });
});

describe("readiness --all and forged flag names", () => {
  const sb = useStrictSandbox(() =>
    withOtherAuthors(
      readinessSeed([
        {
          name: "steady_flag",
          production: { percentage_of_actors: 25 },
          recorded: [{ production: { percentageOfActors: 25 }, minutesAgo: 60 }],
        },
        { name: "unnamed", title: "Roll out the new widget", description: "No command here." },
      ]),
    ),
  );

  it("resolves a flag only from trusted notes, and only a name GitLab allows", async () => {
    // readiness --all reads the open issues and their notes in one GraphQL request.
    sb.expectRequests([
      ...ANY_READ,
      WRITES.note,
      WRITES.editNote,
      { request: "POST /production/api/graphql", times: 1 },
    ]);
    // Issue 101 names no flag; a commenter's marker names one, and so does a marker of the
    // token's own user that carries a name no GitLab flag can have.
    await postNoteAs(sb, COMMENTER.token, claim("prepare").replaceAll(FLAG, "steady_flag"), 101);
    await postNoteAs(
      sb,
      TOKENS.production.user,
      claim("prepare").replaceAll(FLAG, "Bad Name"),
      101,
    );
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
      flag: "steady_flag",
      rollout_issue: `${PROJECT}#100`,
      readiness: { project: PROJECT },
    });
    const result = await runCli(s.args("readiness", "--all"), { cwd: s.dir, env: s.env });
    const report = JSON.parse(readFileSync(join(s.dir, "ff-rollout-readiness.json"), "utf8"));
    const byFlag = new Map(report.flags.map((f: { flag: string }) => [f.flag, f]));
    expect([...byFlag.keys()].sort()).toEqual(["(gitlab-org/gitlab#101)", "steady_flag"]);
    const unresolved = byFlag.get("(gitlab-org/gitlab#101)") as { checks: { reason: string }[] };
    expect(unresolved.checks[0]!.reason).toContain("cannot tell which flag this issue rolls out");
    expect(result.stdout + result.stderr).not.toContain("Bad Name");
  });
});
