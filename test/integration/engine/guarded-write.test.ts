// Every flag write of a phase re-reads the flag just before it and writes nothing when the flag
// is no longer what the plan was built on: a rollback that lands between a phase's read and its
// write is never undone. The rollback is played by a sandbox hook right before that re-read.

import { describe, expect, it } from "vitest";
import { applyFlagActions } from "../../../src/engine/apply-flags.js";
import type { FlagAction } from "../../../src/engine/types.js";
import { RefusalError } from "../../../src/errors.js";
import { GitLabFeatures } from "../../../src/flags/gitlab-features.js";
import { GitLabClient } from "../../../src/gitlab/client.js";
import { captureLogger } from "../../helpers/logger.js";
import { useStrictSandbox } from "../../helpers/sandbox.js";
import { FLAG, standardSeed, TOKENS } from "../../helpers/seeds.js";

describe("a guarded flag write", () => {
  const sb = useStrictSandbox(() => standardSeed({ flag: { percentage_of_actors: 50 } }));

  it("writes nothing when a rollback landed after the plan was made", async () => {
    sb.expectRequests([{ request: "GET /production/api/v4/features", times: 2 }]);
    const client = new GitLabClient(
      {
        name: "production",
        url: sb.instanceUrl("production"),
        tokenEnv: "FF_PROD_TOKEN",
        token: TOKENS.production.admin,
      },
      { logger: captureLogger().logger, timeoutMs: 5000 },
    );
    const backend = new GitLabFeatures(client);
    const before = await backend.read(FLAG);
    expect(before.percentageOfActors).toBe(50);
    // The rollback: production off, between the phase's read and its write.
    sb.sandbox.faults.add({
      instance: "production",
      method: "GET",
      path: "/features",
      times: 1,
      kind: "hook",
      when: "before",
      run: ({ state }) => {
        const feature = state.features.get(FLAG)!;
        feature.boolean = false;
        feature.percentage_of_actors = 0;
      },
    });
    const action: FlagAction = {
      environment: {
        name: "production",
        url: sb.instanceUrl("production"),
        tokenEnv: "FF_PROD_TOKEN",
        tier: "production",
        chatops: "production",
      },
      before,
      target: { kind: "on" },
      changes: [{ kind: "enable" }],
      notes: [],
    };
    const { logger } = captureLogger();
    const result = await applyFlagActions(
      FLAG,
      [action],
      new Map([["production", backend]]),
      logger,
      true,
    );
    expect(result.error).toBeInstanceOf(RefusalError);
    expect((result.error as Error).message).toContain("[not now] production is off");
    expect(result.outcomes[0]).toMatchObject({ status: "skipped", applied: [] });
    expect(sb.state("production").features.get(FLAG)?.boolean).toBe(false);
  });
});
