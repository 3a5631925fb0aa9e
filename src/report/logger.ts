// What the CLI prints, and where. Everything passes the redactor. With --json, stdout carries the
// JSON result alone and the story goes to stderr. In GitLab CI each phase is a collapsible
// section of the job log (the section_start/section_end markers GitLab's log viewer folds).

import type { Redactor } from "./redact.js";

export interface Sink {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processSink: Sink = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export interface LoggerOptions {
  debug: boolean;
  /** Running in GitLab CI: emit section markers. */
  ci: boolean;
  /** --json: keep stdout for the JSON result. */
  json: boolean;
  /** Seconds since the epoch, for section markers; injectable for tests. */
  now?: () => number;
}

export class Logger {
  private sectionCount = 0;

  constructor(
    private readonly sink: Sink,
    readonly redactor: Redactor,
    private readonly options: LoggerOptions,
  ) {}

  /** A line of the story: what is being done, what changed. */
  info(text: string): void {
    this.write("story", text);
  }

  warn(text: string): void {
    this.write("stderr", `WARNING: ${text}`);
  }

  error(text: string): void {
    this.write("stderr", `ERROR: ${text}`);
  }

  /** Request-level detail, only with FF_ROLLOUT_DEBUG=1 (or CI_DEBUG_TRACE). */
  debug(text: string): void {
    if (this.options.debug) this.write("stderr", `[debug] ${text}`);
  }

  /** The command's result: JSON with --json, else human text. Always stdout. */
  result(text: string): void {
    this.sink.stdout(`${this.redactor.redact(text)}\n`);
  }

  /** Runs `body` inside a collapsible CI log section. */
  async section<T>(title: string, body: () => Promise<T>, collapsed = false): Promise<T> {
    const name = `ff_rollout_${++this.sectionCount}`;
    const now = this.options.now ?? (() => Math.floor(Date.now() / 1000));
    if (this.options.ci) {
      const opts = collapsed ? "[collapsed=true]" : "";
      this.write("story", `\x1b[0Ksection_start:${now()}:${name}${opts}\r\x1b[0K${title}`);
    } else {
      this.write("story", `\n== ${title}`);
    }
    try {
      return await body();
    } finally {
      if (this.options.ci) this.write("story", `\x1b[0Ksection_end:${now()}:${name}\r\x1b[0K`);
    }
  }

  private write(channel: "story" | "stderr", text: string): void {
    const line = `${this.redactor.redact(text)}\n`;
    if (channel === "story" && !this.options.json) this.sink.stdout(line);
    else this.sink.stderr(line);
  }
}
