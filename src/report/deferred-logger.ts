// A logger whose lines wait: work that runs alongside other work (the checklist tick runs while
// the audit note is written) logs here, and its lines are told afterwards, in their own section,
// so that the CI log still reads as a story and not as two interleaved ones.

import { Logger } from "./logger.js";

type Line = { level: "info" | "warn" | "error" | "debug"; text: string };

export class DeferredLogger extends Logger {
  private readonly lines: Line[] = [];

  constructor(private readonly target: Logger) {
    // Never written to: every line is kept and replayed through the target.
    super({ stdout: () => {}, stderr: () => {} }, target.redactor, {
      debug: true,
      ci: false,
      json: true,
    });
  }

  override info(text: string): void {
    this.lines.push({ level: "info", text });
  }

  override warn(text: string): void {
    this.lines.push({ level: "warn", text });
  }

  override error(text: string): void {
    this.lines.push({ level: "error", text });
  }

  override debug(text: string): void {
    this.lines.push({ level: "debug", text });
  }

  /** Tells the kept lines through the target logger, in order, and forgets them. */
  replay(): void {
    for (const line of this.lines.splice(0)) this.target[line.level](line.text);
  }
}
