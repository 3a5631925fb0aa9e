// Types shared by the checklist modules: what a parsed task item is, what a ChatOps command
// means, and what an item asks of the world before it may be ticked.

import type { ChatopsInstance, Intent } from "../engine/facts.js";
import { PHASE_NAMES } from "../engine/types.js";
import type { ActorType } from "../flags/types.js";

/** One checkbox of the rollout issue, with everything needed to match and flip it. */
export interface TaskItem {
  /** Position in document order; `parent` and `children` refer to it. */
  index: number;
  /** 1-based line of the checkbox. */
  line: number;
  /** String offset of the character between the brackets (` `, `x`, `X` or `~`). */
  boxOffset: number;
  checked: boolean;
  /** `[~]`: GitLab's "inapplicable" task (15.3+). Never ticked, never counted as open. */
  inapplicable: boolean;
  /** List nesting: 0 for an item of a top-level list, 1 for an item nested once, ... */
  depth: number;
  /** Index of the nearest enclosing task item, or null. */
  parent: number | null;
  /** Indexes of the task items whose nearest enclosing task item is this one. */
  children: number[];
  /** Heading path of the item's section, outermost first. */
  headings: string[];
  /** The item's own text (inline code kept in backticks), without child lists, whitespace collapsed. */
  text: string;
  /** Texts of the enclosing list items, outermost first (they often say "with:" or "if ..."). */
  context: string[];
  /** Texts of the checkbox-less list items between this item and its parent task item. */
  plainAncestors: string[];
  /**
   * Texts of the plain (checkbox-less) list items under this item, up to the next task item;
   * GitLab's newer templates put the alternatives and examples there.
   */
  subItems: string[];
  /** Code introduced by the item: code blocks inside it, or one right after it when its text ends with ":". */
  code: string[];
  /** Inside an HTML `<details>` block. */
  inDetails: boolean;
  /** Our hidden marker id (`<!-- ff-rollout:<id> -->`), if present. */
  marker: string | null;
}

/** A ChatOps argument that may be a template placeholder such as `<feature-flag-name>`. */
export interface CommandArg {
  text: string;
  placeholder: boolean;
}

export type SetValue =
  | { kind: "boolean"; value: boolean }
  | { kind: "percentage"; value: number }
  | { kind: "placeholder"; text: string }
  | { kind: "invalid"; text: string };

export interface ActorSelection {
  /** "any": a generic placeholder option (`--<actor-type>=<actor>`), whichever type is configured. */
  type: ActorType | "any";
  actors: CommandArg[];
}

interface CommandBase {
  /** The command as written, from `/chatops` on. */
  raw: string;
  /** `chatops gitlab run` is the newer form of `chatops run`. */
  form: "chatops run" | "chatops gitlab run";
}

export type ChatopsCommand =
  | (CommandBase & {
      kind: "feature-set";
      flag: CommandArg;
      value: SetValue;
      /** Named instances; production when none is named (ChatOps' default). */
      instances: ChatopsInstance[];
      actors: ActorSelection[];
      /** `--actors` or `--random`; null when neither is given. */
      percentageOf: "actors" | "time" | null;
    })
  | (CommandBase & { kind: "feature-delete"; flag: CommandArg; instances: ChatopsInstance[] })
  | (CommandBase & { kind: "feature-get"; flag: CommandArg; instances: ChatopsInstance[] })
  | (CommandBase & { kind: "auto-deploy-status"; sha: CommandArg })
  | (CommandBase & { kind: "release-check"; mergeRequest: CommandArg; milestone: CommandArg })
  | (CommandBase & { kind: "other"; words: string[] });

/** What the matcher knows of the rollout it ticks items for. */
export interface MatchContext {
  flag: string;
  actorType: ActorType | "none";
  actors: string[];
  percentages: number[];
  /**
   * The ChatOps instances the configuration has (optional). When given, an instance an item
   * names but the configuration lacks is not required, and "non-production" means these
   * minus production and ops. When absent, every named instance must be in the facts.
   */
  instances?: ChatopsInstance[];
  /**
   * Notifications tell some destination of every production step's change. Then the template's
   * "cross-post the command" item is the global run's, ticked once its notification is delivered
   * (every generation places it after the command that enables the flag for everyone); otherwise
   * it is a person's.
   */
  notify?: boolean;
  /**
   * Some destination wants the prepare run's announcement (event `announced`). Then the
   * template's "notify #support_gitlab-com and your team channel" item is prepare's, ticked once
   * the announcement is delivered; otherwise it is a person's.
   */
  announce?: boolean;
}

/** The phases of engine/types.ts, and the scheduled readiness check (it ticks one item). */
export const PHASES = [...PHASE_NAMES, "readiness"] as const;
export type Phase = (typeof PHASES)[number];

/** Where on the rollout a section of the issue sits, recognised from its heading. */
export type SectionKind =
  /** "The Rollout Plan": choices a person ticks, not steps. */
  | "plan"
  | "non-production"
  | "production-actors"
  | "prepare"
  | "production-rollout"
  | "release"
  | "cleanup"
  | "rollback"
  | "other";

export type InstanceSet =
  | { kind: "named"; instances: readonly ChatopsInstance[] }
  | { kind: "non-production" }
  | { kind: "all" };

export type FlagTarget =
  | { kind: "on" }
  | { kind: "off" }
  | { kind: "deleted" }
  /**
   * `series`: the whole configured production series (a `<rollout-percentage>` placeholder on
   * production); `any`: some percentage (the placeholder on non-production, where the template
   * asks for one step, "repeat with a different percentage as necessary"). Only a run that set a
   * percentage there satisfies it: fully on is not "at a percentage".
   */
  | { kind: "percentage"; of: "actors" | "time"; value: number | "series" | "any" }
  /** `named`: the actors the item names (placeholders left out); absent: the configured ones. */
  | { kind: "actors"; actorType: ActorType; named?: string[] };

/** One condition an item states; an item is done when all of its conditions hold. */
export type Requirement =
  | { kind: "flag"; where: InstanceSet; target: FlagTarget }
  | { kind: "intent"; intent: Intent };

export type ItemKind = "command" | "intent" | "human" | "group" | "unknown";

export interface ItemClassification {
  item: TaskItem;
  /**
   * command: a ChatOps command (or plain words such as "Enable on staging") says the effect;
   * intent: a check without a flag write; human: only a person can do it, never ticked;
   * group: it only groups task items and is done when they are; unknown: not recognised.
   */
  kind: ItemKind;
  /** The command whose effect the item is (for alternatives, the configured actor type's). */
  command?: ChatopsCommand;
  intent?: Intent;
  /** The phase whose run would tick it (for human items: the phase it belongs to). */
  phase?: Phase;
  section: SectionKind;
  /** False when the item is an alternative that does not apply to this configuration. */
  applicable: boolean;
  /** What must hold for the item to be ticked (empty for human, group and unknown items). */
  requirements: Requirement[];
  /** Where the classification came from, for `status` output and debugging. */
  reason: string;
}
