// readiness --all and an open issue that only claims a flag: anyone who may open a labelled issue
// can title it with a flag's name. When the flag's definition names its rollout issue, a claim
// from any other issue covers nothing: the flag is checked against the history of the issue its
// definition names (here closed by release), and the claiming issue gets no readiness note.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SandboxSeed } from "../../../src/sandbox/index.js";
import { runCli } from "../../helpers/cli.js";
import { sandboxCliSetup } from "../../helpers/cli-setup.js";
import { COMMENTER, withOtherAuthors } from "../../helpers/other-authors.js";
import { readinessSeed, type SeedFlag } from "../../helpers/readiness-seed.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { PROJECT } from "../../helpers/seeds.js";

const READS = ["dev", "staging", "production"].flatMap((i) =>
  [1, 2, 3, 4, 5, 6].map(
    (d) => `GET /${i}/api/v4${Array.from({ length: d }, (_, k) => `/:p${k}`).join("")}`,
  ),
);
const NOTE = "POST /production/api/v4/projects/:id/issues/:iid/notes";
const GRAPHQL = "POST /production/api/graphql";
const INSTANCES = ["dev", "staging", "production"] as const;
const DAY = 24 * 60;

const FLAGS: SeedFlag[] = [
  // #100: released and closed; since then someone set production to 50 % by hand.
  {
    name: "released_flag",
    production: { boolean: false, percentage_of_actors: 50 },
    recorded: [{ production: { boolean: true }, minutesAgo: 3 * DAY }],
  },
];

function seed(): SandboxSeed {
  const base = withOtherAuthors(readinessSeed(FLAGS));
  for (const name of INSTANCES) {
    const instance = base.instances[name]!;
    instance.definitions = (instance.definitions ?? []).map((d) => ({
      ...d,
      rollout_issue_url: `http://unused/${PROJECT}/-/issues/100`,
    }));
  }
  const home = base.instances.production!;
  for (const issue of home.issues ?? []) issue.state = "closed";
  // A commenter's own labelled issue, claiming the flag in its title, open.
  home.issues!.push({
    project: PROJECT,
    iid: 104,
    title: "[Feature flag] Rollout of `released_flag`",
    description: "All done here, nothing to see.",
    labels: ["feature flag"],
    author: COMMENTER.username,
  });
  return base;
}

describe("readiness --all and an open issue claiming a flag", () => {
  const sb = useStrictSandbox(seed);

  it("checks the flag through the rollout issue its definition names, not the claimant", async () => {
    sb.expectRequests([NOTE, { request: GRAPHQL, times: 2 }, ...READS]);
    const home = sb.instanceUrl("production");
    for (const name of INSTANCES)
      for (const d of sb.state(name).definitions.values())
        d.rollout_issue_url = String(d.rollout_issue_url).replace("http://unused", home);
    const s = sandboxCliSetup((n) => sb.instanceUrl(n), {
      flag: "released_flag",
      readiness: { project: PROJECT },
    });
    const result = await runCli(s.args("readiness", "--all"), { cwd: s.dir, env: s.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(
      /1 open issue\(s\) name a flag whose definition names another rollout issue, not checked through them: .*\/issues\/104 \(`released_flag` names .*\/issues\/100\)/,
    );
    const report = JSON.parse(readFileSync(join(s.dir, "ff-rollout-readiness.json"), "utf8"));
    expect(report.flags).toHaveLength(1);
    const [released] = report.flags;
    expect(released.issue.iid).toBe(100);
    // The real history shows the drift the claimant's empty one would have hidden.
    const drift = released.checks.find((c: { name: string }) => c.name === "drift");
    expect(drift.verdict).toBe("warning");
    const readinessNotes = (iid: number) =>
      sb
        .state("production")
        .notes(PROJECT, iid)
        .filter((n) => n.body.includes("ff-rollout:readiness"));
    expect(readinessNotes(100)).toHaveLength(1);
    expect(readinessNotes(104)).toHaveLength(0);
  });
});
