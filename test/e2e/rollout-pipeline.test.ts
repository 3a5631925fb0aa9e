// The rollout component run by gitlab-ci-local against the sandbox, as a person would use it:
// the push pipeline runs status and leaves every phase waiting; then each phase job is played
// in order, and after each the flag on every instance, the audit note and the ticks are checked;
// to the end: release and cleanup open their merge requests, a person merges the cleanup MR,
// production deploys it, and cleanup deletes the flag everywhere and closes the issues.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { perPhaseStages } from "../helpers/component-templates.js";
import { artifacts } from "./helpers/gitlab-ci-local.js";
import { STEPS, type Step } from "./helpers/phases.js";
import { startWorld, type World, type WorldOptions } from "./helpers/rollout-world.js";
import { describeE2e } from "./helpers/suite.js";

// Once with every job in one stage (the default), once with a stage per phase (the README's
// stages list): the same plays, in the same order, must give the same rollout.
// gitlab-ci-local logs each job's stage as it starts it: "<job> starting shell (<stage>)".
const LAYOUTS: { name: string; options: WorldOptions; stageOf: (phase: string) => string }[] = [
  { name: "in one stage", options: {}, stageOf: () => "deploy" },
  {
    name: "with one stage per phase",
    options: { inputs: { stages: "per-phase" }, stages: ["test", "deploy", ...perPhaseStages()] },
    stageOf: (phase) => `ff-${phase}`,
  },
];

describe.each(LAYOUTS)("the rollout component $name", ({ options, stageOf }) => {
  rolloutPlayedPhaseByPhase(options, stageOf);
});

function rolloutPlayedPhaseByPhase(
  options: WorldOptions,
  stageOf: (phase: string) => string,
): void {
  describeE2e("played phase by phase", () => {
    let world: World;
    beforeAll(async () => {
      world = await startWorld(options);
    });
    afterAll(async () => {
      await world?.stop();
    });

    it("push pipeline: status reports the flag and the issue, and every phase job waits", async () => {
      const result = await world.push();
      expect(result.output).toContain(`PASS  ${world.job("status")}`);
      expect(result.output).toContain(
        `${world.job("status")} starting shell (${stageOf("status")})`,
      );
      expect(result.code, result.output).toBe(0);
      // Only status ran: a manual job that ran would have printed its name with "starting".
      expect(result.output.match(/starting shell/g)).toHaveLength(1);
      // The JSON report is the job's artifact.
      const [report] = artifacts(world.project.dir, "ff-rollout-report.json");
      expect(JSON.stringify(JSON.parse(report ?? "null"))).toContain(world.flag);
      expect(await world.writes()).toEqual([]);
    });

    for (const step of STEPS) {
      const title = step.title ?? `plays ${step.job}`;
      it(`${title}: the flag, the audit note and the ticks`, () => play(step));
    }

    async function play(step: Step): Promise<void> {
      await step.before?.(world);
      if (step.soakMinutes) await world.sandbox.advanceClock(step.soakMinutes);
      const notesBefore = await world.auditNotes();
      const result = await world.play(step.job, step.variables);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain(`PASS  ${world.job(step.job)}`);
      expect(result.output).toContain(
        `${world.job(step.job)} starting shell (${stageOf(step.phase)})`,
      );

      for (const [instance, gates] of Object.entries(step.expect?.gates ?? {})) {
        const state = await world.sandbox.state(instance);
        expect(state.features[world.flag], `${instance} after ${step.job}`).toMatchObject(gates);
      }
      for (const instance of step.expect?.deleted ?? []) {
        const state = await world.sandbox.state(instance);
        expect(state.features[world.flag], `${instance} after ${step.job}`).toBeUndefined();
      }
      for (const iid of step.expect?.closed ?? []) {
        expect((await world.issue(iid))?.state, `issue #${iid}`).toBe("closed");
      }
      const mr = step.expect?.mergeRequest;
      if (mr) {
        const found = await world.mergeRequests(mr.sourceBranch);
        expect(
          found.map((m) => m.state),
          `merge requests from ${mr.sourceBranch}`,
        ).toEqual([mr.state]);
      }
      const notes = await world.auditNotes();
      const added = notes.slice(notesBefore.length);
      // Every finished play adds its note, a job played again too: only a retry of an attempt
      // that failed edits its note (audit-note.ts).
      expect(added.map((n) => n.phase)).toEqual([step.phase]);
      const note = notes.at(-1);
      expect(note?.phase).toBe(step.phase);
      if (step.expect?.note) expect(note?.body).toContain(step.expect.note);
      const checklist = await world.checklist();
      for (const item of step.expect?.ticked ?? []) {
        const line = checklist.split("\n").find((l) => l.includes(item));
        expect(line, `checklist item "${item}"`).toMatch(/^\s*- \[x\]/);
      }
    }
  });
}
