// `ff-rollout demo` / `npm run demo`: a rollout on the embedded sandbox, told as a story. It runs
// the real CLI (main) against real HTTP, exactly as a CI job would, with the sandbox standing in
// for three GitLab instances.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { parseTaskList } from "../checklist/index.js";
import { EXIT } from "../errors.js";
import { type CommandContext, main } from "../main.js";
import { startSandbox } from "../sandbox/index.js";
import { demoConfig } from "./config.js";
import {
  DEMO_FLAG,
  DEMO_INSTANCES,
  DEMO_ISSUE_IID,
  DEMO_PROJECT,
  demoSeed,
  demoTokens,
} from "./seed.js";

export async function demoCommand(cmd: CommandContext): Promise<number> {
  const started = Date.now();
  const say = (text = "") => cmd.io.sink.stdout(`${cmd.redactor.redact(text)}\n`);
  const sandbox = await startSandbox({ seed: demoSeed() });
  const dir = mkdtempSync(join(tmpdir(), "ff-rollout-demo-"));
  try {
    const configPath = join(dir, "ff-rollout.yml");
    const url = (name: string) => sandbox.instanceUrl(name);
    writeFileSync(configPath, stringify(demoConfig(url)));
    const tokens = demoTokens();
    for (const token of Object.values(tokens)) cmd.redactor.add(token);
    const env = {
      FF_DEV_TOKEN: tokens.dev,
      FF_STAGING_TOKEN: tokens.staging,
      FF_PROD_TOKEN: tokens.production,
      FF_ISSUES_TOKEN: tokens.production,
      // What a CI job would know about itself, so the audit note shows who ran what, from where.
      CI_JOB_ID: "4242",
      CI_JOB_NAME: "ff-rollout:non-production",
      CI_JOB_URL: `${url("production")}/${DEMO_PROJECT}/-/jobs/4242`,
      CI_PIPELINE_ID: "777",
      CI_PIPELINE_URL: `${url("production")}/${DEMO_PROJECT}/-/pipelines/777`,
      GITLAB_USER_LOGIN: "jane",
    };
    const cli = (args: string[]) =>
      main([...args, "--config", configPath, "--report", join(dir, "report.json")], {
        ...cmd.io,
        env,
        cwd: dir,
      });
    const issue = () => sandbox.state("production").issue(DEMO_PROJECT, DEMO_ISSUE_IID);

    say(
      "ff-rollout demo: a feature flag rollout on a local GitLab sandbox (no account, no network)",
    );
    say();
    say(
      `Sandbox: ${DEMO_INSTANCES.length} GitLab instances: ${DEMO_INSTANCES.map((n) => `${n} ${url(n)}`).join(", ")}`,
    );
    say(
      `Flag \`${DEMO_FLAG}\`; rollout issue ${url("production")}/${DEMO_PROJECT}/-/issues/${DEMO_ISSUE_IID}`,
    );
    say(`Config: ${configPath} (tokens come from FF_*_TOKEN variables, never from the file)`);

    const before = issue().description;
    say();
    say("Checklist before:");
    printChecklist(before, say);

    const steps: [string, string[]][] = [
      ["Where do we stand?", ["status"]],
      ["Play the non-production job", ["run", "non-production"]],
      ["Play it again: a re-run changes nothing", ["run", "non-production"]],
      ["Where do we stand now?", ["status"]],
    ];
    for (const [i, [title, args]] of steps.entries()) {
      say();
      say(`━━ Step ${i + 1}/${steps.length}: ${title}  $ ff-rollout ${args.join(" ")}`);
      const code = await cli(args);
      if (code !== EXIT.ok) {
        say(`The demo stopped: ff-rollout ${args.join(" ")} exited with ${code}.`);
        return code;
      }
    }

    const after = issue().description;
    say();
    say("Checklist after (ticked by the job):");
    printChecklist(after, say, before);
    const notes = sandbox
      .state("production")
      .notes(DEMO_PROJECT, DEMO_ISSUE_IID)
      .filter((n) => !n.system);
    say();
    say(`Audit notes on the issue: ${notes.length}. The latest, as a person reads it:`);
    const latest = notes.at(-1)?.body ?? "(none)";
    for (const line of latest.split("\n"))
      if (!line.startsWith("<!-- ff-rollout")) say(`  │ ${line}`);
    say();
    say(
      `Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s. Requests the sandbox served: ${sandbox.log.length}.`,
    );
    say(
      "Next: `npm test` runs every test; the README explains the configuration and the CI component.",
    );
    return EXIT.ok;
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints each task item as its box and text; with `before`, marks the ones that changed. */
function printChecklist(description: string, say: (text: string) => void, before?: string): void {
  const old = before ? parseTaskList(before) : undefined;
  let section = "";
  for (const item of parseTaskList(description)) {
    const heading = item.headings.at(-1) ?? "";
    if (heading !== section) {
      section = heading;
      say(`  ${heading}`);
    }
    const was = old?.find(
      (o) => o.headings.join() === item.headings.join() && o.text === item.text,
    );
    const changed = was !== undefined && was.checked !== item.checked;
    const indent = "  ".repeat(item.depth + 2);
    say(`${indent}[${item.checked ? "x" : " "}] ${item.text}${changed ? "   ← ticked now" : ""}`);
  }
}
