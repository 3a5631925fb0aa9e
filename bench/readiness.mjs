// Readiness at scale: 1,000 open rollout issues, 4 instances, 30 ms added latency on every
// request, GitLab's authenticated API limit at 2,000 requests per minute per instance. Prints
// wall time, requests sent, 429s received, and the floor the rate limit sets.
// Run after `npm run build`: `node bench/readiness.mjs` (about two minutes; ISSUES=200 for less).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { main, renderNote, startSandbox } from "../build/bench-kit.js";

const ISSUES = Number(process.env.ISSUES ?? 1000);
const LIMIT = 2000; // requests per 60 s window, per user and instance
const LATENCY_MS = 30;
const INSTANCES = ["dev", "staging", "pre", "production"];
const PROJECT = "gitlab-org/gitlab";
const START = new Date().toISOString();
const off = {
  exists: false,
  boolean: false,
  percentageOfActors: 0,
  percentageOfTime: 0,
  actors: [],
  featureGroups: [],
};

const flags = Array.from({ length: ISSUES }, (_, i) => `bench_flag_${i}`);
const instance = (name) => ({
  users: [
    {
      id: 1,
      username: "bot",
      admin: true,
      tokens: [
        {
          name: "ff-rollout",
          token: `bench-${name}-token-0001`,
          scopes: ["api"],
          expires_at: "2027-12-31",
        },
      ],
    },
  ],
  groups: [{ id: 10, full_path: "gitlab-org" }],
  projects: [{ id: 20, path_with_namespace: PROJECT, default_branch: "master" }],
  definitions: flags.map((name) => ({ name, type: "gitlab_com_derisk", default_enabled: false })),
  features: flags.map((name) => ({
    name,
    gates: { boolean: name.endsWith("7"), percentage_of_actors: name.endsWith("7") ? 0 : 25 },
  })),
  rate_limit: { requests_per_period: LIMIT, period_seconds: 60 },
});
const home = instance("production");
home.issues = flags.map((name, i) => ({
  project: PROJECT,
  iid: i + 1,
  title: `[Feature flag] Rollout of \`${name}\``,
  description: `- [ ] \`/chatops run feature set ${name} 25 --actors\`\n`,
  labels: ["feature flag"],
  author: "bot",
}));
home.notes = flags.map((name, i) => {
  const on = name.endsWith("7");
  const after = { ...off, exists: true, boolean: on, percentageOfActors: on ? 0 : 25 };
  const event = {
    v: 1,
    kind: "phase",
    phase: "rollout",
    flag: name,
    at: START,
    outcome: "done",
    instances: [
      { environment: "production", status: "changed", before: off, after, applied: ["x"] },
    ],
  };
  return {
    project: PROJECT,
    issue_iid: i + 1,
    body: renderNote(event, "seeded"),
    author: "bot",
    created_at: START,
  };
});
const seed = {
  clock: { now: START, running: true },
  instances: Object.fromEntries(INSTANCES.map((n) => [n, n === "production" ? home : instance(n)])),
};

const sandbox = await startSandbox({ seed });
sandbox.faults.add({ path: /.*/, kind: "delay", ms: LATENCY_MS });
const dir = mkdtempSync(join(tmpdir(), "ff-rollout-readiness-bench-"));
const url = (n) => sandbox.instanceUrl(n);
const config = {
  actor: "project",
  actors: [PROJECT],
  environments: Object.fromEntries(
    INSTANCES.map((n) => [
      n,
      {
        url: url(n),
        token_env: `T_${n.toUpperCase()}`,
        tier: n === "production" ? "production" : "non-production",
      },
    ]),
  ),
  issues: { url: url("production"), token_env: "T_PRODUCTION" },
  readiness: { project: PROJECT, concurrency: 8 },
};
writeFileSync(join(dir, "ff-rollout.yml"), stringify(config));
const env = Object.fromEntries(
  INSTANCES.map((n) => [`T_${n.toUpperCase()}`, `bench-${n}-token-0001`]),
);

async function run(label) {
  sandbox.clearLog();
  const started = Date.now();
  const code = await main(["readiness", "--all", "--config", join(dir, "ff-rollout.yml")], {
    env,
    cwd: dir,
    sink: { stdout: () => {}, stderr: (t) => process.stderr.write(t) },
  });
  const seconds = (Date.now() - started) / 1000;
  const log = sandbox.log;
  const byInstance = Object.fromEntries(
    INSTANCES.map((n) => [n, log.filter((e) => e.instance === n).length]),
  );
  const throttled = log.filter((e) => e.status === 429).length;
  const busiest = Math.max(...Object.values(byInstance));
  // The floor: the busiest instance's necessary requests at the limit's rate. 429s are not necessary.
  const floor = ((busiest - throttled) / LIMIT) * 60;
  console.log(
    `\n${label}: exit ${code}, wall ${seconds.toFixed(1)} s, ${log.length} requests (${Object.entries(
      byInstance,
    )
      .map(([n, c]) => `${n} ${c}`)
      .join(", ")}), ${throttled} answered 429 (${((100 * throttled) / log.length).toFixed(2)}%)`,
  );
  console.log(
    `  floor: ${busiest - throttled} requests on the busiest instance / ${LIMIT} per minute = ${floor.toFixed(1)} s; wall / floor = ${(seconds / floor).toFixed(2)}`,
  );
}

console.log(
  `Readiness of ${ISSUES} rollout issues on ${INSTANCES.length} instances, +${LATENCY_MS} ms per request, limit ${LIMIT}/min per instance`,
);
await run("first run (posts every readiness note)");
await run("second run (verdicts unchanged: no note written)");
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
