// How many API requests each phase sends, counted from the sandbox's request log, for a setup of
// 4 non-production instances (dev, staging, staging-ref, pre) and 1 production instance. Run with
// `npm run bench` (builds first) or `node bench/requests.mjs` after `npm run build`.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { demoConfig, demoSeed, demoTokens, main, startSandbox } from "../build/bench-kit.js";

const EXTRA = ["staging-ref", "pre"];
const seed = demoSeed();
const tokens = demoTokens();
for (const name of EXTRA) {
  const copy = structuredClone(seed.instances.dev);
  copy.users[0].tokens[0].token = `sandbox-${name}-admin-token-0009`;
  seed.instances[name] = copy;
}
const sandbox = await startSandbox({ seed });
const dir = mkdtempSync(join(tmpdir(), "ff-rollout-requests-"));
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
const quiet = { stdout: () => {}, stderr: () => {} };

const steps = [
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
const rows = [];
for (const [i, args] of steps.entries()) {
  sandbox.clock.advance(16 * 60_000);
  sandbox.clearLog();
  const code = await main([...args, "--config", path, "--report", join(dir, "r.json")], {
    env: { ...env, CI_JOB_ID: String(i), CI_JOB_NAME: args.join("-") },
    cwd: dir,
    sink: quiet,
  });
  const log = sandbox.log;
  const reads = log.filter((e) => e.method === "GET").length;
  const flagWrites = log.filter((e) => e.method !== "GET" && e.path.startsWith("/features")).length;
  const issueWrites = log.filter(
    (e) => e.method !== "GET" && !e.path.startsWith("/features"),
  ).length;
  const label = `${args.join(" ")}${i === 2 ? " (again)" : ""}`.replace(" --reason bench", "");
  rows.push({ label, code, total: log.length, reads, flagWrites, issueWrites });
}
console.log(
  "Requests per phase: 4 non-production instances + 1 production, from the sandbox log\n",
);
console.log("| phase | exit | requests | reads | flag writes | issue writes |");
console.log("|---|---|---|---|---|---|");
for (const r of rows)
  console.log(
    `| ${r.label} | ${r.code} | ${r.total} | ${r.reads} | ${r.flagWrites} | ${r.issueWrites} |`,
  );
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
