// Executing the quick actions the sandbox supports on an issue: /close, /reopen, /label
// (/labels), /unlabel (/remove_label), /relabel, /milestone, /remove_milestone, /title,
// /lock, /unlock, /confidential. A command runs only where GitLab's definition is available
// (e.g. /close on an open issue); every other known command was already removed from the
// text and does nothing here. Result: the change to merge into the update (command params
// override the request's, as params.merge!(command_params) does), and for notes the
// `commands_changes` and the summary GitLab answers a command-only note with.

import type { IssueChange } from "./issue-change.js";
import { visibleMilestones } from "./milestones.js";
import { parseLabelArgs, parseMilestoneArg, type QuickCommand } from "./quick-actions.js";
import type { InstanceState, IssueRecord } from "./state.js";

export interface CommandOutcome {
  change: IssueChange;
  commandsChanges: Record<string, unknown>;
  messages: string[];
}

const quoteLabel = (name: string) => (/^\w+$/.test(name) ? `~${name}` : `~"${name}"`);
const pluralLabel = (names: string[]) =>
  `${names.map(quoteLabel).join(" ")} ${names.length === 1 ? "label" : "labels"}`;

export function interpretCommands(
  state: InstanceState,
  issue: IssueRecord,
  commands: readonly QuickCommand[],
): CommandOutcome {
  const outcome: CommandOutcome = { change: {}, commandsChanges: {}, messages: [] };
  const { change, commandsChanges, messages } = outcome;
  const existing = (names: string[]) =>
    names.filter((name) => state.labelByName(issue.projectId, name));
  const labelIds = (names: string[]) =>
    names.map((name) => state.labelByName(issue.projectId, name)?.id);

  for (const command of commands) {
    switch (command.name) {
      case "close":
        if (issue.state !== "opened") break;
        change.stateEvent = "close";
        commandsChanges.state_event = "close";
        messages.push("Closed this issue.");
        break;
      case "reopen":
        if (issue.state !== "closed") break;
        change.stateEvent = "reopen";
        commandsChanges.state_event = "reopen";
        messages.push("Reopened this issue.");
        break;
      case "label":
      case "labels": {
        const names = existing(parseLabelArgs(command.arg));
        if (names.length === 0) break;
        change.addLabels = [...(change.addLabels ?? []), ...names];
        commandsChanges.add_label_ids = labelIds(change.addLabels);
        messages.push(`Added ${pluralLabel(names)}.`);
        break;
      }
      case "unlabel":
      case "remove_label": {
        if (issue.labels.length === 0) break;
        const names = parseLabelArgs(command.arg);
        if (names.length === 0) {
          change.removeLabels = "all";
          commandsChanges.label_ids = [];
          messages.push("Removed all labels.");
        } else {
          const present = existing(names);
          if (present.length === 0) break;
          const previous = change.removeLabels === "all" ? [] : (change.removeLabels ?? []);
          change.removeLabels = [...previous, ...present];
          commandsChanges.remove_label_ids = labelIds(change.removeLabels);
          messages.push(`Removed ${pluralLabel(present)}.`);
        }
        break;
      }
      case "relabel": {
        const names = existing(parseLabelArgs(command.arg));
        if (names.length === 0) break;
        change.labels = names;
        commandsChanges.label_ids = labelIds(names);
        messages.push(`Replaced all labels with ${pluralLabel(names)}.`);
        break;
      }
      case "milestone": {
        const title = parseMilestoneArg(command.arg);
        const milestone = visibleMilestones(state, issue.projectId).find((m) => m.title === title);
        if (!milestone) break;
        change.milestoneId = milestone.id;
        commandsChanges.milestone_id = milestone.id;
        messages.push(`Set the milestone to %"${milestone.title}".`);
        break;
      }
      case "remove_milestone":
        if (issue.milestoneId === null) break;
        change.milestoneId = null;
        commandsChanges.milestone_id = null;
        messages.push("Removed the milestone.");
        break;
      case "title":
        if (command.arg === undefined) break;
        change.title = command.arg.trim();
        commandsChanges.title = change.title;
        messages.push(`Changed the title to "${change.title}".`);
        break;
      case "lock":
      case "unlock": {
        const locked = command.name === "lock";
        if (Boolean(issue.discussionLocked) === locked) break;
        change.discussionLocked = locked;
        commandsChanges.discussion_locked = locked;
        messages.push(locked ? "Locked the discussion." : "Unlocked the discussion.");
        break;
      }
      case "confidential":
        if (issue.confidential) break;
        change.confidential = true;
        commandsChanges.confidential = true;
        messages.push("Made this issue confidential.");
        break;
    }
  }
  return outcome;
}
