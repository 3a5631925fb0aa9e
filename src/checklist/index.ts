// Public API of the checklist: pure string functions over the rollout issue description.

export { classifyItems } from "./classify.js";
export { parseChatopsCommand, parseChatopsCommands } from "./commands.js";
export { MARKER_IDS } from "./markers.js";
export { itemsToTick } from "./match.js";
export { parseTaskList } from "./parse.js";
export { StaleItemError, setChecked } from "./tick.js";
export type {
  ActorSelection,
  ChatopsCommand,
  CommandArg,
  FlagTarget,
  InstanceSet,
  ItemClassification,
  ItemKind,
  MatchContext,
  Phase,
  Requirement,
  SectionKind,
  SetValue,
  TaskItem,
} from "./types.js";
export { PHASES } from "./types.js";
