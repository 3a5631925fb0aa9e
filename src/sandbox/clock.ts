// The sandbox's notion of "now". Every timestamp the sandbox writes (created_at, updated_at,
// the Date header, the request log) comes from here, so tests and the demo can move time
// (soak periods, token expiry) without waiting for it.

export interface SandboxClock {
  now(): Date;
  /** Jump to a moment. A running clock keeps running from there; a frozen one stays there. */
  set(date: Date | string): void;
  /** Move forward (or back, with a negative number). */
  advance(ms: number): void;
  /**
   * A timestamp for a write: `now()`, but strictly later than the previous stamp. A frozen
   * clock would otherwise give two successive writes the same updated_at, and "did the issue
   * change since I read it?" checks could not see the second one; on GitLab real time passes
   * between two requests.
   */
  stamp(): Date;
  readonly running: boolean;
}

export interface ClockOptions {
  /** Start time. Default: the real current time. */
  start?: Date | string;
  /** Whether time passes on its own. Default: false when a start is given, true otherwise. */
  running?: boolean;
}

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date: ${String(value)}`);
  return date;
}

export function createClock(options: ClockOptions = {}): SandboxClock {
  const running = options.running ?? options.start === undefined;
  // A running clock is an offset from the real clock; a frozen one is a fixed instant.
  let base = options.start === undefined ? Date.now() : toDate(options.start).getTime();
  let setAt = Date.now();
  // Seeded records carry the start time; the first write must come after them.
  let lastStamp = base;

  const nowMs = (): number => (running ? base + (Date.now() - setAt) : base);

  return {
    running,
    now: () => new Date(nowMs()),
    set(date) {
      base = toDate(date).getTime();
      setAt = Date.now();
      // An explicit jump defines the time of the next write exactly, even a jump backwards.
      lastStamp = Number.NEGATIVE_INFINITY;
    },
    advance(ms) {
      base += ms;
    },
    stamp() {
      const ms = Math.max(nowMs(), lastStamp + 1);
      lastStamp = ms;
      return new Date(ms);
    },
  };
}
