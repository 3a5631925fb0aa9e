// GitLab's clock, as seen in the Date header of its answers. Soak times are measured on it, not on
// the runner's clock: a runner whose clock runs ahead must not make a soak look finished.

export class ServerClock {
  /** Server time minus local time, from the latest answer; undefined until one arrives. */
  private offsetMs: number | undefined;

  constructor(private readonly localNow: () => number = Date.now) {}

  observe(serverDate: Date): void {
    this.offsetMs = serverDate.getTime() - this.localNow();
  }

  get known(): boolean {
    return this.offsetMs !== undefined;
  }

  /** The server's current time, or undefined when no answer has told it yet. */
  now(): Date | undefined {
    return this.offsetMs === undefined ? undefined : new Date(this.localNow() + this.offsetMs);
  }
}
