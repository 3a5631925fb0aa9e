// How many API requests each phase sends, counted from the sandbox's request log, for a setup of
// 4 non-production instances (dev, staging, staging-ref, pre) and 1 production instance, and how
// many round trips wait for one another (serial round trips). Every request is delayed by the
// same time D, and the sandbox notes when each one is answered: a request that arrived after
// another was answered waited for it. The longest such chain is the phase's serial round trips;
// counting chains instead of dividing wall time by D keeps the figure exact on a busy machine.
// Run with `node bench/requests.mjs` after `npm run build`; bench/run.mjs uses requestsPerPhase().

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import {
  DEMO_ISSUE_IID,
  DEMO_PROJECT,
  demoConfig,
  demoSeed,
  demoTokens,
  main,
  startSandbox,
} from "../build/bench-kit.js";

const EXTRA = ["staging-ref", "pre"];
const STEPS = [
  ["status"],
  ["run", "non-production"],
  ["run", "non-production"],
  ["run", "production-actors"],
  ["run", "prepare"],
  ["run", "rollout", "--percentage", "10"],
  ["run", "rollout", "--percentage", "50"],
  ["run", "global"],
  ["run", "rollback", "--reason", "bench"],
];

/**
 * The longest chain of requests each answered before the next arrived. `answered` holds when
 * each request was answered; it arrived `delayMs` earlier. Requests sent together arrive within
 * a few milliseconds of one another, far less than half the delay.
 */
function serialRoundTrips(answered, delayMs) {
  return Math.max(0, ...chainDepths(answered, delayMs));
}

/** Each request's place in the longest chain that ends with it (1: it waited for nothing). */
function chainDepths(answered, delayMs) {
  const depth = [];
  answered.forEach((at, i) => {
    const arrived = at - delayMs;
    let before = 0;
    for (let j = 0; j < i; j++) {
      if (answered[j] <= arrived + delayMs / 2) before = Math.max(before, depth[j]);
    }
    depth.push(before + 1);
  });
  return depth;
}

/**
 * Plays the phases once in a fresh sandbox, every request delayed by `delayMs`. `extraNotes`:
 * system notes (ticked boxes) and comments added to the rollout issue first, a long history.
 */
export async function requestsPerPhase({ delayMs = 100, extraNotes = 0 } = {}) {
  const seed = demoSeed();
  const tokens = demoTokens();
  for (const name of EXTRA) {
    const copy = structuredClone(seed.instances.dev);
    copy.users[0].tokens[0].token = `sandbox-${name}-admin-token-0009`;
    seed.instances[name] = copy;
  }
  const sandbox = await startSandbox({ seed });
  const dir = mkdtempSync(join(tmpdir(), "ff-rollout-requests-"));
  try {
    const url = (n) => sandbox.instanceUrl(n);
    const config = demoConfig(url);
    for (const name of EXTRA) {
      config.environments[name] = {
        url: url(name),
        token_env: `FF_${name.replace("-", "_").toUpperCase()}_TOKEN`,
        tier: "non-production",
      };
    }
    const path = join(dir, "ff-rollout.yml");
    writeFileSync(path, stringify(config));
    const env = {
      FF_DEV_TOKEN: tokens.dev,
      FF_STAGING_TOKEN: tokens.staging,
      FF_STAGING_REF_TOKEN: "sandbox-staging-ref-admin-token-0009",
      FF_PRE_TOKEN: "sandbox-pre-admin-token-0009",
      FF_PROD_TOKEN: tokens.production,
      FF_ISSUES_TOKEN: tokens.production,
      CI_PIPELINE_ID: "1",
      GITLAB_USER_LOGIN: "jane",
    };
    const home = sandbox.state("production");
    const issue = home.issue(DEMO_PROJECT, DEMO_ISSUE_IID);
    for (let n = 0; n < extraNotes; n++) {
      const system = n % 4 !== 0;
      const body = system ? `marked the checklist item **step ${n}** as completed` : `Comment ${n}`;
      home.addNote(issue, issue.authorId, body, { system });
    }
    let answered = [];
    sandbox.faults.add({ path: /.*/, kind: "delay", ms: delayMs });
    // Runs after the delay, as the sandbox answers: a "before" hook runs right after the delay,
    // ahead of the handler, so it runs for every request, an answer 404 included (an "after"
    // hook does not run when the handler answers with an error, which left those requests out
    // of the chains).
    sandbox.faults.add({
      path: /.*/,
      kind: "hook",
      when: "before",
      run: () => answered.push(performance.now()),
    });
    const quiet = { stdout: () => {}, stderr: () => {} };
    const rows = [];
    for (const [i, args] of STEPS.entries()) {
      sandbox.clock.advance(16 * 60_000);
      sandbox.clearLog();
      answered = [];
      // Only status takes --report (as the component's status job runs it).
      const report = args[0] === "status" ? ["--report", join(dir, "r.json")] : [];
      const code = await main([...args, "--config", path, ...report], {
        env: { ...env, CI_JOB_ID: String(i), CI_JOB_NAME: args.join("-") },
        cwd: dir,
        sink: quiet,
      });
      // Exit 2 is bad input: the benchmark itself is wrong, and its figures would be zeros.
      if (code === 2) throw new Error(`ff-rollout ${args.join(" ")} exited 2 (bad input)`);
      const log = sandbox.log;
      const writes = log.filter((e) => e.method !== "GET");
      // REQUESTS_TRACE=1: each request with its place in the chain, to see what waits for what.
      // The sandbox appends to its log right after the hook that notes the answer, so the two
      // lists are in the same order.
      if (process.env.REQUESTS_TRACE === "1") {
        const depths = chainDepths(answered, delayMs);
        console.error(`\n${args.join(" ")}`);
        for (const [n, e] of log.entries())
          console.error(`  ${String(depths[n]).padStart(2)} ${e.instance} ${e.method} ${e.path}`);
      }
      rows.push({
        label: `${args.join(" ")}${i === 2 ? " (again)" : ""}`.replace(" --reason bench", ""),
        code,
        serial: serialRoundTrips(answered, delayMs),
        total: log.length,
        reads: log.length - writes.length,
        flagWrites: writes.filter((e) => e.path.startsWith("/features")).length,
        issueWrites: writes.filter((e) => !e.path.startsWith("/features")).length,
      });
    }
    return rows;
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const delayMs = Number(process.env.DELAY_MS ?? 100);
  const rows = await requestsPerPhase({ delayMs });
  console.log(
    `Requests per phase: 4 non-production instances + 1 production, from the sandbox log; serial round trips with ${delayMs} ms added to every request\n`,
  );
  console.log("| phase | exit | requests | reads | flag writes | issue writes | serial |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(
      `| ${r.label} | ${r.code} | ${r.total} | ${r.reads} | ${r.flagWrites} | ${r.issueWrites} | ${r.serial} |`,
    );
}
