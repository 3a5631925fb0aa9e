// The rollout component's stage map (the hidden key its jobs' `stage: !reference` points into):
// for `stages: single` every phase maps to the `stage` input, for `stages: per-phase` each phase
// to its own <phase>_stage input; the options of `stages` are exactly the map's halves, and the
// README gives the per-phase defaults, in the template's order, as the stages list to paste.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { perPhaseStages, templateInputs, templateText } from "../../helpers/component-templates.js";

const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

const [, body] = parseAllDocuments(templateText("rollout"));
const keys = body?.toJS() as Record<string, unknown>;
const mapKey = Object.keys(keys).find((key) => key.startsWith(".")) ?? "";
const map = keys[mapKey] as Record<string, Record<string, string>>;
const phases = Object.keys(keys)
  .filter((key) => !key.startsWith("."))
  .map((key) => key.split(":").at(-1) ?? key);
const inputs = templateInputs("rollout");
/** Optional steps that share the stage of the phase they belong to (no stage of their own). */
const SHARED: Record<string, string> = {
  "non-production-percentage": "non-production",
  // A watch job shares the stage of the step it follows; the scheduled step, the percentages'.
  "production-actors-watch": "production-actors",
  advance: "rollout",
  "advance-watch": "rollout",
  "global-watch": "global",
};

describe("the rollout component's stage map", () => {
  it("has one half per option of the stages input, each with every phase in job order", () => {
    expect(Object.keys(map)).toEqual(inputs.stages?.options);
    for (const half of Object.values(map)) expect(Object.keys(half)).toEqual(phases);
  });

  it("maps every phase to the stage input (single) or to its own input (per-phase)", () => {
    for (const phase of phases) {
      expect(map.single?.[phase]).toBe("$[[ inputs.stage ]]");
      const input = `${(SHARED[phase] ?? phase).replaceAll("-", "_")}_stage`;
      expect(map["per-phase"]?.[phase], phase).toBe(`$[[ inputs.${input} ]]`);
      expect(inputs[input], input).toMatchObject({ type: "string", regex: inputs.stage?.regex });
    }
  });

  it("is what the README's stages list to paste names, in the same order", () => {
    const list = README.match(/<!-- stages:per-phase -->\s*```yaml\n([\s\S]*?)```/)?.[1];
    expect(list, "README: <!-- stages:per-phase --> and a yaml block after it").toBeDefined();
    const listed = [...(list ?? "").matchAll(/^ {2}- (\S+)/gm)].map((m) => m[1]);
    expect(listed.filter((stage) => stage?.startsWith("ff-"))).toEqual(perPhaseStages());
    expect(perPhaseStages()).toHaveLength(phases.filter((phase) => !SHARED[phase]).length);
  });
});
