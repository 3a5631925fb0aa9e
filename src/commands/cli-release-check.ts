// `ff-rollout release-check <mr-url> <milestone>`: what `/chatops run release check` answers. Is
// the merge request's commit in the release of the milestone (a tag or the stable branch whose
// names follow release_check's patterns)? Exit 0 when it is, 1 when not yet (an answer, like a
// refusal: a job that waits for the release fails until it is there).

import { loadConfig } from "../config/load.js";
import { runContextFrom } from "../config.js";
import type { ReleaseCheckFacts } from "../engine/release-facts.js";
import { releaseRefs } from "../engine/release-refs.js";
import { EXIT, UsageError } from "../errors.js";
import { describeInclusion } from "../phases/release-verdicts.js";
import { wire } from "../wiring.js";
import type { CommandContext } from "./context.js";
import { makeLogger } from "./setup.js";

export async function releaseCheckCommand(
  positionals: string[],
  cmd: CommandContext,
): Promise<number> {
  const [url, milestone, ...extra] = positionals;
  if (!url || !milestone || extra.length > 0) {
    throw new UsageError([
      {
        option: "arguments",
        value: positionals,
        problem: "expected a merge request URL and a milestone",
        fix: "e.g. ff-rollout release-check https://gitlab.example.com/group/project/-/merge_requests/12 19.6",
      },
    ]);
  }
  const { values } = cmd.args;
  // It needs no flag: only the home instance, where the merge request lives, and the patterns.
  const loaded = loadConfig({
    path: values.config,
    env: cmd.io.env,
    cwd: cmd.io.cwd,
    flagOptional: true,
  });
  const { release } = loaded.config;
  const refs = releaseRefs(milestone, {
    tag: release.tagPattern,
    stableBranch: release.stableBranchPattern,
  });
  if (!refs) {
    throw new UsageError([
      {
        option: "milestone",
        value: milestone,
        problem: "not a version",
        fix: "give the milestone as major.minor, such as 19.6",
      },
    ]);
  }
  const ports = wire(loaded, { logger: makeLogger(cmd), context: runContextFrom(cmd.io.env) });
  const mr = await ports.release.mergeRequest(url);
  const facts: ReleaseCheckFacts | { notMerged: string } =
    mr.state === "merged" && mr.commit
      ? {
          milestone: refs.milestone,
          inclusion: await ports.release.releaseInclusion(mr.project, mr.commit, refs),
        }
      : { notMerged: `${mr.url} is ${mr.state}, not merged: it cannot be in a release yet` };
  const included = "inclusion" in facts && facts.inclusion.included;
  // Not in the release yet is a wait (a release comes on its own schedule), and reads as one.
  const answer =
    "notMerged" in facts
      ? facts.notMerged
      : `${included ? "" : "waiting: "}${describeInclusion(facts, mr.commit)}`;
  ports.logger.info(`${mr.url}: ${answer}`);
  const ref = "inclusion" in facts && facts.inclusion.included ? facts.inclusion.ref : undefined;
  cmd.output = {
    result: {
      mergeRequest: mr.url,
      state: mr.state,
      commit: mr.commit,
      milestone: refs.milestone,
      included,
      waiting: !included,
      ...(ref ? { ref } : {}),
      searched: [refs.shown.tag, refs.shown.stableBranch],
      answer,
    },
    ...(included ? {} : { reasons: [{ kind: "not-yet", message: answer }] }),
  };
  return included ? EXIT.ok : EXIT.refused;
}
