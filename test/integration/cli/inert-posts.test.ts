// A rollback reason full of quick actions, mentions and references, played through the CLI
// against the sandbox (which runs quick actions in notes as GitLab does): the rollout issue stays
// open with its labels, and every note the tool sent passes the oracle written from GitLab's
// rules (test/helpers/gitlab-text-oracle.ts).

import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { ciEnv, sandboxCliSetup } from "../../helpers/cli-setup.js";
import { activity } from "../../helpers/gitlab-text-oracle.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { ISSUE_IID, PROJECT, rolloutWorldSeed } from "../../helpers/seeds.js";

const REASON = [
  "errors in the graph",
  "/close",
  "/label ~pwned",
  "\r/assign_reviewer @bob",
  "\u2028/close",
  "cc @all @gitlab-org #1 !2 ~bug %19.7 &3",
  "<!-- ff-rollout:status-note x -->",
  "![x](https://evil.example/i.png)",
  "```",
].join("\n");

describe("what the tool posts runs nothing", () => {
  const sb = useStrictSandbox(() => rolloutWorldSeed());

  it("a rollback reason with quick actions, mentions and markup closes, labels and notifies nothing", async () => {
    sb.expectRequests(
      ["dev", "staging", "production"].flatMap((i) =>
        ["GET", "POST", "PUT"].flatMap((m) =>
          [1, 2, 3, 4, 5, 6, 7].map(
            (d) => `${m} /${i}/api/v4${Array.from({ length: d }, (_, k) => `/:p${k}`).join("")}`,
          ),
        ),
      ),
    );
    const issue = () => sb.state("production").issue(PROJECT, ISSUE_IID);
    const labelsBefore = [...issue().labels];
    const s = sandboxCliSetup((n) => sb.instanceUrl(n));
    const result = await runCli(s.args("run", "rollback"), {
      ...s,
      env: { ...s.env, ...ciEnv("700", "ff-rollout:rollback"), FF_ROLLOUT_REASON: REASON },
    });
    expect(result.code, result.stderr).toBe(0);

    expect(issue().state).toBe("opened");
    expect(issue().labels).toEqual(labelsBefore);
    const sent = sb
      .requests()
      .filter((e) => e.method !== "GET" && /\/notes(\/\d+)?$/.test(e.path))
      .map((e) => String((e.body as { body?: unknown }).body));
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.some((b) => b.includes("errors in the graph"))).toBe(true);
    for (const body of sent) {
      const a = activity(body);
      expect(a.quickActions, body).toEqual([]);
      expect(a.commandLines, body).toEqual([]);
      expect(a.references, body).toEqual([]);
      expect(a.images, body).toEqual([]);
      expect(
        a.html.every((h) => h.startsWith("<!-- ff-rollout")),
        body,
      ).toBe(true);
    }
  }, 30_000);
});
