// prepare: the paperwork before production percentages. The rollout issue has a milestone (set
// when one is configured), the change-management issue is linked when one is configured, the
// feature issue is told when to expect the flag (once), and the preparation items only a person
// can do (being available, documentation, announcements) are ticked by that person first.

import { classifyItems } from "../checklist/index.js";
import { matchContext } from "../engine/match-context.js";
import { notNow } from "../engine/refusal.js";
import type { IssueAction, Phase, Plan, RolloutState } from "../engine/types.js";
import {
  code,
  hiddenMarker,
  inline,
  lines,
  md,
  num,
  ours,
  type SafeMarkdown,
  url,
} from "../report/safe-markdown.js";
import { emptyVerdicts, type Verdicts, verified } from "./checks.js";
import { hasRun, requireRun } from "./history-gates.js";
import { rolloutOutlook } from "./rollout-outlook.js";

export const ETA_MARKER = (flag: string) => hiddenMarker("ff-rollout:eta", flag);

export const prepare: Phase = {
  name: "prepare",
  title: "Prepare the production rollout",
  needs: () => ({ environments: [], rolloutIssue: true, featureIssue: true, preparation: true }),
  plan(state: RolloutState): Plan {
    const { config } = state;
    const v = emptyVerdicts();
    const actions: IssueAction[] = [];
    if (config.actor !== "none")
      requireRun(state, "production-actors", v, "enable the flag for its actors first");
    milestone(state, v, actions);
    changeIssue(state, v, actions);
    eta(state, v, actions);
    humanItems(state, v);
    const first = !hasRun(state, "prepare");
    return {
      phase: "prepare",
      flag: config.flag,
      summary:
        actions.length > 0
          ? `prepare the production rollout of \`${config.flag}\` (${actions.map(describe).join(", ")})`
          : first
            ? `the production rollout of \`${config.flag}\` is prepared`
            : `the production rollout of \`${config.flag}\` was already prepared`,
      checks: v.checks,
      refusals: v.refusals,
      actions: [],
      issueActions: actions,
      facts: v.facts,
    };
  },
};

function describe(action: IssueAction): string {
  if (action.kind === "set-milestone") return `milestone ${action.milestone.title}`;
  if (action.kind === "link-issue") return `link ${action.target.project}#${action.target.iid}`;
  return "comment the expected time on the feature issue";
}

function milestone(state: RolloutState, v: Verdicts, actions: IssueAction[]): void {
  const current = state.rolloutIssue?.milestone;
  const wanted = state.config.milestone;
  if (current && (!wanted || current.title === wanted)) {
    v.checks.push({
      name: "milestone",
      ok: true,
      detail: `the rollout issue is in milestone ${current.title}`,
    });
    v.facts.push(verified("milestone-set"));
    return;
  }
  if (!wanted) {
    v.checks.push({ name: "milestone", ok: false, detail: "the rollout issue has no milestone" });
    // A person's item: "not now".
    v.refusals.push(
      notNow(
        "the rollout issue has no milestone: set one on the issue, or configure milestone: in the config",
      ),
    );
    return;
  }
  const found = state.preparation?.milestone;
  if (!found) {
    v.checks.push({ name: "milestone", ok: false, detail: `milestone ${wanted} not found` });
    v.refusals.push(
      notNow(
        `milestone "${wanted}" does not exist in ${state.config.rolloutIssue.project} or its groups; create it or fix milestone: in the config`,
      ),
    );
    return;
  }
  v.checks.push({
    name: "milestone",
    ok: true,
    detail: `set ${found.title}${current ? ` (was ${current.title})` : ""}`,
  });
  actions.push({ kind: "set-milestone", milestone: found });
  v.facts.push(verified("milestone-set"));
}

function changeIssue(state: RolloutState, v: Verdicts, actions: IssueAction[]): void {
  const target = state.config.changeIssue;
  if (!target) return;
  const linked = state.preparation?.linkedIssues.some(
    (r) => r.project === target.project && r.iid === target.iid,
  );
  v.checks.push({
    name: "change issue",
    ok: true,
    detail: linked ? `${target.webUrl} is linked` : `link ${target.webUrl}`,
  });
  if (!linked) actions.push({ kind: "link-issue", target });
  v.facts.push(verified("change-issue-linked"));
}

function eta(state: RolloutState, v: Verdicts, actions: IssueAction[]): void {
  const feature = state.featureIssue;
  if (!feature || "missing" in feature) {
    v.checks.push({
      name: "feature issue",
      ok: true,
      detail: `not commented: ${feature?.missing ?? "unknown"}`,
    });
    return;
  }
  const marker = ETA_MARKER(state.config.flag);
  if (feature.notes.some((n) => n.body.includes(marker))) {
    v.checks.push({
      name: "feature issue",
      ok: true,
      detail: "the expected time was already commented",
    });
  } else {
    actions.push({ kind: "comment", on: feature.ref, body: etaComment(state), marker });
    v.checks.push({
      name: "feature issue",
      ok: true,
      detail: `comment the expected time on ${feature.ref.webUrl}`,
    });
  }
  v.facts.push(verified("feature-issue-eta"));
}

/** The earliest the flag can be fully on, told on the feature issue (rollout-outlook.ts). */
export function etaComment(state: RolloutState): SafeMarkdown {
  const { config } = state;
  const { series, earliest: when } = rolloutOutlook(config, state.now);
  return lines(
    md`The ${code(config.flag)} feature flag is about to be rolled out on production: ${series ? md`${inline(series)}, then ` : ours("")}everyone, with at least ${num(config.soakMinutes)} minutes between steps.`,
    ours(""),
    md`If all goes well it is enabled for everyone around **${inline(when)} UTC** at the earliest. Progress and rollback: ${url(config.rolloutIssue.webUrl)}`,
    ours(""),
    ETA_MARKER(config.flag),
  );
}

function humanItems(state: RolloutState, v: Verdicts): void {
  const description = state.rolloutIssue?.description;
  if (description === undefined) return;
  const open = classifyItems(description, matchContext(state.config)).filter(
    (c) =>
      c.section === "prepare" &&
      c.applicable &&
      !c.item.checked &&
      !c.item.inapplicable &&
      (c.kind === "human" || c.kind === "unknown"),
  );
  const ok = open.length === 0;
  v.checks.push({
    name: "preparation items",
    ok,
    detail: ok
      ? "every preparation item for a person is ticked"
      : `${open.length} open for a person`,
  });
  if (!ok) {
    v.refusals.push(
      notNow(
        `these preparation items are for a person and still open; do them and tick them, or pass --force --reason "...":\n${open.map((c) => `      [ ] ${c.item.text}`).join("\n")}`,
      ),
    );
  }
}
