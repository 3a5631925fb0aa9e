// A Logger that writes into strings, for tests that check what would be printed.

import { Logger } from "../../src/report/logger.js";
import { Redactor } from "../../src/report/redact.js";

export function captureLogger(options: { debug?: boolean; secrets?: string[] } = {}) {
  const out = { stdout: "", stderr: "" };
  const logger = new Logger(
    {
      stdout: (t) => {
        out.stdout += t;
      },
      stderr: (t) => {
        out.stderr += t;
      },
    },
    new Redactor(options.secrets ?? []),
    { debug: options.debug ?? false, ci: false, json: false },
  );
  return { logger, out };
}
