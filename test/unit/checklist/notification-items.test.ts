// Items a delivered notification does: with a destination that wants the message, the
// announcement (prepare) and the cross-post (global) are the runs'; without one, a person's.

import { describe, expect, it } from "vitest";
import { classifyItems, type MatchContext } from "../../../src/checklist/index.js";

const ctx: MatchContext = {
  flag: "my_flag",
  actorType: "project",
  actors: ["g/p"],
  percentages: [10, 50],
};

describe("items a delivered notification does", () => {
  const classify = (text: string, extra: Partial<MatchContext>) =>
    classifyItems(`## Preparation before global rollout\n\n- [ ] ${text}\n`, {
      ...ctx,
      ...extra,
    })[0]!;

  it.each([
    "Notify [`#support_gitlab-com`](https://example.slack.com/archives/C0) and your team channel ([when to](https://docs.example.com/a.b#c)).",
    "Let `#support_gitlab-com` and the team channel know.",
    "If the feature might change what users see, notify `#support_gitlab-com` and your team channel.",
  ])("%s: prepare's announcement with a destination for it, a person's without", (text) => {
    expect(classify(text, { announce: true })).toMatchObject({
      kind: "intent",
      intent: "announced",
      phase: "prepare",
    });
    expect(classify(text, {}).kind).toBe("human");
    // Notifications of changes alone do not announce.
    expect(classify(text, { notify: true }).kind).toBe("human");
  });

  it("keeps wording about other announcements a person's", () => {
    expect(
      classify("Make sure breaking changes were announced in the release post.", { announce: true })
        .kind,
    ).toBe("human");
  });

  it.each([
    ["announced", { announce: true }, { notify: true }],
    ["cross-posted", { notify: true }, { announce: true }],
  ] as const)(
    "marker %s: the notification's with its destination, else a person's",
    (id, on, off) => {
      const text = `Told the channels. <!-- ff-rollout:${id} -->`;
      expect(classify(text, on)).toMatchObject({ kind: "intent", intent: id });
      expect(classify(text, off).kind).toBe("human");
      expect(classify(text, {}).kind).toBe("human");
    },
  );
});
