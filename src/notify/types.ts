// Notifications: what happened (an event of a phase run), where it goes (destinations from the
// config) and what became of each delivery (reported, never fatal).

// `announced`: the prepare run tells what is coming on production (steps, earliest full enablement).
export const NOTIFY_EVENTS = [
  "changed",
  "refused",
  "breached",
  "rolled-back",
  "announced",
] as const;
export type NotifyEventKind = (typeof NOTIFY_EVENTS)[number];

export interface NotifyDestination {
  kind: "slack" | "webhook";
  /** The variable holding the URL; the URL itself is read at send time and never stored here. */
  urlEnv: string;
  events: NotifyEventKind[];
  /** Only these phases; undefined for every phase. */
  phases: string[] | undefined;
}

/** One thing worth telling the channels. Every string may hold hostile text (flag names are safe,
 *  reasons and refusals are not): the renderers escape them. */
export interface NotifyEvent {
  event: NotifyEventKind;
  phase: string;
  flag: string;
  /** Production instances involved (changed or rolled back): a notification for production. */
  production: boolean;
  /** One line per instance change, refusal or breach figure. */
  details: string[];
  reason: string | undefined;
  rolloutIssueUrl: string;
  jobUrl: string | undefined;
  user: string | undefined;
  at: string;
}

export interface Delivery {
  /** The destination by its variable's name: the URL is a secret. */
  destination: string;
  kind: NotifyDestination["kind"];
  event: NotifyEventKind;
  delivered: boolean;
  /** Why it was not delivered, with every secret masked. */
  error?: string;
}
