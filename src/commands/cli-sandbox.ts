// `ff-rollout sandbox`: a local GitLab API sandbox for trying the CLI by hand. With no --seed it
// serves the demo's world and writes a ready config and an env file next to each other, so
// `set -a; . <env file>; ff-rollout status --config <config>` works at once, and a variables file
// for gitlab-ci-local, so a pipeline including the components runs against it (the README's "Try
// it locally"). Tokens go into those files, never to the terminal.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { demoConfig } from "../demo/config.js";
import { demoSeed, demoTokens } from "../demo/seed.js";
import { EXIT, UsageError } from "../errors.js";
import { startSandbox } from "../sandbox/index.js";
import type { CommandContext } from "./context.js";

export async function sandboxCommand(cmd: CommandContext): Promise<number> {
  const { values } = cmd.args;
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError([
      {
        option: "--port",
        value: values.port ?? "",
        problem: "not a port number",
        fix: "give one from 0 to 65535 (0: any free port)",
      },
    ]);
  }
  const sandbox = await startSandbox({ seed: values.seed ?? demoSeed(), port });
  const say = (text: string) => cmd.io.sink.stdout(`${cmd.redactor.redact(text)}\n`);
  say(`GitLab API sandbox on ${sandbox.url}`);
  for (const name of sandbox.instances)
    say(`  ${name.padEnd(12)} ${sandbox.instanceUrl(name)}/api/v4`);
  if (values.seed === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "ff-rollout-sandbox-"));
    const tokens = demoTokens();
    writeFileSync(
      join(dir, "ff-rollout.yml"),
      stringify(demoConfig((n) => sandbox.instanceUrl(n))),
    );
    const variables: Record<string, string> = {
      FF_DEV_TOKEN: tokens.dev,
      FF_STAGING_TOKEN: tokens.staging,
      FF_PROD_TOKEN: tokens.production,
      FF_ISSUES_TOKEN: tokens.production,
    };
    const config = join(dir, "ff-rollout.yml");
    writeFileSync(
      join(dir, "sandbox.env"),
      Object.entries(variables)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(""),
      { mode: 0o600 },
    );
    // The same tokens as the project CI/CD variables of a pipeline run with gitlab-ci-local, in
    // the file it reads from the project's folder (a --variables-file path is taken relative to
    // that folder too); the config goes into that project as .gitlab/ff-rollout.yml.
    const variablesFile = join(dir, ".gitlab-ci-local-variables.yml");
    writeFileSync(variablesFile, stringify(variables), { mode: 0o600 });
    say(`Config: ${config}`);
    say(
      `Tokens: ${join(dir, "sandbox.env")} (load with: set -a; . ${join(dir, "sandbox.env")}; set +a)`,
    );
    say(`Variables: ${variablesFile} (copy it into a project run with gitlab-ci-local)`);
  }
  say(
    "Control: POST/DELETE /__sandbox/faults, GET /__sandbox/log, POST /__sandbox/clock. Ctrl-C stops.",
  );
  await (cmd.io.untilStopped ?? (() => Promise.resolve()))();
  await sandbox.close();
  return EXIT.ok;
}
