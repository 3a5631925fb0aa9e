// The rollback's arguments, through the built CLI run as its own process (as the component runs
// it): free text never breaks parsing, whatever it starts with, and --environment turns off the
// named instances only.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/report/marker.js";
import { runBinary } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { ANY_READ, WRITES } from "../../helpers/phase-runner.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, ISSUE_IID, PROJECT, rolloutChecklist, standardSeed } from "../../helpers/seeds.js";

const CHECKLIST = [
  rolloutChecklist(),
  "",
  "### Rollback",
  "",
  `- [ ] QA fails on staging: \`/chatops run feature set ${FLAG} false --staging\``,
  `- [ ] Production misbehaves: \`/chatops run feature set ${FLAG} false\``,
].join("\n");

describe("rollback arguments (the CLI as a process)", () => {
  const sb = useStrictSandbox(() =>
    standardSeed({ flag: { boolean: true }, description: CHECKLIST }),
  );
  const run = (args: string[], env: Record<string, string> = {}) => {
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    return runBinary(s.args(...args), {
      cwd: s.dir,
      env: { ...s.env, ...ciEnv("5001", "ff-rollout:rollback"), ...env },
    });
  };
  const notes = () =>
    sb
      .state("production")
      .notes(PROJECT, ISSUE_IID)
      .map((n) => readMarker(n.body))
      .filter((e) => e !== undefined);
  const flag = (instance: string) => sb.state(instance).features.get(FLAG)?.boolean;
  const box = (text: string) =>
    (sb.state("production").issue(PROJECT, ISSUE_IID).description ?? "")
      .split("\n")
      .find((l) => l.includes(text))
      ?.slice(0, 5);

  it.each([
    ["--reason VALUE starting with -", ["--reason", "-5xx up after deploy"], {}],
    ["--reason=VALUE starting with --", ["--reason=--all hands"], {}],
    ["FF_ROLLOUT_REASON starting with -", [], { FF_ROLLOUT_REASON: "-x breaks checkout" }],
  ] as const)("%s: the flag is off and the reason recorded", async (_, extra, env) => {
    sb.expectRequests([...ANY_READ, WRITES.flag("production"), WRITES.note, WRITES.issue]);
    const result = await run(["run", "rollback", ...extra], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(flag("production")).toBe(false);
    const reason = extra[0]?.startsWith("--reason=") ? extra[0].slice(9) : (extra[1] ?? "");
    expect(notes().at(-1)?.reason).toBe(reason || Object.values(env)[0]);
  });

  it("--environment staging: only staging off, a note, no production tick", async () => {
    sb.expectRequests([
      ...ANY_READ,
      { request: WRITES.flag("staging"), times: 1 },
      WRITES.note,
      WRITES.issue,
    ]);
    const result = await run(["run", "rollback", "--environment", "staging", "--reason", "QA red"]);
    expect(result.code).toBe(0);
    expect(flag("staging")).toBe(false);
    expect(flag("production")).toBe(true);
    expect(flag("dev")).toBe(true);
    const event = notes().at(-1)!;
    expect(event.phase).toBe("rollback");
    expect(event.instances.map((i) => i.environment)).toEqual(["staging"]);
    expect(box("false --staging")).toBe("- [x]");
    expect(box(`${FLAG} false\``)).toBe("- [ ]");
  });

  it("FF_ROLLOUT_ENVIRONMENTS names the instances too (the component's variable)", async () => {
    sb.expectRequests([
      ...ANY_READ,
      { request: WRITES.flag("staging"), times: 1 },
      { request: WRITES.flag("dev"), times: 1 },
      WRITES.note,
      WRITES.issue,
    ]);
    const result = await run(["run", "rollback"], { FF_ROLLOUT_ENVIRONMENTS: "staging dev" });
    expect(result.code).toBe(0);
    expect([flag("dev"), flag("staging"), flag("production")]).toEqual([false, false, true]);
  });

  it.each([
    [
      ["--environment", "qa"],
      /Usage error: --environment "qa": not a configured environment; use one of: dev, staging, production/,
    ],
    [
      ["--environment", "staging", "--everywhere"],
      /--environment "staging": cannot be combined with --everywhere .*; name the instances, or use --everywhere alone/,
    ],
    [
      ["--environment", "Staging!"],
      /--environment "Staging!": not an environment name; name one as/,
    ],
  ])("%j: exit 2 before any request", async (extra, message) => {
    sb.expectRequests([]);
    const result = await run(["run", "rollback", ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(sb.requests()).toEqual([]);
  });
});
