// Readiness at scale, through the built CLI (dist/cli.js) run as a child process against an
// in-process sandbox: 4 instances, 30 ms added to every request.
//
// 1. Requests and 429s: 1,000 open rollout issues (ISSUES), GitLab's authenticated API limit at
//    600 requests per minute per user and instance (LIMIT). The first day posts every readiness
//    note; a day with no change reads and writes nothing else. The goal is a quiet day of at most
//    50 requests for 1,000 rollouts, and at most 0.2 % of requests answered 429 after the first.
//    Every definition names its rollout issue (rollout_issue_url); one issue in twenty (CLOSED)
//    was closed by release while its flag stays fully on, so it is read among the closed
//    rollout issues of flags that still exist.
// 2. The same quiet day when the issues instance has no GraphQL (404): the REST fallback's cost.
// 3. Memory: the CLI's peak RSS on a quiet day for 100, 1,000 and 3,000 rollouts (SIZES), no
//    rate limit, the instances knowing 3,000 flags each time, printed with the ratios to the
//    smallest: flat means the pages are streamed.
//
// Run after `npm run build`: `node bench/readiness.mjs` (a few minutes; ISSUES=200 SIZES=50,200
// for less).

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { renderNote, startSandbox } from "../build/bench-kit.js";

const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const ISSUES = Number(process.env.ISSUES ?? 1000);
const LIMIT = Number(process.env.LIMIT ?? 600); // requests per 60 s window, per user and instance
const SIZES = (process.env.SIZES ?? "100,1000,3000").split(",").map(Number);
const LATENCY_MS = 30;
/** Released: rollout issue closed, flag fully on (its name ends in 7), not yet cleaned up. */
const CLOSED = (i) => i % 20 === 7;
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

/** `issues` rollout issues, one per flag; the instances know `known` flags (at least those). */
function seedFor(issues, limit, known = issues) {
  const all = Array.from({ length: Math.max(issues, known) }, (_, i) => `bench_flag_${i}`);
  const flags = all.slice(0, issues);
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
    definitions: all.map((name) => ({ name, type: "gitlab_com_derisk", default_enabled: false })),
    features: all.map((name) => ({
      name,
      gates: { boolean: name.endsWith("7"), percentage_of_actors: name.endsWith("7") ? 0 : 25 },
    })),
    ...(limit ? { rate_limit: { requests_per_period: limit, period_seconds: 60 } } : {}),
  });
  const home = instance("production");
  home.issues = flags.map((name, i) => ({
    project: PROJECT,
    iid: i + 1,
    title: `[Feature flag] Rollout of \`${name}\``,
    description: `- [ ] \`/chatops run feature set ${name} 25 --actors\`\n`,
    labels: ["feature flag"],
    author: "bot",
    ...(CLOSED(i) ? { state: "closed" } : {}),
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
  return {
    clock: { now: START, running: true },
    instances: Object.fromEntries(
      INSTANCES.map((n) => [n, n === "production" ? home : instance(n)]),
    ),
  };
}

/** A sandbox and a config for it; run(label) runs `readiness --all` once as a fresh process. */
async function world(issues, limit, known = issues) {
  const sandbox = await startSandbox({ seed: seedFor(issues, limit, known) });
  // The definitions name the rollout issues on the home instance, known once it listens.
  const home = sandbox.instanceUrl("production");
  for (const n of INSTANCES)
    for (const d of sandbox.state(n).definitions.values()) {
      const i = Number(d.name.replace("bench_flag_", ""));
      if (i < issues) d.rollout_issue_url = `${home}/${PROJECT}/-/issues/${i + 1}`;
    }
  sandbox.faults.add({ path: /.*/, kind: "delay", ms: LATENCY_MS });
  const dir = mkdtempSync(join(tmpdir(), "ff-rollout-readiness-bench-"));
  const config = {
    actor: "project",
    actors: [PROJECT],
    environments: Object.fromEntries(
      INSTANCES.map((n) => [
        n,
        {
          url: sandbox.instanceUrl(n),
          token_env: `T_${n.toUpperCase()}`,
          tier: n === "production" ? "production" : "non-production",
        },
      ]),
    ),
    issues: { url: sandbox.instanceUrl("production"), token_env: "T_PRODUCTION" },
    readiness: { project: PROJECT, concurrency: 8 },
  };
  writeFileSync(join(dir, "ff-rollout.yml"), stringify(config));
  const env = Object.fromEntries(
    INSTANCES.map((n) => [`T_${n.toUpperCase()}`, `bench-${n}-token-0001`]),
  );
  const rssFile = join(dir, "rss");
  const hook = `data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`;

  async function run(label) {
    sandbox.clearLog();
    const started = Date.now();
    const code = await new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        ["--import", hook, CLI, "readiness", "--all", "--config", join(dir, "ff-rollout.yml")],
        { env: { ...process.env, ...env }, cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
      );
      child.on("exit", resolve);
    });
    const seconds = (Date.now() - started) / 1000;
    const rssMiB = Number(readFileSync(rssFile, "utf8")) / 1024;
    const log = sandbox.log;
    const byInstance = Object.fromEntries(
      INSTANCES.map((n) => [n, log.filter((e) => e.instance === n).length]),
    );
    const graphql = log.filter((e) => e.api === "graphql").length;
    const throttled = log.filter((e) => e.status === 429).length;
    console.log(
      `\n${label}: exit ${code}, wall ${seconds.toFixed(1)} s, ${log.length} requests (${Object.entries(
        byInstance,
      )
        .map(([n, c]) => `${n} ${c}`)
        .join(
          ", ",
        )}; ${graphql} GraphQL), ${throttled} answered 429 (${((100 * throttled) / Math.max(1, log.length)).toFixed(2)}%), peak RSS ${rssMiB.toFixed(1)} MiB`,
    );
    return { code, seconds, requests: log.length, throttled, rssMiB };
  }

  async function close() {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { sandbox, run, close };
}

console.log(
  `Readiness of ${ISSUES} rollout issues on ${INSTANCES.length} instances, +${LATENCY_MS} ms per request, limit ${LIMIT}/min per instance`,
);
const limited = await world(ISSUES, LIMIT);
await limited.run("first day (posts every readiness note)");
await limited.run("a day with no change (verdicts unchanged: no note written)");
// The fallback's cost is its number of requests: counted without the rate limit's waits.
for (const n of INSTANCES) limited.sandbox.state(n).rateLimit = null;
limited.sandbox.faults.add({
  instance: "production",
  path: "/api/graphql",
  kind: "status",
  status: 404,
  body: { message: "404 Not Found" },
});
await limited.run("a day with no change, no GraphQL on the issues instance (REST fallback)");
await limited.close();

// The instances know as many flags in every run (the largest size): what varies is the number of
// rollout issues, whose pages are streamed. The JSON and JUnit reports list every flag checked.
const known = Math.max(...SIZES);
console.log(
  `\nMemory: peak RSS of the CLI on a day with no change, no rate limit, ${known} flags on each instance`,
);
const memory = [];
for (const size of SIZES) {
  const w = await world(size, undefined, known);
  await w.run(`  ${size} rollouts, first day`);
  const quiet = await w.run(`  ${size} rollouts, a day with no change`);
  memory.push({ size, rssMiB: quiet.rssMiB });
  await w.close();
}
const base = memory[0];
console.log(
  `\nmemory: ${memory
    .map(
      (m) =>
        `${m.size} rollouts ${m.rssMiB.toFixed(1)} MiB (${(m.rssMiB / base.rssMiB).toFixed(2)} x ${base.size})`,
    )
    .join("; ")}`,
);
