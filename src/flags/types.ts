// The flag model every phase reasons about, independent of where the flag lives.
// GitLab's Features API (Flipper underneath) is the first backend; the types keep to what
// Flipper can express so that a state read back can be compared with a state planned.

/** Actor kinds the Features API accepts as request parameters (lib/api/features.rb). */
export const ACTOR_TYPES = [
  "project",
  "group",
  "user",
  "namespace",
  "repository",
  "feature_group",
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** The state of one flag on one instance, decoded from its gates. */
export interface FlagState {
  name: string;
  /** false when GET /features does not list the flag: it was never set (or was deleted) and is off. */
  exists: boolean;
  /** Flipper's summary: on (boolean gate or 100% of time), conditional (any partial gate), off. */
  state: "on" | "off" | "conditional";
  boolean: boolean;
  /** 0 when the gate is not set. GitLab stores decimals ("0.5"), so this is a number, not an integer. */
  percentageOfActors: number;
  percentageOfTime: number;
  /** Flipper ids as GitLab reports them, e.g. "Project:12", "Group:3", "User:1". */
  actors: string[];
  /** Feature groups (the `groups` gate), e.g. "gitlab_team_members". */
  featureGroups: string[];
}

/** One write a phase asks of a backend. Each maps to exactly one API request. */
export type FlagChange =
  | { kind: "enable" }
  | { kind: "disable" }
  | { kind: "percentage"; of: "actors" | "time"; percentage: number }
  | { kind: "actors"; actorType: ActorType; actors: string[] }
  | { kind: "delete" };

/** Reads and writes flags on one instance. */
export interface FlagBackend {
  /** The instance this backend talks to, by its configured environment name. */
  readonly instance: string;
  read(flag: string): Promise<FlagState>;
  /** Applies one change and returns the state GitLab answered with (or the absent state after delete). */
  apply(flag: string, change: FlagChange): Promise<FlagState>;
}

export function absentFlag(name: string): FlagState {
  return {
    name,
    exists: false,
    state: "off",
    boolean: false,
    percentageOfActors: 0,
    percentageOfTime: 0,
    actors: [],
    featureGroups: [],
  };
}

/** Fully on for everyone: the boolean gate, or 100% of time (Flipper reports both as "on"). */
export function isFullyOn(state: FlagState): boolean {
  return state.boolean || state.percentageOfTime >= 100;
}

/** Off for everyone: no gate lets anybody in. */
export function isFullyOff(state: FlagState): boolean {
  return (
    !isFullyOn(state) &&
    state.percentageOfActors === 0 &&
    state.percentageOfTime === 0 &&
    state.actors.length === 0 &&
    state.featureGroups.length === 0
  );
}

/**
 * Turns actor paths into the ids GitLab's gates hold ("Project:12", "Group:3", "User:1"), so a
 * phase can see whether they are enabled already. Undefined when an actor kind cannot be
 * resolved through the API (repositories): the write is then sent, which GitLab makes idempotent.
 */
export interface ActorResolver {
  resolve(actorType: ActorType, actors: string[]): Promise<string[] | undefined>;
}
